// Opens a notebook folder: scan, parse, link graph, then the search index in
// the background. The service, the CLI and the exporter all start here.

import { LinkGraph } from '../core/graph';
import type { ParsedNote, ParseWarning } from '../core/model';
import { toSearchDoc } from '../core/search/search-doc';
import { IndexedSearch } from './indexed-search';
import { notebookCacheDir } from './notebook-cache-dir';
import { NoteLoader } from './note-loader';
import { saveParseCache, type ParseCacheEntry } from './parse-cache';
import { defaultWorkerPlan, findParseWorkerScript, readNotesInWorkers, type WorkerPlan } from './parse-pool';
import { FolderStore } from './store/folder-store';
import { assembleScan, listNotebook, MAX_NOTE_BYTES, readListing, type ScanResult } from './store/scan';

/** Below this many notes, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 300;

export interface OpenOptions {
  /** The user's cache folder (default: the platform's); each notebook gets its own folder inside it. */
  cacheDir?: string;
  /** Worker threads for index builds; 0 builds in-process. */
  workers?: number;
  /** Reuse and keep parsed notes in the notebook's cache folder. Default true. */
  parseCache?: boolean;
  /** Worker threads that read (and parse) the notes; 0 does it all in-process. Default: see defaultWorkerPlan. */
  parseWorkers?: number;
  /** Whether those threads parse the notes too, or only read them. Default: see defaultWorkerPlan. */
  workersParse?: boolean;
  /** The parse worker script (dist/parse-worker.mjs); found beside the bundle when not given. */
  parseWorkerScript?: string;
  /** Remove temp files left by killed saves (default true); a reader that must not write says false. */
  cleanTemps?: boolean;
}

export interface OpenTimings {
  /** Listing and reading the notes; with worker threads (parseWorkers > 0) the parsing happens inside it too. */
  scanMs: number;
  /** Main-thread time taking notes from the cache or the workers' records, or parsing them (inside scanMs with threads). */
  parseMs: number;
  /** Building the link graph. */
  graphMs: number;
  /** Reading the parse cache (overlaps the scan). */
  cacheMs: number;
  /** Notes taken from the parse cache. */
  fromCache: number;
  /** Notes parsed during this open. */
  parsed: number;
  /** Worker threads that read (and, see workersParse, parsed) notes; 0: all in-process. */
  parseWorkers: number;
}

export interface NotebookGraph {
  root: string;
  store: FolderStore;
  graph: LinkGraph;
  parsed: ParsedNote[];
  scan: ScanResult;
  timings: OpenTimings;
  /**
   * Settles once the parse cache is written in the background after the
   * open: true when written, false when it was current already, disabled or
   * could not be written (never rejects).
   */
  parseCacheWritten: Promise<boolean>;
}

export interface OpenedNotebook extends NotebookGraph {
  search: IndexedSearch;
}

export interface NoteWarning extends ParseWarning {
  id: string;
}

/**
 * Scan, parse and link: enough for every command that does not search.
 * Unchanged notes come from the parse cache; the rest are parsed as they
 * are read, by worker threads that read them (and on machines with cores to
 * spare, parse them) when there are many. The cache is rewritten after the
 * open returns.
 */
export async function openNotebookGraph(root: string, options: OpenOptions = {}): Promise<NotebookGraph> {
  // The cache loads while the store checks the folder.
  const cacheDir = options.parseCache === false || typeof root !== 'string' || root.trim() === '' ? null : notebookCacheDir(root, options.cacheDir);
  const loader = new NoteLoader(cacheDir);
  const store = await FolderStore.open(root, { cleanTemps: options.cleanTemps });
  const plan = defaultWorkerPlan();
  const threads = { workers: options.parseWorkers ?? plan.workers, parse: options.workersParse ?? plan.parse };
  const { scan, parseWorkers } = await readNotebook(store.root, loader, threads, () => options.parseWorkerScript ?? findParseWorkerScript());
  const parsed = loader.finish(scan.notes);

  const graphStart = performance.now();
  const graph = new LinkGraph();
  // Attachments first, so links to them resolve as the notes arrive.
  for (const path of scan.attachments) graph.addAttachment(path);
  graph.upsertMany(parsed);
  const graphMs = performance.now() - graphStart;
  prepareForChangesLater(graph);

  const { cacheMs, parseMs, fromCache, parsed: parsedCount } = loader.stats;
  return {
    root: store.root,
    store,
    graph,
    parsed,
    scan,
    timings: { scanMs: scan.ms, parseMs, graphMs, cacheMs, fromCache, parsed: parsedCount, parseWorkers },
    parseCacheWritten: cacheDir === null ? Promise.resolve(false) : writeCacheLater(cacheDir, () => loader.cacheEntries(scan.notes, parsed)),
  };
}

