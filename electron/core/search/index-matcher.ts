// Answers word and phrase leaves from the segments' postings and scores them
// with BM25 over global statistics: the document frequency of a term is
// counted across every segment's live postings while they are read, and the
// doc count and average field lengths are the engine's running totals. So a
// note's score does not depend on which segment holds it, and a query gives
// the same ranking over one segment or twenty (tested).

import lunr from 'lunr';
import type { LeafMatcher, Scores } from './evaluate';
import type { PhraseLeaf, WordLeaf } from './query-plan';
import type { TextScanner } from './scan-search';
import { FIELD_BOOSTS, SEARCH_FIELDS, type Posting, type Segment } from './segment';

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
}

interface TokenSetStatics {
  fromString(text: string): lunr.TokenSet;
  fromFuzzyString(text: string, distance: number): lunr.TokenSet;
}
const TokenSets = lunr.TokenSet as unknown as TokenSetStatics;

const ALL_FIELDS = SEARCH_FIELDS.map((_, f) => f);
const TITLE_ONLY = [0];

export class IndexMatcher implements LeafMatcher {
  private seen = new Int32Array(0);
  private stamp = 0;

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
      const matched = this.score(new Map([[term, 1]]), fields, candidates);
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

  /** The index terms a word leaf stands for, with their weights, in a fixed order. */
  private expand(leaf: WordLeaf): Map<string, number> {
    const terms = new Map<string, number>();
    const term = leaf.term!;
    if (leaf.match === 'exact') {
      terms.set(term, 1);
      return terms;
    }
    const automata =
      leaf.match === 'prefix'
        ? [TokenSets.fromString(term + '*')]
        : [term, ...(leaf.alt !== null ? [leaf.alt] : [])].map((w) => TokenSets.fromFuzzyString(w, leaf.distance));
    const found = new Set<string>();
    for (const live of this.view.segments()) {
      for (const automaton of automata) for (const t of live.segment.termsIn(automaton)) found.add(t);
      if (leaf.alt !== null && live.segment.posting(leaf.alt) !== undefined) found.add(leaf.alt);
    }
    for (const t of [...found].sort()) {
      terms.set(t, t === term || t === leaf.alt ? 1 : EXPANSION_WEIGHT);
    }
    return terms;
  }

  /** BM25 of `terms` in `fields` for every live doc holding one of them (limited to `within`). */
  private score(terms: Map<string, number>, fields: number[], within: Scores | null): Scores {
    const view = this.view;
    const scores: Scores = new Map();
    const n = view.docCount();
    if (this.seen.length < view.slotCapacity()) this.seen = new Int32Array(Math.max(1024, view.slotCapacity() * 2));
    const averages = SEARCH_FIELDS.map((_, f) => view.averageLength(f) || 1);
    for (const [term, weight] of terms) {
      const postings: Array<[Posting, Int32Array]> = [];
      for (const live of view.segments()) {
        const posting = live.segment.posting(term);
        if (posting !== undefined) postings.push([posting, live.slots]);
      }
      if (postings.length === 0) continue;
      // Document frequency over every field and segment, live docs only.
      const stamp = ++this.stamp;
      let df = 0;
      for (const [posting, slots] of postings) {
        for (const name of SEARCH_FIELDS) {
          const refs = posting[name];
          if (refs === undefined) continue;
          for (const ref in refs) {
            const slot = slots[+ref];
            if (slot >= 0 && this.seen[slot] !== stamp) {
              this.seen[slot] = stamp;
              df++;
            }
          }
        }
      }
      if (df === 0) continue;
      const idf = Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
      for (const [posting, slots] of postings) {
        for (const f of fields) {
          const refs = posting[SEARCH_FIELDS[f]];
          if (refs === undefined) continue;
          const boost = FIELD_BOOSTS[SEARCH_FIELDS[f]] * weight * idf;
          const average = averages[f];
          for (const ref in refs) {
            const slot = slots[+ref];
            if (slot < 0 || (within !== null && !within.has(slot))) continue;
            const tf = refs[ref];
            const norm = K1 * (1 - B + (B * view.fieldLength(f, slot)) / average);
            const s = (boost * tf * (K1 + 1)) / (tf + norm);
            scores.set(slot, (scores.get(slot) ?? 0) + s);
          }
        }
      }
    }
    return scores;
  }
}
