// How the notes are split into index shards: each note goes to the shard
// named by a hash of its id, so an edit, an addition or a removal changes
// one shard and a reopen rebuilds only that one. A shard is named by a hash
// of its notes' ids and content hashes: the index cache stores it under that
// key, so "is this cached shard still right?" is "does the file exist?".

import lunr from 'lunr';
import { hashTexts, type SearchDoc } from './search-doc';
import { SEGMENT_FORMAT } from './segment';

/** About this many notes per shard: ~1 MB of text, a JSON parse of a few ms. */
export const NOTES_PER_SHARD = 400;
export const MAX_SHARDS = 64;

/**
 * The shard count for `notes` notes. The previous count is kept while it
 * stays within a factor of two of the ideal, so adding or removing a few
 * notes never reshuffles (and rebuilds) every shard.
 */
export function shardCount(notes: number, previous?: number): number {
  const ideal = Math.min(MAX_SHARDS, Math.max(1, Math.ceil(notes / NOTES_PER_SHARD)));
  if (previous !== undefined && Number.isInteger(previous) && previous >= 1 && previous <= MAX_SHARDS) {
    if (previous * 2 >= ideal && previous <= ideal * 2) return previous;
  }
  return ideal;
}

/** FNV-1a of the id, so a note stays in its shard for as long as the count stays. */
export function shardOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % count;
}

/** Splits docs into at most `count` non-empty shards, each in id order. */
export function assignShards(docs: readonly SearchDoc[], count: number): SearchDoc[][] {
  const groups: SearchDoc[][] = Array.from({ length: count }, () => []);
  for (const doc of docs) groups[shardOf(doc.id, count)].push(doc);
  return groups
    .filter((group) => group.length > 0)
    .map((group) => group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** The cache key of a shard: its notes' ids and content hashes (`searchDocHash`), the format and lunr's version. */
export function shardKey(docs: readonly SearchDoc[], hashes: readonly string[]): string {
  return hashTexts([`format ${SEGMENT_FORMAT}`, `lunr ${lunr.version}`, ...docs.flatMap((doc, i) => [doc.id, hashes[i]])]);
}
