// Watches a notebook folder for notes changed by other programs and reports
// each change once, within a second: an editor's atomic save (temp file +
// rename) is one upsert, a `git checkout` of hundreds of files is one upsert
// per file, a rename is a remove plus an upsert.
//
// chokidar's events are only hints of where to look: every reported change
// comes from comparing what is on disk (stat) with what the watcher last
// knew, so duplicate, reordered or missing events cannot produce a wrong
// report, and a periodic reconcile walk reports what the OS never told us.
//
// A notebook folder that is moved away or unmounted is an error, never a mass
// deletion: before any removal is reported the root must still be the very
// folder (device + inode) the watcher started on.

import { watch, type FSWatcher } from 'chokidar';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { NoteId } from '../core/model';
import { isNoteFileName, normalizeId } from '../core/paths';
import { mapLimit } from './store/concurrency';
import { hashBytes } from './store/file-version';
import { isExcludedFolderName, isInside, walkFolder } from './store/walk';

export interface WatchEvent {
  kind: 'upsert' | 'remove';
  id: NoteId;
  /** For an upsert: what the file looked like when the change was seen. */
  stat?: FileStat;
}

export interface AttachmentEvent {
  /** Relative path (`/`-separated, NFC) of a non-note file. */
  path: string;
  exists: boolean;
}

export interface FileStat {
  mtimeMs: number;
  size: number;
}

export interface WatcherOptions {
  /** Interval of the reconcile walk, ms. Default 30 000; 0 turns it off. */
  reconcileMs?: number;
  /** Quiet time before a batch of changes is reported, ms. Default 75. */
  debounceMs?: number;
  /** Skip a relative path (`/`-separated) on top of the dot-folders and node_modules. */
  ignore?: (relPath: string) => boolean;
  /** Non-note files appearing or disappearing (not reconciled). */
  onAttachment?: (event: AttachmentEvent) => void;
  onError?: (error: unknown) => void;
  /** While the notebook folder is gone, how often to look for it again, ms. Default 2 000. */
  rootRetryMs?: number;
}

/** The message of the error reported (once) when the notebook folder disappears. */
export function notebookFolderGoneMessage(root: string): string {
  return `The notebook folder ${root} is gone (moved, renamed, deleted or its drive unmounted). No notes were removed; changes are reported again once the folder is back.`;
}

/** What the watcher last knew of a note. */
interface KnownFile {
  mtimeMs: number;
  size: number;
  /** Inode, when seen by the watcher (an atomic save replaces it). */
  ino?: number;
  /** Set by `expectWrite`: bytes with this hash are not a change, whatever their mtime. */
  hash?: string;
}

type Observation = { relPath: string; absPath: string; info: KnownFile | null };

const MAX_BATCH_WAIT_MS = 400;
const STAT_CONCURRENCY = 64;

