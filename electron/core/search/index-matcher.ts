// Answers word and phrase leaves from the segments' postings and scores them
// with BM25 over global statistics: the document frequency of a term is
// counted across every segment's live postings while they are read, and the
// doc count and average field lengths are the engine's running totals. So a
// note's score does not depend on which segment holds it, and a query gives
// the same ranking over one segment or twenty (tested).

import type { LeafMatcher, Scores } from './evaluate';
import type { PhraseLeaf, WordLeaf } from './query-plan';
import type { TextScanner } from './scan-search';
import { FIELD_BOOSTS, SEARCH_FIELDS, type Segment } from './segment';
import { termOf } from './tokenizer';
import type { Vocabulary } from './vocabulary';

/** lunr's BM25 constants. */
const K1 = 1.2;
const B = 0.75;
/** A word found through a prefix or an edit counts half as much as the word itself. */
export const EXPANSION_WEIGHT = 0.5;

/** A segment as the engine serves it: local ref → slot, -1 for a tombstoned or stale doc. */
export interface LiveSegment {
  readonly segment: Segment;
  readonly slots: Int32Array;
}

/** What the matcher reads from the engine. */
export interface IndexView {
  segments(): readonly LiveSegment[];
  /** Docs in segments (the N of idf). */
  docCount(): number;
  averageLength(field: number): number;
  fieldLength(field: number, slot: number): number;
  slotCapacity(): number;
  /** Every spelling in the segments, for fuzzy words. */
  vocabulary(): Vocabulary;
}

interface WeightedTerm {
  term: string;
  weight: number;
  segments: readonly LiveSegment[];
}

const ALL_FIELDS = SEARCH_FIELDS.map((_, f) => f);
const TITLE_ONLY = [0];

export class IndexMatcher implements LeafMatcher {
  // Scratch space reused across queries: per-slot marks and sums, and the hits of one term.
  private seen = new Int32Array(0);
  private sums = new Float64Array(0);
  private scored = new Int32Array(0);
  private stamp = 0;
  private round = 1;
  private hitSlot = new Int32Array(4096);
  private hitField = new Int32Array(4096);
  private hitTf = new Float64Array(4096);

  constructor(
    private readonly view: IndexView,
    private readonly scanner: TextScanner,
  ) {}

  word(leaf: WordLeaf, within: Scores | null): Scores {
    if (leaf.term === null) {
      // A stop word is not indexed: find it in the text, and let it add nothing to the score.
      const found = this.scanner.word(leaf, within);
      for (const slot of found.keys()) found.set(slot, 0);
      return found;
    }
    const fields = leaf.field === 'title' ? TITLE_ONLY : ALL_FIELDS;
    return this.score(this.expand(leaf), fields, within);
  }

  phrase(leaf: PhraseLeaf, within: Scores | null): Scores {
    const fields = leaf.field === 'title' ? TITLE_ONLY : ALL_FIELDS;
    // Docs holding every word of the phrase, then the text decides the order.
    let candidates: Scores | null = within;
    let scores: Scores | null = null;
    for (const term of leaf.terms) {
      const matched = this.score([{ term, weight: 1, segments: this.view.segments() }], fields, candidates);
      if (scores === null) {
        scores = matched;
      } else {
        for (const [slot, s] of matched) matched.set(slot, s + (scores.get(slot) ?? 0));
        scores = matched;
      }
      candidates = scores;
      if (scores.size === 0) return scores;
    }
    const verified = this.scanner.phrase(leaf, candidates);
    if (scores === null) return verified;
    const out: Scores = new Map();
    for (const slot of verified.keys()) out.set(slot, scores.get(slot) ?? 0);
    return out;
  }

