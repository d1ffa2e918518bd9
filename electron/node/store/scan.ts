// Reads a whole notebook folder: every note's text and version, the other
// files (attachments, for link resolution) and the files that cannot be
// indexed, with the reason. Nothing is ever written here.

import type { NoteVersion, SkippedFile } from '../../core/api';
import type { NoteId } from '../../core/model';
import { isNoteFileName, normalizeId } from '../../core/paths';
import { mapLimit } from './concurrency';
import { readFileWithStat } from './read-bytes';
import { versionOf } from './file-version';
import { decodeText, type Eol } from './text-file';
import { walkFolder } from './walk';

export const MAX_NOTE_BYTES = 5 * 1024 * 1024;

export interface ScannedNote {
  id: NoteId;
  /** The text without a BOM, line endings as found. */
  source: string;
  version: NoteVersion;
  bom: boolean;
  eol: Eol;
}

export interface ScanResult {
  /** Sorted by id. */
  notes: ScannedNote[];
  /** Relative paths (NFC, `/`-separated) of the other files, sorted. */
  attachments: string[];
  /** Note files that are not indexed, with the reason. */
  skipped: SkippedFile[];
  ms: number;
}

export interface ScanOptions {
  /** Files read at once. Default 64. */
  concurrency?: number;
  /** Larger note files are skipped as too large. Default 5 MB. */
  maxBytes?: number;
  /** Skip a relative path (`/`-separated); a skipped folder is not entered. */
  ignore?: (relPath: string) => boolean;
}

type ReadOutcome = { note: ScannedNote } | { skipped: SkippedFile } | null;

/** Scans `root`, which must be the real path of an existing folder (FolderStore.open checks that). */
export async function scanNotebook(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const maxBytes = options.maxBytes ?? MAX_NOTE_BYTES;
  const files = await walkFolder(root, { ignore: options.ignore });

  const attachments: string[] = [];
  const noteFiles: Array<{ id: NoteId; relPath: string; absPath: string }> = [];
  const seen = new Set<NoteId>();
  for (const file of files) {
    const id = normalizeId(file.relPath);
    if (!isNoteFileName(file.name)) {
      attachments.push(id);
      continue;
    }
    // Two names that differ only in Unicode normalisation would share an id: the first wins.
    if (seen.has(id)) continue;
    seen.add(id);
    noteFiles.push({ id, relPath: file.relPath, absPath: file.absPath });
  }

  const outcomes = await mapLimit(noteFiles, options.concurrency ?? 64, (file) => readNoteFile(file, maxBytes));
  const notes: ScannedNote[] = [];
  const skipped: SkippedFile[] = [];
  for (const outcome of outcomes) {
    if (outcome === null) continue;
    if ('note' in outcome) notes.push(outcome.note);
    else skipped.push(outcome.skipped);
  }
  notes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { notes, attachments, skipped, ms: performance.now() - started };
}

async function readNoteFile(file: { id: NoteId; absPath: string }, maxBytes: number): Promise<ReadOutcome> {
  let outcome;
  try {
    outcome = await readFileWithStat(file.absPath, maxBytes);
  } catch (error) {
    // Deleted between listing and reading: simply not there any more.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { skipped: { path: file.id, reason: 'unreadable' } };
  }
  if ('tooLarge' in outcome) return { skipped: { path: file.id, reason: 'too-large' } };
  const decoded = decodeText(outcome.bytes);
  if (decoded.binary) return { skipped: { path: file.id, reason: 'binary' } };
  if (!decoded.valid) return { skipped: { path: file.id, reason: 'invalid-utf8' } };
  return {
    note: { id: file.id, source: decoded.text, version: versionOf(outcome.bytes, outcome.stat), bom: decoded.bom, eol: decoded.eol },
  };
}