export class NotebookWatcher {
  private readonly known = new Map<NoteId, KnownFile>();
  private readonly pending = new Map<string, string>();
  private watcher: FSWatcher | null = null;
  private rootReal = '';
  private baselined = false;
  private running = false;
  private debounceTimer: NodeJS.Timeout | null = null;
  private batchTimer: NodeJS.Timeout | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  /** Device and inode of the root when the watcher started: the folder it watches. */
  private rootIdentity: { dev: number; ino: number } | null = null;
  /** Set while the root is missing or another folder stands in its place. */
  private rootGone = false;
  private rootRetryTimer: NodeJS.Timeout | null = null;
  /** Flushes and reconciles run one at a time: both update `known`. */
  private serial: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly onChange: (event: WatchEvent) => void,
    private readonly options: WatcherOptions = {},
  ) {}

  /**
   * What the caller already knows (the scan it just did). The first start then
   * reports every difference from it instead of silently taking a baseline.
   */
  seed(files: Iterable<{ id: NoteId; version: FileStat & { hash?: string } }>): void {
    for (const file of files) {
      this.known.set(file.id, { mtimeMs: file.version.mtimeMs, size: file.version.size, hash: file.version.hash });
    }
    this.baselined = true;
  }

  /** Resolves once the folder is watched. After a stop, reports what changed meanwhile. */
  async start(): Promise<void> {
    if (this.running) return;
    this.rootReal = await realpath(this.root);
    // The first start fixes which folder this is: a restart over an empty mount point must not read as a mass deletion.
    if (this.rootIdentity === null) {
      const rootInfo = await stat(this.rootReal);
      this.rootIdentity = { dev: rootInfo.dev, ino: rootInfo.ino };
    }
    this.rootGone = false;
    const firstBaseline = !this.baselined;
    if (firstBaseline) {
      await this.reconcile(false);
      this.baselined = true;
    }
    this.running = true;
    await this.openWatcher();
    if (!firstBaseline) await this.reconcileNow();
    const every = this.options.reconcileMs ?? 30_000;
    if (every > 0) {
      this.reconcileTimer = setInterval(() => {
        this.reconcileNow().catch((error: unknown) => this.options.onError?.(error));
      }, every);
      this.reconcileTimer.unref?.();
    }
  }

  /** Starts chokidar on the root; resolves once it is ready. */
  private async openWatcher(): Promise<void> {
    const watcher = watch(this.rootReal, {
      ignoreInitial: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      ignored: (path: string) => this.isIgnored(path),
    });
    this.watcher = watcher;
    watcher.on('all', (event, path) => this.onRawEvent(event, path));
    watcher.on('error', (error) => {
      if (!this.rootGone) this.options.onError?.(error);
    });
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Stops watching. What the watcher knew is kept, so a later start reports the changes in between. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of [this.debounceTimer, this.batchTimer]) if (timer) clearTimeout(timer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    if (this.rootRetryTimer) clearInterval(this.rootRetryTimer);
    this.debounceTimer = this.batchTimer = this.reconcileTimer = this.rootRetryTimer = null;
    this.pending.clear();
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
    await this.serial;
  }

  /**
   * The app itself wrote `id` with this version: when the watcher sees those
   * bytes it reports nothing, so a save does not come back as an external change.
   */
  expectWrite(id: NoteId, version: FileStat & { hash?: string }): void {
    this.known.set(id, { mtimeMs: version.mtimeMs, size: version.size, hash: version.hash });
  }

  /** The app itself removed (moved, trashed) `id`: its disappearance is not reported. */
  expectRemove(id: NoteId): void {
    this.known.delete(id);
  }

  /** Walks the folder (stat only) and reports every difference from what the watcher knew. */
  reconcileNow(): Promise<void> {
    return this.enqueue(() => this.reconcile(true));
  }

  private isIgnored(path: string): boolean {
    const rel = relative(this.rootReal, path);
    if (rel === '') return false;
    const parts = rel.split(sep);
    if (parts.some(isExcludedFolderName)) return true;
    return this.options.ignore?.(parts.join('/')) ?? false;
  }

  private onRawEvent(event: string, path: string): void {
    if (!this.running) return;
    const relPath = relative(this.rootReal, path).split(sep).join('/');
    if (relPath === '' || relPath.startsWith('../')) return;
    if (event === 'add' || event === 'change' || event === 'unlink') {
      this.schedule(relPath, path);
    } else if (event === 'unlinkDir') {
      // Every note known under the folder is gone (chokidar may or may not report each one).
      const prefix = normalizeId(relPath) + '/';
      for (const id of this.known.keys()) if (id.startsWith(prefix)) this.schedule(id, join(this.rootReal, ...id.split('/')));
    } else if (event === 'addDir') {
      // A folder moved or checked out in one go: look at everything inside it.
      void walkFolder(path, { followSymlinks: false, ignore: this.options.ignore })
        .then((files) => {
          for (const file of files) this.schedule(`${relPath}/${file.relPath}`, file.absPath);
        })
        .catch((error: unknown) => {
          // Gone again already: its unlinkDir follows.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onError?.(error);
        });
    }
  }

  private schedule(relPath: string, absPath: string): void {
    if (!this.running) return;
    this.pending.set(relPath, absPath);
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.flush(), this.options.debounceMs ?? 75);
    // A steady stream of events must not postpone the report past a second.
    this.batchTimer ??= setTimeout(() => this.flush(), MAX_BATCH_WAIT_MS);
  }

  private flush(): void {
    for (const timer of [this.debounceTimer, this.batchTimer]) if (timer) clearTimeout(timer);
    this.debounceTimer = this.batchTimer = null;
    const batch = [...this.pending].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.pending.clear();
    if (batch.length === 0) return;
    this.enqueue(async () => {
      // While the root is gone nothing is reported; the reconcile after its return catches up.
      if (this.rootGone) return;
      const observations = await mapLimit(batch, STAT_CONCURRENCY, ([relPath, absPath]) => this.observe(relPath, absPath));
      if (observations.some((o) => o.info === null) && !(await this.rootIsIntact())) return;
      for (const observation of observations) {
        if (isNoteFileName(observation.relPath)) await this.apply(observation);
        else this.options.onAttachment?.({ path: normalizeId(observation.relPath), exists: observation.info !== null });
      }
    }).catch((error: unknown) => this.options.onError?.(error));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.serial.then(task);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** The file as it is now; null when absent, not a file, or a link leading out of the root. */
  private async observe(relPath: string, absPath: string): Promise<Observation> {
    try {
      const link = await lstat(absPath);
      if (link.isSymbolicLink() && !isInside(this.rootReal, await realpath(absPath))) return { relPath, absPath, info: null };
      const info = link.isSymbolicLink() ? await stat(absPath) : link;
      if (!info.isFile()) return { relPath, absPath, info: null };
      return { relPath, absPath, info: { mtimeMs: info.mtimeMs, size: info.size, ino: info.ino } };
    } catch {
      return { relPath, absPath, info: null };
    }
  }

  /** Compares one note with what the watcher knew and reports the difference, if any. */
  private async apply({ relPath, absPath, info }: Observation, report = true): Promise<void> {
    const id = normalizeId(relPath);
    const known = this.known.get(id);
    if (info === null) {
      if (known === undefined) return;
      this.known.delete(id);
      if (report) this.emit({ kind: 'remove', id });
      return;
    }
    if (known && sameStat(known, info)) return;
    if (known?.hash !== undefined) {
      // Same bytes under a new stat (our own write seen late, a touch): not a change.
      const bytes = await readFile(absPath).catch(() => null);
      if (bytes && hashBytes(bytes) === known.hash) {
        this.known.set(id, { ...info, hash: known.hash });
        return;
      }
    }
    this.known.set(id, info);
    if (report) this.emit({ kind: 'upsert', id, stat: { mtimeMs: info.mtimeMs, size: info.size } });
  }

  private async reconcile(report: boolean): Promise<void> {
    if (this.rootGone) return;
    let walked;
    try {
      walked = await walkFolder(this.rootReal, { ignore: this.options.ignore });
    } catch (error) {
      if (!(await this.rootIsIntact())) return;
      throw error;
    }
    const files = walked.filter((file) => isNoteFileName(file.name));
    const observations = await mapLimit(files, STAT_CONCURRENCY, (file) => this.observe(file.relPath, file.absPath));
    const present = new Set<NoteId>();
    for (const observation of observations) if (observation.info !== null) present.add(normalizeId(observation.relPath));
    const vanished = [...this.known.keys()].filter((id) => !present.has(id));
    // An empty folder in the root's place (an unmounted drive's mount point) must not read as every note deleted.
    if (vanished.length > 0 && !(await this.rootIsIntact())) return;
    for (const observation of observations) {
      if (observation.info !== null) await this.apply(observation, report);
    }
    for (const id of vanished) {
      await this.apply({ relPath: id, absPath: join(this.rootReal, ...id.split('/')), info: null }, report);
    }
  }

  /** True when the root is still the folder the watcher started on (same device and inode). */
  private async rootIsCurrent(): Promise<boolean> {
    const info = await stat(this.rootReal).catch(() => null);
    return info !== null && info.isDirectory() && info.dev === this.rootIdentity?.dev && info.ino === this.rootIdentity?.ino;
  }

  /**
   * Checks the root before removals are reported. When it is gone, reports
   * one error and looks for it again quietly until it is back.
   */
  private async rootIsIntact(): Promise<boolean> {
    if (!this.rootGone && (await this.rootIsCurrent())) return true;
    if (this.rootGone) return false;
    this.rootGone = true;
    this.options.onError?.(new Error(notebookFolderGoneMessage(this.root)));
    if (this.running) {
      this.rootRetryTimer = setInterval(() => void this.retryRoot(), this.options.rootRetryMs ?? 2_000);
      this.rootRetryTimer.unref?.();
    }
    return false;
  }

  /** The root is back: watch it afresh (the old OS watches may have died with the move) and reconcile. */
  private async retryRoot(): Promise<void> {
    if (!this.rootGone || !this.running || !(await this.rootIsCurrent())) return;
    if (this.rootRetryTimer) clearInterval(this.rootRetryTimer);
    this.rootRetryTimer = null;
    try {
      const old = this.watcher;
      this.watcher = null;
      await old?.close();
      if (!this.running) return;
      this.rootGone = false;
      await this.openWatcher();
      await this.reconcileNow();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private emit(event: WatchEvent): void {
    try {
      this.onChange(event);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

function sameStat(known: KnownFile, seen: KnownFile): boolean {
  return (
    known.mtimeMs === seen.mtimeMs &&
    known.size === seen.size &&
    (known.ino === undefined || seen.ino === undefined || known.ino === seen.ino)
  );
}
