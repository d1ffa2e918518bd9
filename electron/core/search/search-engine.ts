// The full-text search engine: synchronous, pure, made of segments.
//
// Why segments: a lunr index cannot change once built, and one build over
// 10,000 notes takes many seconds. So the engine holds several immutable lunr
// segments (each built over a shard of the notes, in worker threads, or
// loaded from the cache) plus one small *fresh* segment for the notes changed
// since. `upsert` puts the new version in the fresh segment (rebuilt from its
// few docs at the next search, milliseconds) and tombstones the old copy
// (its slot in its segment becomes -1). A fresh segment past FRESH_MAX_* is
// sealed as it is (immutable from then on, no rebuild) and a new one starts;
// `compactionPlan` names the docs of small or mostly-tombstoned segments so
// that the node layer rebuilds them into one segment in the background and
// hands it back through `addSegment`. A segment only serves the docs whose
// content hash is still the current one, so a segment built from an older
// version (an edit landed while a worker was building) never shows it.
//
// Why global scoring: lunr scores with the idf and average field lengths of
// its own index, so the same note would score differently in a segment of 50
// notes than in one of 500, and results would jump as notes move between
// segments. The engine scores instead with BM25 over global statistics:
// document frequencies counted over all segments' live postings at query
// time (it reads those postings anyway), and a running total of doc count
// and field lengths. A note's score is then the same whichever segment holds
// it: segmented results equal single-index results (tested).
//
// While some notes are still pending (not in any segment yet), `search`
// answers by scanning the text (`mode: 'scan'`): same matches, plainer ranking.

import type { SearchResult } from '../api';
import type { NoteId } from '../model';
import { evaluate, type DocSource } from './evaluate';
import { IndexMatcher, type IndexView, type LiveSegment } from './index-matcher';
import { planQuery } from './query-plan';
import { normalizeLimit, rankResults } from './results';
import { LoweredTexts, TextScanner } from './scan-search';
import { searchDocHash, type SearchDoc } from './search-doc';
import { SEARCH_FIELDS, Segment } from './segment';
import { Vocabulary } from './vocabulary';

/** The fresh segment is sealed once it holds this many docs or characters. */
export const FRESH_MAX_DOCS = 64;
export const FRESH_MAX_CHARS = 256_000;
/** Sealed segments under this many live docs are merged once there are COMPACT_SMALL_COUNT of them. */
const SMALL_SEGMENT = 256;
const COMPACT_SMALL_COUNT = 4;
/** A segment with fewer live docs than this share of its docs is rebuilt. */
const COMPACT_LIVE_SHARE = 0.5;

export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
}

export interface SearchEngineOptions {
  freshMaxDocs?: number;
  freshMaxChars?: number;
}

type DocState = 'pending' | 'fresh' | 'indexed';

interface Entry {
  slot: number;
  doc: SearchDoc;
  /** `searchDocHash(doc)`, '' until first needed. */
  hash: string;
  /** null only for an entry being created or removed. */
  state: DocState | null;
  /** The segment serving this doc (state 'indexed', or 'fresh' once the fresh segment is built). */
  home: Served | null;
  local: number;
}

interface Served extends LiveSegment {
  live: number;
}

export interface EngineStats {
  docs: number;
  pending: number;
  fresh: number;
  segments: number;
  tombstones: number;
}

export class SearchEngine {
  private readonly byId = new Map<NoteId, Entry>();
  private readonly bySlot: Array<Entry | undefined> = [];
  private readonly freeSlots: number[] = [];
  private sealed: Served[] = [];
  private fresh: Served | null = null;
  private readonly freshIds = new Set<NoteId>();
  private freshDirty = false;
  private pending = 0;
  // Running BM25 statistics over the docs served by a segment.
  private servedCount = 0;
  private readonly lengthSums = SEARCH_FIELDS.map(() => 0);
  private readonly lengths: number[][] = SEARCH_FIELDS.map(() => []);
  private readonly freshMaxDocs: number;
  private readonly freshMaxChars: number;
  private readonly source: DocSource;
  private readonly scanner: TextScanner;
  private readonly matcher: IndexMatcher;
  /** Every spelling in the segments, for fuzzy search: kept up to date, rebuilt at the next fuzzy search when a segment goes. */
  private spellings: Vocabulary | null = new Vocabulary();

