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
import { countLiteral } from './literal';
import { isCompound, normalizeWord, scanWords, unitsOf, wordAround } from './tokenizer';

/** Calls `visit` with each field text a leaf looks at (and its index among aliases or tags), until it returns false. */
function forEachLeafText(
  doc: SearchDoc,
  field: 'all' | 'title',
  visit: (field: SearchField, text: string, index: number) => boolean | void,
): void {
  if (visit('title', doc.title, 0) === false || field === 'title') return;
  for (let i = 0; i < doc.aliases.length; i++) if (visit('aliases', doc.aliases[i], i) === false) return;
  for (let i = 0; i < doc.tags.length; i++) if (visit('tags', doc.tags[i], i) === false) return;
  visit('body', doc.body, 0);
}

/** How many words of `text` the leaf matches. */
function countWordMatches(text: string, leaf: WordLeaf): number {
  // Used when there is no probe (fuzzy words): every word is looked at.
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


/**
 * How many words of `lower` (a text lower-cased by normalizeWord, which
 * splits into the same words with the same spellings) the leaf matches, up
 * to `max`, looking only at the words around the hits of the leaf's probe.
 */
function countProbedMatches(lower: string, leaf: WordLeaf, max = Infinity): number {
  let count = 0;
  for (let at = lower.indexOf(leaf.probe); at !== -1 && count < max; ) {
    const span = wordAround(lower, at);
    if (span === null) {
      at = lower.indexOf(leaf.probe, at + 1);
      continue;
    }
    const word = lower.slice(span[0], span[1]);
    if (unitsOf(word, span[0], isCompound(word)).some((unit) => leaf.matches(unit))) count++;
    at = lower.indexOf(leaf.probe, span[1]);
  }
  return count;
}

interface LoweredDoc {
  title: string;
  aliases: string[];
  tags: string[];
  body: string;
}

/**
 * The docs' texts as the scan reads them: lower-cased by normalizeWord,
 * which keeps the same words with the same spellings (so probes, phrases and
 * stop words are found with indexOf); kept per doc object while it lives.
 */
export class LoweredTexts {
  private readonly docs = new WeakMap<SearchDoc, LoweredDoc>();

  /** The lowered text of `doc`'s `field`, the `index`th one for aliases and tags. */
  get(doc: SearchDoc, field: SearchField, index: number): string {
    let lowered = this.docs.get(doc);
    if (lowered === undefined) {
      lowered = {
        title: normalizeWord(doc.title),
        aliases: doc.aliases.map(normalizeWord),
        tags: doc.tags.map(normalizeWord),
        body: normalizeWord(doc.body),
      };
      this.docs.set(doc, lowered);
    }
    return field === 'title' || field === 'body' ? lowered[field] : lowered[field][index];
  }
}

/**
 * Answers word and phrase leaves by reading each doc's text. With
 * `presenceOnly` (the index checking a phrase or a stop word, scored by BM25
 * elsewhere) it stops at the first occurrence and scores 1.
 */
export class TextScanner implements LeafMatcher {
  constructor(
    private readonly docs: DocSource,
    private readonly presenceOnly = false,
    private readonly lowered = new LoweredTexts(),
  ) {}

  word(leaf: WordLeaf, within: Scores | null): Scores {
    // A stop word is matched by its spelling alone: a literal scan finds it.
    const literal = leaf.match === 'exact' && leaf.term === null ? leaf.norm : null;
    const max = this.presenceOnly ? 1 : Infinity;
    return this.scan(within, (doc) => {
      let score = 0;
      forEachLeafText(doc, leaf.field, (field, text, index) => {
        const lower = this.lowered.get(doc, field, index);
        const count =
          literal !== null ? countLiteral(lower, literal, max)
          : leaf.probe !== '' ? countProbedMatches(lower, leaf, max)
          : countWordMatches(text, leaf);
        if (count > 0) score += FIELD_BOOSTS[field] * (1 + Math.log(count));
        return !(this.presenceOnly && score > 0);
      });
      return score;
    });
  }

  phrase(leaf: PhraseLeaf, within: Scores | null): Scores {
    const max = this.presenceOnly ? 1 : Infinity;
    return this.scan(within, (doc) => {
      let score = 0;
      forEachLeafText(doc, leaf.field, (field, _text, index) => {
        const count = countLiteral(this.lowered.get(doc, field, index), leaf.literal, max);
        if (count > 0) score += FIELD_BOOSTS[field] * (1 + Math.log(count));
        return !(this.presenceOnly && score > 0);
      });
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
}

/** A DocSource over a plain array: slot i is docs[i]. */
function arrayDocSource(docs: readonly SearchDoc[]): DocSource {
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
