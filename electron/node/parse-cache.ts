// Parsed notes cached outside the notebook, so a reopen parses only the notes
// whose bytes changed. One JSON file per notebook (in notebookCacheDir):
// a header naming the record layout and the parser version, then one
// `[id, sha256 of the file's bytes, NoteRecord]` per note. Anything wrong with
// the file (missing, truncated, another version, a malformed entry) only
// means those notes are parsed again: the cache is never an error.

import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NoteId, ParsedNote } from '../core/model';
import { NOTE_PARSER_VERSION } from '../core/note';
import { fromNoteRecord, NOTE_RECORD_FORMAT, type NoteRecord } from '../core/note-record';
import { writeFileAtomic } from './store/atomic-write';

export const PARSE_CACHE_FILE = 'parsed-notes.json';
const FORMAT = 'research-notebook/parsed-notes';

export interface ParseCacheEntry {
  id: NoteId;
  /** sha256 (hex) of the file's bytes, as the scan reports it in `version.hash`. */
  hash: string;
  record: NoteRecord;
}

interface Header {
  format: string;
  record: number;
  parser: number;
  count: number;
}

export class ParseCache {
  private constructor(private readonly entries: Map<NoteId, { hash: string; record: unknown }>) {}

  /** An empty cache: every lookup misses. */
  static empty(): ParseCache {
    return new ParseCache(new Map());
  }

  /**
   * Reads the cache file in `dir`. Missing, unreadable, corrupt or written by
   * another parser version: an empty cache (the caller parses everything).
   */
  static async load(dir: string, parserVersion: number = NOTE_PARSER_VERSION): Promise<ParseCache> {
    let text: string;
    try {
      text = await readFile(join(dir, PARSE_CACHE_FILE), 'utf8');
    } catch {
      return ParseCache.empty();
    }
    return ParseCache.fromText(text, parserVersion);
  }

  /** Reads a cache file's text; see {@link ParseCache.load}. */
  static fromText(text: string, parserVersion: number = NOTE_PARSER_VERSION): ParseCache {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return ParseCache.empty();
    }
    if (!Array.isArray(data) || data.length !== 2) return ParseCache.empty();
    const [header, notes] = data as [Partial<Header>, unknown];
    const current =
      typeof header === 'object' &&
      header !== null &&
      header.format === FORMAT &&
      header.record === NOTE_RECORD_FORMAT &&
      header.parser === parserVersion &&
      Array.isArray(notes) &&
      header.count === notes.length;
    if (!current) return ParseCache.empty();
    const entries = new Map<NoteId, { hash: string; record: unknown }>();
    for (const entry of notes as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 3) continue;
      const [id, hash, record] = entry as unknown[];
      if (typeof id === 'string' && typeof hash === 'string') entries.set(id, { hash, record });
    }
    return new ParseCache(entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached parse of note `id` when the file still has the bytes hashed
   * `hash` (`rawSource` is their text), else null.
   */
  lookup(id: NoteId, hash: string, rawSource: string): ParsedNote | null {
    const entry = this.entries.get(id);
    if (!entry || entry.hash !== hash) return null;
    return fromNoteRecord(id, rawSource, entry.record);
  }

  /** The content hash cached for note `id`, if any. */
  hashOf(id: NoteId): string | undefined {
    return this.entries.get(id)?.hash;
  }

  /** The stored record of a note whose bytes hash to `hash` (to write it back unchanged). */
  record(id: NoteId, hash: string): NoteRecord | null {
    const entry = this.entries.get(id);
    return entry && entry.hash === hash ? (entry.record as NoteRecord) : null;
  }
}

/** One line per entry, so a damaged line is easy to see (and to make in tests). */
function entryLines(entries: readonly ParseCacheEntry[]): string {
  return entries.map((e) => JSON.stringify([e.id, e.hash, e.record])).join(',\n');
}

function joinCacheTexts(parts: string[], count: number, parserVersion: number): string {
  const header: Header = { format: FORMAT, record: NOTE_RECORD_FORMAT, parser: parserVersion, count };
  return `[${JSON.stringify(header)},[\n${parts.filter((p) => p !== '').join(',\n')}\n]]\n`;
}

const ENTRIES_PER_TURN = 1000;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replaces the cache file in `dir` atomically (temp file, then rename), so a
 * reader sees the old cache or the new one, never a mix. The text is made a
 * thousand notes per turn of the event loop, so a large notebook's write
 * never holds the main thread for long.
 */
export async function saveParseCache(dir: string, entries: readonly ParseCacheEntry[], parserVersion: number = NOTE_PARSER_VERSION): Promise<void> {
  const parts: string[] = [];
  for (let start = 0; start < entries.length; start += ENTRIES_PER_TURN) {
    if (start > 0) await nextTurn();
    parts.push(entryLines(entries.slice(start, start + ENTRIES_PER_TURN)));
  }
  const text = joinCacheTexts(parts, entries.length, parserVersion);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, PARSE_CACHE_FILE), Buffer.from(text, 'utf8'));
}