/**
 * The scan, every note handed to `loader`: as worker threads read (and
 * perhaps parse) them, when there are many notes and the worker script is
 * built; else read here, then handed over.
 */
async function readNotebook(
  root: string,
  loader: NoteLoader,
  threads: WorkerPlan,
  workerScript: () => string | null,
): Promise<{ scan: ScanResult; parseWorkers: number }> {
  const started = performance.now();
  const listing = await listNotebook(root);
  const { noteFiles, attachments } = listing;
  const script = threads.workers > 0 && noteFiles.length >= WORKER_THRESHOLD ? workerScript() : null;
  if (script === null) {
    // Read everything, then parse: here the main thread drives every read, and
    // parsing between reads would leave the disk idle (measured: slower).
    const scan = await readListing(listing, {}, started);
    await loader.ready;
    for (const note of scan.notes) loader.take(note);
    return { scan, parseWorkers: 0 };
  }
  // Threads that parse skip the notes the cache has, so it must be loaded
  // first; threads that only read start at once (the loader holds what
  // arrives until the cache is in).
  if (threads.parse) await loader.ready;
  const { outcomes, workersUsed } = await readNotesInWorkers(noteFiles, {
    script,
    workers: threads.workers,
    maxBytes: MAX_NOTE_BYTES,
    parse: threads.parse,
    knownHash: loader.knownHash,
    onNote: loader.take,
  });
  await loader.ready;
  return { scan: assembleScan(outcomes, attachments, started), parseWorkers: workersUsed };
}

/** Notes the graph prepares per turn of the event loop after an open (a few milliseconds' work). */
const PREPARE_NOTES_PER_TURN = 1000;

/**
 * Finishes, after the open has returned and a slice per turn, what the bulk
 * load deferred until the first change, so that first save is not slower.
 */
function prepareForChangesLater(graph: LinkGraph): void {
  const step = (): void => {
    if (!graph.prepareForChanges(PREPARE_NOTES_PER_TURN)) setImmediate(step);
  };
  setImmediate(step);
}

/** Writes the parse cache once the open has returned; a failure only means a slower next open. */
function writeCacheLater(dir: string, entries: () => ParseCacheEntry[] | null): Promise<boolean> {
  return new Promise((resolve) => {
    setImmediate(() => {
      let current: ParseCacheEntry[] | null;
      try {
        current = entries();
      } catch {
        current = null;
      }
      if (current === null) return resolve(false);
      saveParseCache(dir, current).then(
        () => resolve(true),
        () => resolve(false),
      );
    });
  });
}

/** The graph first, then the search index building in the background (answering by scan until ready). */
export async function openNotebook(root: string, options: OpenOptions = {}): Promise<OpenedNotebook> {
  const nb = await openNotebookGraph(root, options);
  const search = IndexedSearch.open({
    root: nb.root,
    docs: nb.parsed.map(toSearchDoc),
    cacheDir: options.cacheDir,
    workers: options.workers,
  });
  return { ...nb, search };
}

export function allWarnings(graph: LinkGraph): NoteWarning[] {
  const out: NoteWarning[] = [];
  for (const note of graph.notes()) for (const w of note.warnings) out.push({ id: note.id, ...w });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}
