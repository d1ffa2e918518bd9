// Every spelling seen in the notebook's segments and the index term it
// stands for (`pinning` → `pin`), for fuzzy search: `pinnig~1` is compared
// with the words as written, not with their stems (which hide endings), and
// each word found then stands for its term, as an exact search for it would.
// Only grows between rebuilds: a spelling of an edited note may linger,
// which can only add a term that is then scored from live postings.

import { withinEditDistance } from './edit-distance';
import type { Segment } from './segment';

export class Vocabulary {
  private readonly termOf = new Map<string, string>();
  /** Spellings by length: a word within d edits has a length within d. */
  private readonly byLength: string[][] = [];

  get size(): number {
    return this.termOf.size;
  }

  addSegment(segment: Segment): void {
    segment.forEachSpelling((spelling, term) => this.add(spelling, term));
  }

  add(spelling: string, term: string): void {
    if (this.termOf.has(spelling)) return;
    this.termOf.set(spelling, term);
    (this.byLength[spelling.length] ??= []).push(spelling);
  }

  /** The terms of every spelling within `distance` edits of `word`. */
  termsNear(word: string, distance: number): Set<string> {
    const terms = new Set<string>();
    const from = Math.max(1, word.length - distance);
    for (let length = from; length <= word.length + distance; length++) {
      const bucket = this.byLength[length];
      if (bucket === undefined) continue;
      for (const spelling of bucket) {
        if (withinEditDistance(spelling, word, distance)) terms.add(this.termOf.get(spelling)!);
      }
    }
    return terms;
  }
}
