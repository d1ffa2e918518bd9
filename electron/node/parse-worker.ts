// Worker thread entry (bundled as dist/parse-worker.mjs): reads batches of
// note files and parses them, off the main thread. Blocking reads are fine
// here and cost half what the main thread's callback chain does. Each answer
// carries the file's outcome (as the scan gives it) and, for a note whose
// bytes are not the ones the parse cache knows, its record: a parsed note
// without its text (the main thread cuts the rest from the text it gets).
// A record that cannot be made, or a parse that throws, comes back null and
// the main thread parses that note itself.

import { parentPort } from 'node:worker_threads';
import { parseNote } from '../core/note';
import { toNoteRecord, type NoteRecord } from '../core/note-record';
import type { ReadBatch, ReadBatchResult, ReadResult } from './parse-pool';
import { readNoteFileSync } from './store/scan';

function recordOf(id: string, source: string): NoteRecord | null {
  try {
    return toNoteRecord(parseNote(id, source));
  } catch {
    return null;
  }
}

parentPort?.on('message', (batch: ReadBatch) => {
  const results = batch.files.map(([id, absPath, knownHash]): ReadResult => {
    const outcome = readNoteFileSync({ id, absPath }, batch.maxBytes);
    if (!batch.parse || outcome === null || !('note' in outcome) || outcome.note.version.hash === knownHash) return { outcome };
    return { outcome, record: recordOf(id, outcome.note.source) };
  });
  const answer: ReadBatchResult = { batch: batch.batch, results };
  parentPort!.postMessage(answer);
});
