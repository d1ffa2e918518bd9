// The query language answered by reading the text itself: while the index is
// still building (`mode: 'scan'`), and inside the index for what it cannot
// answer alone (checking a phrase's word order, finding a stop word).
// Matches are exactly the index's (the same word units and leaves);
// ranking is simpler: field boost times 1 + ln(occurrences), no idf.

import type { SearchResult } from '../api';
import { evaluate, type DocSource, type LeafMatcher, type Scores } from './evaluate';
import type { PhraseLeaf, WordLeaf } from './query-plan';
import { planQuery } from './query-plan';
import { normalizeLimit, rankResults } from './results';
import type { SearchDoc } from './search-doc';
import { FIELD_BOOSTS, type SearchField } from './segment';
import { normalizeWord, scanWords, unitsOf } from './tokenizer';

/** The field texts a leaf looks at, with the field each came from. */
export function leafTexts(doc: SearchDoc, field: 'all' | 'title'): Array<[SearchField, string]> {
  if (field === 'title') return [['title', doc.title]];
  const texts: Array<[SearchField, string]> = [['title', doc.title]];
  for (const alias of doc.aliases) texts.push(['aliases', alias]);
  for (const tag of doc.tags) texts.push(['tags', tag]);
  texts.push(['body', doc.body]);
  return texts;
}

/** How many words of `text` the leaf matches. */
export function countWordMatches(text: string, leaf: WordLeaf): number {
  let count = 0;
  scanWords(text, (start, end, compound) => {
    const word = text.slice(start, end);
    if (leaf.probe !== '' && !normalizeWord(word).includes(leaf.probe)) return;
    for (const unit of unitsOf(word, start, compound)) {
      if (leaf.matches(unit)) {
        count++;
        return;
      }
    }
  });
  return count;
}

export function countPhraseMatches(text: string, leaf: PhraseLeaf): number {
  const pattern = new RegExp(leaf.pattern.source, 'giu');
  let count = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    count++;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return count;
}

/** Answers word and phrase leaves by reading each doc's text. */
export class TextScanner implements LeafMatcher {
  // Lower-cased bodies, kept per doc object while it lives, for the probe test.
  private readonly lowered = new WeakMap<SearchDoc, string>();

  constructor(private readonly docs: DocSource) {}

  word(leaf: WordLeaf, within: Scores | null): Scores {
    return this.scan(within, (doc) => {
      let score = 0;
      for (const [field, text] of leafTexts(doc, leaf.field)) {
        if (leaf.probe !== '' && !this.lower(doc, field, text).includes(leaf.probe)) continue;
        const count = countWordMatches(text, leaf);
        if (count > 0) score += FIELD_BOOSTS[field] * (1 + Math.log(count));
      }
      return score;
    });
  }

  phrase(leaf: PhraseLeaf, within: Scores | null): Scores {
    return this.scan(within, (doc) => {
      let score = 0;
      for (const [field, text] of leafTexts(doc, leaf.field)) {
        const count = countPhraseMatches(text, leaf);
        if (count > 0) score += FIELD_BOOSTS[field] * (1 + Math.log(count));
      }
      return score;
    });
  }

  private scan(within: Scores | null, score: (doc: SearchDoc) => number): Scores {
    const out: Scores = new Map();
    const slots = within !== null ? within.keys() : this.docs.slots();
    for (const slot of slots) {
      const s = score(this.docs.doc(slot));
      if (s > 0) out.set(slot, s);
    }
    return out;
  }

  private lower(doc: SearchDoc, field: SearchField, text: string): string {
    if (field !== 'body') return normalizeWord(text);
    let lowered = this.lowered.get(doc);
    if (lowered === undefined) {
      lowered = normalizeWord(text);
      this.lowered.set(doc, lowered);
    }
    return lowered;
  }
}

/** A DocSource over a plain array: slot i is docs[i]. */
export function arrayDocSource(docs: readonly SearchDoc[]): DocSource {
  return {
    *slots() {
      for (let i = 0; i < docs.length; i++) yield i;
    },
    doc: (slot) => docs[slot],
  };
}

/** Answers `query` over `docs` by scanning their text. */
export function scanSearch(query: string, docs: readonly SearchDoc[], options: { limit?: number } = {}): SearchResult {
  const planned = planQuery(query);
  if (!planned.ok) return { hits: [], total: 0, error: planned.error, mode: 'scan' };
  const source = arrayDocSource(docs);
  const scores = evaluate(planned.plan, source, new TextScanner(source));
  return rankResults(scores, source, planned.highlights, normalizeLimit(options.limit), 'scan');
}
