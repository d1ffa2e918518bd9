// The search index as the service and the CLI use it: a SearchEngine fed
// with segments built in worker threads or loaded from the index cache.
//
// Why segments and global scoring (see core/search/search-engine.ts): a
// single lunr build over 10,000 notes takes seconds and cannot be updated,
// so the notes are split into shards (by a hash of their id) whose segments
// are built in parallel off the main thread, cached one file per shard
// (keyed by the shard's content), and reloaded on the next open; only the
// shards whose notes changed are rebuilt. Edits go to the engine's small
// fresh segment at once and small segments are merged in the background.
// The engine scores with BM25 over statistics of all segments, so ranking
// does not depend on how the notes happen to be split.
//
// `open` returns at once. Until every shard is in, `search` answers by
// scanning the notes' text (`mode: 'scan'`). Workers build; the main thread
// parses one shard's JSON (~1 MB) per turn of the event loop, cached or
// freshly built. Parsing cached shards in workers would not help: a parsed
// index crosses threads by structured clone, which costs about what
// JSON.parse does, so each shard is kept small instead (sharding.ts).

import type { SearchResult } from '../core/api';
import type { NoteId } from '../core/model';
import { searchDocHash, type SearchDoc } from '../core/search/search-doc';
import { SearchEngine, type EngineStats, type SearchOptions } from '../core/search/search-engine';
import { Segment, SegmentFormatError } from '../core/search/segment';
import { assignShards, shardCount, shardKey } from '../core/search/sharding';
import { SearchIndexCache } from './search-cache';
import { defaultSearchWorkers, findSearchWorker, SegmentBuilder } from './segment-builder';

export interface IndexedSearchOptions {
  /** The notebook folder: names its cache folder. */
  root: string;
  /** Every note, as it is now. */
  docs: SearchDoc[];
  /**
   * The user cache folder to keep the index under (default: the platform's,
   * e.g. $XDG_CACHE_HOME/research-notebook); the index goes in
   * `<cacheDir>/<sha256 of the root's real path>/search/`.
   */
  cacheDir?: string;
  /** Worker threads building shards (default: cores − 1, at least 1); 0 builds in-process in small slices. */
  workers?: number;
  /** The worker bundle (default: dist/search-worker.mjs, found beside this bundle or in dist/). */
  workerUrl?: URL;
}

export interface IndexReady {
  /** Notes the index holds once ready. */
  notes: number;
  /** Whether the shards came from the cache: every one, some, or none. */
  cache: 'all' | 'part' | 'none';
  /** Milliseconds from `open` to ready. */
  ms: number;
}

export interface IndexStatus extends EngineStats {
  ready: boolean;
  /** Worker threads running now (0 once idle). */
  workers: number;
  /** Worker threads started since open (0: everything was loaded from the cache or built in-process). */
  workersStarted: number;
}

