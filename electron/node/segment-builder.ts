// Builds search index segments off the main thread: a small pool of worker
// threads running dist/search-worker.mjs, one shard per job, as many jobs in
// flight as threads. Without the bundle (unit tests before a build) or with
// `workers: 0`, segments are built in-process in slices of a few notes with
// setImmediate between them, so the event loop never stalls for long. A
// worker that dies hands its job to the in-process path: a build never fails
// because of a thread.

import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchDoc } from '../core/search/search-doc';
import { SegmentWriter } from '../core/search/segment';
import { findWorkerBundle, workerThreadsFor } from './worker-bundle';

export const SEARCH_WORKER_FILE = 'search-worker.mjs';
/** Notes analysed per slice when building in-process (~5 ms of work for typical notes). */
const SLICE_NOTES = 16;

export interface SegmentJob {
  job: number;
  docs: SearchDoc[];
}

export type SegmentJobResult = { job: number; json: string } | { job: number; error: string };

/** Search index threads at most; the same cap as the parse pool's. */
const MAX_SEARCH_WORKERS = 4;

/** One thread per core, leaving one to the main thread; at least one, at most 4. */
export function defaultSearchWorkers(): number {
  return workerThreadsFor(MAX_SEARCH_WORKERS);
}

/**
 * The bundled worker: beside this bundle (dist/cli.mjs), one folder up (from
 * dist/main/ or dist/bench/) or, from source, in dist/. Null when not built.
 */
export function findSearchWorker(): URL | null {
  const path = findWorkerBundle(SEARCH_WORKER_FILE);
  return path === null ? null : pathToFileURL(path);
}

interface Pending {
  docs: SearchDoc[];
  resolve: (json: string) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The job it is building, or -1 when idle. */
  job: number;
}

export class SegmentBuilder {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly queue: number[] = [];
  private nextJob = 0;
  private closed = false;

  /** `workers` threads running `script`; none (in-process slices) when 0 or when the script is missing. */
  constructor(workers: number, script: URL | null) {
    if (script === null || !existsSync(fileURLToPath(script))) return;
    for (let i = 0; i < workers; i++) {
      try {
        const thread: Thread = { worker: new Worker(script), job: -1 };
        thread.worker.on('message', (result: SegmentJobResult) => this.received(thread, result));
        thread.worker.on('error', () => this.lost(thread));
        thread.worker.on('exit', () => this.lost(thread));
        // Idle workers must not keep a CLI process alive.
        thread.worker.unref();
        this.threads.push(thread);
      } catch {
        // No thread: the in-process path takes the jobs.
      }
    }
  }

  /** Worker threads running; 0 means segments are built in-process. */
  get workerCount(): number {
    return this.threads.length;
  }

  /**
   * The segment JSON of `docs` (see serializeSegment). `inProcess` skips the
   * threads: for a second try when what a worker sent could not be loaded
   * (a worker bundle older than this code).
   */
  build(docs: SearchDoc[], options: { inProcess?: boolean } = {}): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The segment builder is closed.'));
    const job = this.nextJob++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(job, { docs, resolve, reject });
      if (this.threads.length === 0 || options.inProcess === true) {
        this.buildInProcess(job);
      } else {
        this.queue.push(job);
        this.dispatch();
      }
    });
  }

  /** Stops the threads; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const [job, pending] of this.pending) {
      this.pending.delete(job);
      pending.reject(new Error('The segment builder was closed.'));
    }
    await Promise.all(threads.map((t) => t.worker.terminate().catch(() => 0)));
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.job !== -1) continue;
      const job = this.queue.shift();
      if (job === undefined) return;
      const pending = this.pending.get(job);
      if (pending === undefined) continue;
      thread.job = job;
      thread.worker.ref();
      const message: SegmentJob = { job, docs: pending.docs };
      thread.worker.postMessage(message);
    }
  }

  private received(thread: Thread, result: SegmentJobResult): void {
    thread.job = -1;
    thread.worker.unref();
    const pending = this.pending.get(result.job);
    if (pending !== undefined) {
      this.pending.delete(result.job);
      if ('json' in result) pending.resolve(result.json);
      else pending.reject(new Error(`Building a search segment failed: ${result.error}`));
    }
    this.dispatch();
  }

  private lost(thread: Thread): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    if (this.closed) return;
    // Its job, and the queue if no thread is left, are built here instead.
    const orphans = thread.job !== -1 ? [thread.job] : [];
    if (this.threads.length === 0) orphans.push(...this.queue.splice(0));
    for (const job of orphans) this.buildInProcess(job);
  }

  /** Analyses a few notes per turn of the event loop. */
  private buildInProcess(job: number): void {
    const pending = this.pending.get(job);
    if (pending === undefined) return;
    const writer = new SegmentWriter();
    let next = 0;
    const step = (): void => {
      if (this.closed || !this.pending.has(job)) return;
      try {
        const end = Math.min(pending.docs.length, next + SLICE_NOTES);
        for (; next < end; next++) writer.add(pending.docs[next]);
        if (next < pending.docs.length) {
          setImmediate(step);
          return;
        }
        this.pending.delete(job);
        pending.resolve(writer.finish());
      } catch (error) {
        this.pending.delete(job);
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    setImmediate(step);
  }
}