  constructor(options: SearchEngineOptions = {}) {
    this.freshMaxDocs = options.freshMaxDocs ?? FRESH_MAX_DOCS;
    this.freshMaxChars = options.freshMaxChars ?? FRESH_MAX_CHARS;
    const bySlot = this.bySlot;
    const byId = this.byId;
    this.source = {
      *slots() {
        for (const entry of byId.values()) yield entry.slot;
      },
      doc: (slot) => bySlot[slot]!.doc,
    };
    const lowered = new LoweredTexts();
    this.scanner = new TextScanner(this.source, false, lowered);
    const view: IndexView = {
      segments: () => (this.fresh !== null ? [...this.sealed, this.fresh] : this.sealed),
      docCount: () => this.servedCount,
      averageLength: (f) => (this.servedCount === 0 ? 0 : this.lengthSums[f] / this.servedCount),
      fieldLength: (f, slot) => this.lengths[f][slot],
      slotCapacity: () => this.bySlot.length,
      vocabulary: () => this.vocabulary(),
    };
    this.matcher = new IndexMatcher(view, new TextScanner(this.source, true, lowered));
  }

  /** Notes known to the engine. */
  get size(): number {
    return this.byId.size;
  }

  /** True when every note is served by a segment, so `search` uses the index. */
  isComplete(): boolean {
    return this.pending === 0;
  }

  stats(): EngineStats {
    let tombstones = 0;
    for (const s of this.sealed) tombstones += s.segment.size - s.live;
    return { docs: this.byId.size, pending: this.pending, fresh: this.freshIds.size, segments: this.sealed.length, tombstones };
  }

  get(id: NoteId): SearchDoc | undefined {
    return this.byId.get(id)?.doc;
  }

  /** The content hash (`searchDocHash`) of a note's current version, computed once. */
  hashOf(id: NoteId): string | undefined {
    const entry = this.byId.get(id);
    return entry === undefined ? undefined : this.entryHash(entry);
  }

  private entryHash(entry: Entry): string {
    if (entry.hash === '') entry.hash = searchDocHash(entry.doc);
    return entry.hash;
  }

  /**
   * Registers docs whose segment is still being built or loaded: they are
   * searchable by scan at once, and by the index once `addSegment` brings
   * a segment holding this very version.
   */
  addPending(docs: Iterable<SearchDoc>): void {
    for (const doc of docs) this.place(doc, 'pending');
  }

  /** Adds or replaces a note; searchable by the index at the next `search`. */
  upsert(doc: SearchDoc): void {
    this.place(doc, 'fresh');
  }

  remove(id: NoteId): void {
    const entry = this.byId.get(id);
    if (entry === undefined) return;
    this.unserve(entry);
    this.setState(entry, null);
    this.byId.delete(id);
    this.bySlot[entry.slot] = undefined;
    this.freeSlots.push(entry.slot);
  }

  /**
   * Serves an immutable segment. Each of its docs whose id and content hash
   * are current moves here (from pending, fresh or an older segment); the
   * others (edited or removed since it was built) stay tombstoned in it.
   */
  addSegment(segment: Segment): { accepted: number; stale: number } {
    const served: Served = { segment, slots: new Int32Array(segment.size).fill(-1), live: 0 };
    let accepted = 0;
    segment.docs.forEach((meta, local) => {
      const entry = this.byId.get(meta.id);
      if (entry === undefined || this.entryHash(entry) !== meta.hash) return;
      this.unserve(entry);
      this.setState(entry, 'indexed');
      this.serve(entry, served, local, meta.lengths);
      accepted++;
    });
    if (served.live > 0) {
      this.sealed.push(served);
      this.spellings?.addSegment(segment);
    }
    return { accepted, stale: segment.size - accepted };
  }

  /** The docs waiting in the fresh segment. */
  freshDocs(): SearchDoc[] {
    return [...this.freshIds].map((id) => this.byId.get(id)!.doc);
  }