interface ShardPlan {
  key: string;
  docs: SearchDoc[];
  hashes: string[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class IndexedSearch {
  /** Resolves once every note is searchable through the index (also after `close`, with what was done). */
  readonly ready: Promise<IndexReady>;
  private readonly engine = new SearchEngine();
  private builderInstance: SegmentBuilder | null = null;
  private isIndexed = false;
  private closed = false;
  private compacting = false;
  private workersStarted = 0;
  private readonly writes = new Set<Promise<unknown>>();

  private constructor(private readonly options: IndexedSearchOptions) {
    const started = performance.now();
    this.engine.addPending(options.docs);
    // Never rejects: whatever went wrong, the notes not indexed stay answered by scan.
    this.ready = this.build(started).catch(() => ({ notes: this.engine.size, cache: 'none' as const, ms: performance.now() - started }));
  }

  /** Starts indexing `docs` in the background and returns at once. */
  static open(options: IndexedSearchOptions): IndexedSearch {
    return new IndexedSearch(options);
  }

  isReady(): boolean {
    return this.isIndexed;
  }

  /** Adds or replaces a note: searchable by its new text at the next search. */
  upsert(doc: SearchDoc): void {
    this.engine.upsert(doc);
    this.compactLater();
  }

  remove(id: NoteId): void {
    this.engine.remove(id);
    this.compactLater();
  }

  /** Never throws: an unparsable query comes back with `error`. `mode` says whether the index answered. */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const result = this.engine.search(query, options);
    this.compactLater();
    return result;
  }

  status(): IndexStatus {
    return {
      ...this.engine.stats(),
      ready: this.isIndexed,
      workers: this.builderInstance?.workerCount ?? 0,
      workersStarted: this.workersStarted,
    };
  }

  /** Stops the worker threads; cache files being written are finished first. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopBuilder();
    await this.ready;
    await Promise.all([...this.writes]);
  }

  /** Worker threads live in this process: once idle, their memory is given back. */
  private async stopBuilder(): Promise<void> {
    const builder = this.builderInstance;
    this.builderInstance = null;
    await builder?.close();
  }

  /** Threads start only when something must be built: a warm open needs none. */
  private builder(): SegmentBuilder {
    if (this.closed) throw new Error('The search index is closed.');
    if (this.builderInstance === null) {
      const workers = this.options.workers ?? defaultSearchWorkers();
      const script = workers > 0 ? (this.options.workerUrl ?? findSearchWorker()) : null;
      this.builderInstance = new SegmentBuilder(workers, script);
      this.workersStarted += this.builderInstance.workerCount;
    }
    return this.builderInstance;
  }

  private async build(started: number): Promise<IndexReady> {
    await nextTurn();
    const cache = await SearchIndexCache.open(this.options.root, this.options.cacheDir);
    const manifest = await cache.readManifest();
    const count = shardCount(this.options.docs.length, manifest?.shards);
    const plans: ShardPlan[] = [];
    for (const docs of assignShards(this.options.docs, count)) {
      if (this.closed) break;
      // The engine hashes each note once; a note edited since `open` is hashed as given here.
      const hashes = docs.map((doc) => (this.engine.get(doc.id) === doc ? this.engine.hashOf(doc.id)! : searchDocHash(doc)));
      plans.push({ key: shardKey(docs, hashes), docs, hashes });
      await nextTurn();
    }

    // Shards to build go to the workers first; cached ones load meanwhile, one per turn.
    const cached = await Promise.all(plans.map((plan) => cache.has(plan.key)));
    const work: Array<Promise<void>> = [];
    plans.forEach((plan, i) => {
      if (!cached[i]) work.push(this.buildShard(plan, cache));
    });
    let fromCache = 0;
    for (let i = 0; i < plans.length && !this.closed; i++) {
      if (!cached[i]) continue;
      const text = await cache.read(plans[i].key);
      await nextTurn();
      if (text !== null && this.loadShard(text, plans[i])) fromCache++;
      else work.push(this.buildShard(plans[i], cache)); // corrupt or vanished: built again
    }
    await Promise.all(work);
    await this.stopBuilder();

    if (!this.closed) this.track(cache.settle({ shards: count }, new Set(plans.map((p) => p.key))));
    this.isIndexed = !this.closed;
    this.compactLater();
    return {
      notes: this.engine.size,
      cache: plans.length > 0 && fromCache === plans.length ? 'all' : fromCache > 0 ? 'part' : 'none',
      ms: performance.now() - started,
    };
  }

  /** Loads a cached shard if it is exactly the planned one; false when it is not usable. */
  private loadShard(text: string, plan: ShardPlan): boolean {
    let segment: Segment;
    try {
      segment = Segment.load(JSON.parse(text));
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof SegmentFormatError) return false;
      throw error;
    }
    const same =
      segment.docs.length === plan.docs.length &&
      segment.docs.every((doc, i) => doc.id === plan.docs[i].id && doc.hash === plan.hashes[i]);
    if (!same) return false;
    this.engine.addSegment(segment);
    return true;
  }

  private async buildShard(plan: ShardPlan, cache: SearchIndexCache): Promise<void> {
    const built = await this.buildSegment(plan.docs);
    if (built === null || this.closed) return;
    this.track(cache.write(plan.key, built.json));
    this.engine.addSegment(built.segment);
  }

  /**
   * Builds and loads a segment. One that does not load (from a worker bundle
   * older than this code) is built once more in-process. Null when closed
   * meanwhile or when that fails too: those notes stay served as they were.
   */
  private async buildSegment(docs: SearchDoc[]): Promise<{ segment: Segment; json: string } | null> {
    for (const inProcess of [false, true]) {
      try {
        const json = await this.builder().build(docs, { inProcess });
        if (this.closed) return null;
        await nextTurn();
        return { segment: Segment.load(JSON.parse(json)), json };
      } catch (error) {
        const unloadable = error instanceof SegmentFormatError || error instanceof SyntaxError;
        if (this.closed || inProcess || !unloadable) return null;
      }
    }
    return null;
  }

  /** Merges small or worn segments in the background, one batch at a time. */
  private compactLater(): void {
    if (!this.isIndexed || this.closed || this.compacting) return;
    const docs = this.engine.compactionPlan();
    if (docs === null) return;
    this.compacting = true;
    void this.buildSegment(docs).then(async (built) => {
      if (built !== null && !this.closed) this.engine.addSegment(built.segment);
      // A failed merge leaves the small segments serving. Threads stop when no merge is due.
      if (built === null || this.closed || this.engine.compactionPlan() === null) await this.stopBuilder();
      this.compacting = false;
      if (built !== null) this.compactLater();
    });
  }

  private track(write: Promise<unknown>): void {
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}
