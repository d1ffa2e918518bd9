// Reads and parses note files in worker threads (dist/parse-worker.mjs) for
// an open: the main thread only lists the folder, then receives each note's
// text, version and (when the parse cache does not know its bytes) its
// parsed record. Files go out in small batches, one batch at a time per
// worker, so a worker that drew long notes simply takes fewer. Never fails
// for a worker's sake: files whose worker died are read in-process, their
// notes reported without a record (the caller asks its cache, or parses them).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NoteId } from '../core/model';
import type { NoteRecord } from '../core/note-record';
import { mapLimit } from './store/concurrency';
import { readNoteFile, type NoteFile, type NoteReadOutcome, type ScannedNote } from './store/scan';
import { findWorkerBundle, workerThreadsFor } from './worker-bundle';

export const PARSE_WORKER_FILE = 'parse-worker.mjs';
/** More threads than this gain little (the graph is built on the main thread) and each costs memory. */
const MAX_WORKERS = 4;

export interface ReadBatch {
  batch: number;
  /** `[id, absolute path, hash the parse cache has for it]`. */
  files: Array<[NoteId, string, string | null]>;
  maxBytes: number;
  /** Parse the notes too (else only read them). */
  parse: boolean;
}

export interface ReadResult {
  outcome: NoteReadOutcome;
  /** Absent: not parsed (its bytes are the cached ones). Null: parse it yourself. */
  record?: NoteRecord | null;
}

export interface ReadBatchResult {
  batch: number;
  results: ReadResult[];
}

export interface WorkerPlan {
  workers: number;
  /** Whether the threads parse too, or only read (the main thread parses). */
  parse: boolean;
}

/**
 * How to use threads on a machine with `cores` cores. With four or more,
 * threads read and parse while the main thread only assembles. With two,
 * measured on 10,000 notes, threads that parse as well lose to one thread
 * that only reads (blocking reads, about half what the main thread's
 * callback chain costs) while the main thread parses what arrives: the
 * parser's warm-up is paid once, and nothing waits for a busy core.
 */
export function defaultWorkerPlan(cores: number = availableParallelism()): WorkerPlan {
  return cores >= 4 ? { workers: workerThreadsFor(MAX_WORKERS, cores), parse: true } : { workers: 1, parse: false };
}

/** The bundled worker script (dist/parse-worker.mjs); null when not built: callers read and parse in-process. */
export function findParseWorkerScript(): string | null {
  return findWorkerBundle(PARSE_WORKER_FILE);
}

export interface PoolReadOptions {
  /** The worker script (see findParseWorkerScript). */
  script: string;
  workers: number;
  maxBytes: number;
  /** Whether the threads parse the notes too, or only read them (the caller parses). */
  parse: boolean;
  /** The content hash the parse cache holds for a note: a note with those bytes is not parsed. */
  knownHash: (id: NoteId) => string | undefined;
  /** Called on the main thread with each note as it arrives, with its record (see ReadResult). */
  onNote: (note: ScannedNote, record: NoteRecord | null | undefined) => void;
}

export interface PoolReadResult {
  /** The outcome of reading each file, in the order given. */
  outcomes: NoteReadOutcome[];
  /** Threads that answered at least one batch. */
  workersUsed: number;
}

export async function readNotesInWorkers(files: readonly NoteFile[], options: PoolReadOptions): Promise<PoolReadResult> {
  const outcomes = new Array<NoteReadOutcome | undefined>(files.length);
  const workers = Math.max(1, Math.min(options.workers, files.length));
  // Small batches keep the threads evenly busy and the main thread fed as it goes.
  const size = Math.max(16, Math.min(256, Math.ceil(files.length / (workers * 16))));
  const batches: Array<[start: number, end: number]> = [];
  for (let start = 0; start < files.length; start += size) batches.push([start, Math.min(files.length, start + size)]);
  let next = 0;
  let workersUsed = 0;
  let failure: { error: unknown } | null = null;
  const deliver = (note: ScannedNote, record: NoteRecord | null | undefined): void => {
    try {
      options.onNote(note, record);
    } catch (error) {
      failure ??= { error };
    }
  };

  const runWorker = (): Promise<void> =>
    new Promise((done) => {
      let worker: Worker;
      try {
        worker = new Worker(options.script);
      } catch {
        return done();
      }
      let finished = false;
      let answered = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        void worker.terminate();
        done();
      };
      const send = (): void => {
        if (next >= batches.length) return finish();
        const batch = next++;
        const [start, end] = batches[batch];
        const message: ReadBatch = {
          batch,
          files: files.slice(start, end).map((f) => [f.id, f.absPath, options.knownHash(f.id) ?? null]),
          maxBytes: options.maxBytes,
          parse: options.parse,
        };
        worker.postMessage(message);
      };
      worker.on('message', (answer: ReadBatchResult) => {
        if (!answered) {
          answered = true;
          workersUsed++;
        }
        const [start, end] = batches[answer.batch] ?? [0, 0];
        if (Array.isArray(answer.results) && answer.results.length === end - start) {
          answer.results.forEach((result, i) => {
            outcomes[start + i] = result.outcome;
            if (result.outcome !== null && 'note' in result.outcome) deliver(result.outcome.note, result.record);
          });
        }
        send();
      });
      // A worker that fails leaves its batch to the main thread; the others carry on.
      worker.on('error', finish);
      worker.on('exit', finish);
      send();
    });

  await Promise.all(Array.from({ length: workers }, runWorker));

  // Whatever no worker answered for is read here.
  const missing = files.map((_, i) => i).filter((i) => outcomes[i] === undefined);
  await mapLimit(missing, 64, async (i) => {
    const outcome = await readNoteFile(files[i], options.maxBytes);
    outcomes[i] = outcome;
    if (outcome !== null && 'note' in outcome) deliver(outcome.note, undefined);
  });
  if (failure !== null) throw (failure as { error: unknown }).error;
  return { outcomes: outcomes as NoteReadOutcome[], workersUsed };
}