  /**
   * Docs worth rebuilding into one segment in the background: the live docs
   * of several small sealed segments, or of a segment mostly tombstoned.
   * Null when nothing needs it. Build them and pass the result to `addSegment`.
   */
  compactionPlan(): SearchDoc[] | null {
    const small = this.sealed.filter((s) => s.live < SMALL_SEGMENT);
    const worn = this.sealed.filter((s) => s.live < s.segment.size * COMPACT_LIVE_SHARE && s.live >= SMALL_SEGMENT);
    const chosen = small.length >= COMPACT_SMALL_COUNT ? small : worn.slice(0, 1);
    if (chosen.length === 0) return null;
    const docs: SearchDoc[] = [];
    for (const s of chosen) {
      for (const slot of s.slots) if (slot >= 0) docs.push(this.bySlot[slot]!.doc);
    }
    return docs;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = normalizeLimit(options.limit);
    const planned = planQuery(query);
    const mode = this.pending === 0 ? 'index' : 'scan';
    if (!planned.ok) return { hits: [], total: 0, error: planned.error, mode };
    if (mode === 'scan') {
      return rankResults(evaluate(planned.plan, this.source, this.scanner), this.source, planned.highlights, limit, 'scan');
    }
    this.refreshFresh();
    return rankResults(evaluate(planned.plan, this.source, this.matcher), this.source, planned.highlights, limit, 'index');
  }

  private place(doc: SearchDoc, state: 'pending' | 'fresh'): void {
    let entry = this.byId.get(doc.id);
    if (entry === undefined) {
      const slot = this.freeSlots.pop() ?? this.bySlot.length;
      entry = { slot, doc, hash: '', state: null, home: null, local: -1 };
      this.byId.set(doc.id, entry);
      this.bySlot[slot] = entry;
    } else {
      this.unserve(entry);
    }
    entry.doc = doc;
    // Hashed when first compared with a segment: registering 10,000 pending notes stays instant.
    entry.hash = '';
    this.setState(entry, state);
    if (state === 'fresh') this.freshDirty = true;
  }

  private vocabulary(): Vocabulary {
    if (this.spellings === null) {
      this.spellings = new Vocabulary();
      for (const s of this.sealed) this.spellings.addSegment(s.segment);
      if (this.fresh !== null) this.spellings.addSegment(this.fresh.segment);
    }
    return this.spellings;
  }

  /** Moves an entry between states, keeping the pending count and the fresh set right. */
  private setState(entry: Entry, state: DocState | null): void {
    if (entry.state === 'pending') this.pending--;
    if (entry.state === 'fresh' && state !== 'fresh') {
      this.freshIds.delete(entry.doc.id);
      this.freshDirty = true;
    }
    if (state === 'pending') this.pending++;
    if (state === 'fresh') this.freshIds.add(entry.doc.id);
    entry.state = state;
  }

  /** Tombstones the copy serving this doc, if any, and takes it out of the statistics. */
  private unserve(entry: Entry): void {
    const home = entry.home;
    if (home === null) return;
    home.slots[entry.local] = -1;
    home.live--;
    this.servedCount--;
    for (let f = 0; f < SEARCH_FIELDS.length; f++) this.lengthSums[f] -= this.lengths[f][entry.slot];
    if (home.live === 0 && home !== this.fresh) {
      this.sealed = this.sealed.filter((x) => x !== home);
      this.spellings = null;
    }
    entry.home = null;
    entry.local = -1;
  }

  private serve(entry: Entry, served: Served, local: number, lengths: readonly number[]): void {
    entry.home = served;
    entry.local = local;
    served.slots[local] = entry.slot;
    served.live++;
    this.servedCount++;
    for (let f = 0; f < SEARCH_FIELDS.length; f++) {
      this.lengths[f][entry.slot] = lengths[f];
      this.lengthSums[f] += lengths[f];
    }
  }

  /** Rebuilds the fresh segment from its current docs; seals it when it has grown large. */
  private refreshFresh(): void {
    if (!this.freshDirty) return;
    this.freshDirty = false;
    if (this.fresh !== null) {
      const old = this.fresh;
      this.fresh = null;
      for (const slot of old.slots) if (slot >= 0) this.unserve(this.bySlot[slot]!);
    }
    const docs = this.freshDocs();
    if (docs.length === 0) return;
    const served: Served = { segment: Segment.build(docs), slots: new Int32Array(docs.length).fill(-1), live: 0 };
    served.segment.docs.forEach((meta, local) => this.serve(this.byId.get(meta.id)!, served, local, meta.lengths));
    this.spellings?.addSegment(served.segment);
    let chars = 0;
    for (const doc of docs) chars += doc.body.length;
    if (docs.length >= this.freshMaxDocs || chars >= this.freshMaxChars) {
      // Sealed as built: it already is a valid immutable segment.
      for (const doc of docs) this.setState(this.byId.get(doc.id)!, 'indexed');
      this.freshDirty = false;
      this.sealed.push(served);
    } else {
      this.fresh = served;
    }
  }
}
