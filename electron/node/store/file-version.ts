// The version of a file as the editor loaded it: the hash of its bytes decides
// whether the disk changed; mtime and size are kept for cheap change checks.

import { createHash } from 'node:crypto';
import type { NoteVersion } from '../../core/api';

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function versionOf(bytes: Uint8Array, stat: { mtimeMs: number }): NoteVersion {
  return { hash: hashBytes(bytes), mtimeMs: stat.mtimeMs, size: bytes.length };
}

/** Two versions hold the same bytes. mtime alone is not trusted: copies and checkouts reset it. */
export function sameVersion(a: NoteVersion, b: NoteVersion): boolean {
  return a.hash === b.hash;
}

/** A well-formed version argument (it may come from a renderer or over HTTP). */
export function isNoteVersion(value: unknown): value is NoteVersion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.hash === 'string' && /^[0-9a-f]{64}$/.test(v.hash) && typeof v.mtimeMs === 'number' && typeof v.size === 'number';
}