  /**
   * The index terms a word leaf stands for, with their weights and the
   * segments that hold them, in a fixed (sorted) order so that sums come out
   * the same however the notes are split into segments.
   */
  private expand(leaf: WordLeaf): WeightedTerm[] {
    const all = this.view.segments();
    const term = leaf.term!;
    if (leaf.match === 'exact') return [{ term, weight: 1, segments: all }];
    const where = new Map<string, LiveSegment[]>();
    if (leaf.match === 'fuzzy') {
      leaf.resolved = this.view.vocabulary().termsNear(leaf.norm, leaf.distance);
      for (const t of leaf.resolved) where.set(t, all as LiveSegment[]);
    } else {
      const add = (t: string, live: LiveSegment) => {
        const list = where.get(t);
        if (list === undefined) where.set(t, [live]);
        else list.push(live);
      };
      for (const live of all) {
        for (const t of live.segment.termsWithPrefix(term)) add(t, live);
        if (leaf.alt !== null && !leaf.alt.startsWith(term) && live.segment.posting(leaf.alt) !== undefined) add(leaf.alt, live);
      }
    }
    const own = termOf(leaf.norm, /[._\-/@]/.test(leaf.norm));
    return [...where.keys()].sort().map((t) => ({
      term: t,
      weight: t === term || t === leaf.alt || t === own ? 1 : EXPANSION_WEIGHT,
      segments: where.get(t)!,
    }));
  }

  /** BM25 of `terms` in `fields` for every live doc holding one of them (limited to `within`). */
  private score(terms: WeightedTerm[], fields: number[], within: Scores | null): Scores {
    const view = this.view;
    const n = view.docCount();
    const capacity = view.slotCapacity();
    if (this.seen.length < capacity) {
      const size = Math.max(1024, capacity * 2);
      this.seen = new Int32Array(size);
      this.sums = new Float64Array(size);
      this.scored = new Int32Array(size);
    }
    const seen = this.seen;
    const sums = this.sums;
    const touched: number[] = [];
    const averages = SEARCH_FIELDS.map((_, f) => view.averageLength(f) || 1);
    for (const { term, weight, segments } of terms) {
      // One pass collects the live postings and the document frequency (over every field and segment).
      const stamp = ++this.stamp;
      let df = 0;
      let count = 0;
      for (const live of segments) {
        const posting = live.segment.posting(term);
        if (posting === undefined) continue;
        const slots = live.slots;
        for (let f = 0; f < SEARCH_FIELDS.length; f++) {
          const pairs = posting[SEARCH_FIELDS[f]];
          if (pairs === undefined) continue;
          const wanted = fields.includes(f);
          for (let p = 0; p + 1 < pairs.length; p += 2) {
            const slot = slots[pairs[p]];
            // Tombstoned (-1), or a ref a damaged segment holds that no doc has.
            if (slot === undefined || slot < 0) continue;
            if (seen[slot] !== stamp) {
              seen[slot] = stamp;
              df++;
            }
            if (wanted && (within === null || within.has(slot))) {
              this.hitSlot[count] = slot;
              this.hitField[count] = f;
              this.hitTf[count] = pairs[p + 1];
              count++;
              if (count === this.hitSlot.length) this.growHits();
            }
          }
        }
      }
      if (count === 0) continue;
      const idf = Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
      for (let i = 0; i < count; i++) {
        const slot = this.hitSlot[i];
        const f = this.hitField[i];
        const tf = this.hitTf[i];
        const norm = K1 * (1 - B + (B * view.fieldLength(f, slot)) / averages[f]);
        const s = (FIELD_BOOSTS[SEARCH_FIELDS[f]] * weight * idf * tf * (K1 + 1)) / (tf + norm);
        if (this.scored[slot] !== this.round) {
          this.scored[slot] = this.round;
          touched.push(slot);
        }
        sums[slot] += s;
      }
    }
    const scores: Scores = new Map();
    for (const slot of touched) {
      scores.set(slot, sums[slot]);
      sums[slot] = 0;
    }
    this.round++;
    return scores;
  }

  private growHits(): void {
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(old.length * 2);
      next.set(old);
      return next;
    };
    this.hitSlot = grow(this.hitSlot, (n) => new Int32Array(n));
    this.hitField = grow(this.hitField, (n) => new Int32Array(n));
    this.hitTf = grow(this.hitTf, (n) => new Float64Array(n));
  }
}
