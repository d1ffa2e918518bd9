// Reads a whole notebook folder: every note's text and version, the other
// files (attachments, for link resolution) and the files that cannot be
// indexed, with the reason. Nothing is ever written here.

import type { NoteVersion, SkippedFile } from '../../core/api';
import type { NoteId } from '../../core/model';
import { isNoteFileName, normalizeId } from '../../core/paths';
import { mapLimit } from './concurrency';
import { readFileWithStat, readFileWithStatSync, type ReadOutcome } from './read-bytes';
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

/** A note file found by the walk, before reading. */
export interface NoteFile {
  id: NoteId;
  relPath: string;
  absPath: string;
}

/** What reading one note file gave: the note, a reason to skip it, or null when it vanished. */
export type NoteReadOutcome = { note: ScannedNote } | { skipped: SkippedFile } | null;

export interface NotebookListing {
  /** Note files, by walk order; one per id. */
  noteFiles: NoteFile[];
  /** Relative paths (NFC, `/`-separated) of the other files, sorted. */
  attachments: string[];
}

/** Scans `root`, which must be the real path of an existing folder (FolderStore.open checks that). */
export async function scanNotebook(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  return readListing(await listNotebook(root, options), options, started);
}

/** Reads the note files of `listing` (`concurrency` at once); `ms` counts from `started`. */
export async function readListing(
  listing: NotebookListing,
  options: Pick<ScanOptions, 'concurrency' | 'maxBytes'> = {},
  started: number = performance.now(),
): Promise<ScanResult> {
  const maxBytes = options.maxBytes ?? MAX_NOTE_BYTES;
  const outcomes = await mapLimit(listing.noteFiles, options.concurrency ?? 64, (file) => readNoteFile(file, maxBytes));
  return assembleScan(outcomes, listing.attachments, started);
}

/** Every file under `root`, split into note files (one per id) and attachments. */
export async function listNotebook(root: string, options: Pick<ScanOptions, 'ignore'> = {}): Promise<NotebookListing> {
  const files = await walkFolder(root, { ignore: options.ignore });
  const attachments: string[] = [];
  const noteFiles: NoteFile[] = [];
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
  return { noteFiles, attachments };
}

/** The scan result from the outcomes of reading `noteFiles`, in their order. */
export function assembleScan(outcomes: Iterable<NoteReadOutcome>, attachments: string[], started: number): ScanResult {
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

export async function readNoteFile(file: { id: NoteId; absPath: string }, maxBytes: number): Promise<NoteReadOutcome> {
  try {
    return noteOutcome(file.id, await readFileWithStat(file.absPath, maxBytes));
  } catch (error) {
    return readFailure(file.id, error);
  }
}

/** The same as readNoteFile, reading synchronously (for worker threads, where blocking costs nothing). */
export function readNoteFileSync(file: { id: NoteId; absPath: string }, maxBytes: number): NoteReadOutcome {
  try {
    return noteOutcome(file.id, readFileWithStatSync(file.absPath, maxBytes));
  } catch (error) {
    return readFailure(file.id, error);
  }
}

function readFailure(id: NoteId, error: unknown): NoteReadOutcome {
  // Deleted between listing and reading: simply not there any more.
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  return { skipped: { path: id, reason: 'unreadable' } };
}

function noteOutcome(id: NoteId, outcome: ReadOutcome): NoteReadOutcome {
  if ('tooLarge' in outcome) return { skipped: { path: id, reason: 'too-large' } };
  const decoded = decodeText(outcome.bytes);
  if (decoded.binary) return { skipped: { path: id, reason: 'binary' } };
  if (!decoded.valid) return { skipped: { path: id, reason: 'invalid-utf8' } };
  return {
    note: { id, source: decoded.text, version: versionOf(outcome.bytes, outcome.stat), bom: decoded.bom, eol: decoded.eol },
  };
}
