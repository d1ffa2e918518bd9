// Boolean evaluation of a query plan over doc slots (small integers naming
// the docs of one engine), shared by the index and the scan. Only the word
// and phrase leaves differ between them; AND, OR, NOT and the metadata
// filters (tag, path, date) are answered here from the docs themselves.

import type { FilterLeaf, PhraseLeaf, Plan, WordLeaf } from './query-plan';
import type { SearchDoc } from './search-doc';

/** Matching slots and their scores. */
export type Scores = Map<number, number>;

export interface DocSource {
  /** Every searchable slot. */
  slots(): Iterable<number>;
  doc(slot: number): SearchDoc;
}

/** How the text leaves are answered; each returns only slots in `within` when it is given. */
export interface LeafMatcher {
  word(leaf: WordLeaf, within: Scores | null): Scores;
  phrase(leaf: PhraseLeaf, within: Scores | null): Scores;
}

export function evaluate(plan: Plan, docs: DocSource, leaves: LeafMatcher): Scores {
  return evalNode(plan, null, docs, leaves);
}

/** AND runs cheap, narrowing children first so that scans and phrase checks see fewer docs. */
function cost(plan: Plan): number {
  switch (plan.kind) {
    case 'tag':
    case 'path':
    case 'date':
      return 0;
    case 'word':
      return plan.term === null ? 2 : 1;
    case 'and':
    case 'or':
      return 1;
    case 'phrase':
      return 2;
    case 'not':
      return 3;
  }
}

function evalNode(plan: Plan, within: Scores | null, docs: DocSource, leaves: LeafMatcher): Scores {
  switch (plan.kind) {
    case 'word':
      return leaves.word(plan, within);
    case 'phrase':
      return leaves.phrase(plan, within);
    case 'tag':
    case 'path':
    case 'date':
      return filter(plan, within, docs);
    case 'not':
      return subtract(base(within, docs), evalNode(plan.child, within, docs, leaves));
    case 'or': {
      const union: Scores = new Map();
      for (const child of plan.children) {
        for (const [slot, score] of evalNode(child, within, docs, leaves)) union.set(slot, (union.get(slot) ?? 0) + score);
      }
      return union;
    }
    case 'and': {
      const children = [...plan.children].sort((a, b) => cost(a) - cost(b));
      let result: Scores | null = null;
      for (const child of children) {
        if (child.kind === 'not') {
          result = subtract(result ?? base(within, docs), evalNode(child.child, result ?? within, docs, leaves));
        } else {
          const matched = evalNode(child, result ?? within, docs, leaves);
          if (result === null) {
            result = matched;
          } else {
            const both: Scores = new Map();
            for (const [slot, score] of matched) {
              const before = result.get(slot);
              if (before !== undefined) both.set(slot, before + score);
            }
            result = both;
          }
        }
        if (result.size === 0) break;
      }
      return result ?? new Map();
    }
  }
}

/** Every slot in `within`, else every slot, scored 0. */
function base(within: Scores | null, docs: DocSource): Scores {
  if (within !== null) return new Map(within);
  const all: Scores = new Map();
  for (const slot of docs.slots()) all.set(slot, 0);
  return all;
}

function subtract(from: Scores, excluded: Scores): Scores {
  for (const slot of excluded.keys()) from.delete(slot);
  return from;
}

function filter(leaf: FilterLeaf, within: Scores | null, docs: DocSource): Scores {
  const passes = filterTest(leaf);
  const out: Scores = new Map();
  const slots = within !== null ? within.keys() : docs.slots();
  for (const slot of slots) if (passes(docs.doc(slot))) out.set(slot, 0);
  return out;
}

function filterTest(leaf: FilterLeaf): (doc: SearchDoc) => boolean {
  switch (leaf.kind) {
    case 'tag': {
      const nested = leaf.tag + '/';
      return (doc) =>
        doc.tags.some((tag) => {
          const lower = tag.toLowerCase();
          return lower === leaf.tag || lower.startsWith(nested);
        });
    }
    case 'path':
      return (doc) => doc.id.toLowerCase().includes(leaf.path);
    case 'date':
      return leaf.op === 'after'
        ? (doc) => doc.date !== null && doc.date >= leaf.date
        : (doc) => doc.date !== null && doc.date <= leaf.date;
  }
}
