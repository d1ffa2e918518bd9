// A parsed query turned into leaves that know how to match text: each word
// analysed as the index analyses text (tokenizer.ts), each phrase compiled to
// a regular expression. The index, the scan and the snippet marker all match
// through these leaves, so they agree on what a word means.

import type { IsoDate } from '../model';
import { withinEditDistance } from './edit-distance';
import { parseQuery, type QueryNode, type TermMatch, type TextField } from './query';
import { normalizeWord, queryWords, stem, type WordUnit } from './tokenizer';

export interface WordLeaf {
  kind: 'word';
  field: TextField;
  match: TermMatch;
  /**
   * exact: the index term (null for a stop word, which only a text scan finds);
   * prefix: the normalised prefix; fuzzy: the normalised word.
   */
  term: string | null;
  /** The normalised query word (what a stop word is compared by). */
  norm: string;
  /** prefix: also the stem of the prefix itself. */
  alt: string | null;
  /**
   * fuzzy: the index terms of the notebook's words within `distance` edits of
   * the word as written, once the index has looked them up (null until then,
   * and in scan mode, where each word is compared as written).
   */
  resolved: Set<string> | null;
  distance: number;
  /** A lower-case string every matching word contains (apostrophes removed), '' when none is known. */
  probe: string;
  matches(unit: WordUnit): boolean;
}

export interface PhraseLeaf {
  kind: 'phrase';
  field: TextField;
  text: string;
  /** Finds the phrase, case-insensitive, any whitespace between words, whole words at its ends (for marking). */
  pattern: RegExp;
  /** The phrase as normalizeWord writes it, single-spaced: what `countLiteral` looks for in lower-cased text. */
  literal: string;
  /** Index terms every doc holding the phrase holds: the candidates to check. */
  terms: string[];
}

export type FilterLeaf =
  | { kind: 'tag'; tag: string }
  | { kind: 'path'; path: string }
  | { kind: 'date'; op: 'after' | 'before'; date: IsoDate };

export type Plan =
  | { kind: 'and'; children: Plan[] }
  | { kind: 'or'; children: Plan[] }
  | { kind: 'not'; child: Plan }
  | WordLeaf
  | PhraseLeaf
  | FilterLeaf;

/** What the snippet marks: the words and phrases a hit matched (not the excluded ones). */
export interface Highlights {
  words: WordLeaf[];
  phrases: PhraseLeaf[];
}

export type PlannedQuery = { ok: true; plan: Plan; highlights: Highlights } | { ok: false; error: string };

export function planQuery(input: string): PlannedQuery {
  const parsed = parseQuery(input);
  if (!parsed.ok) return parsed;
  const plan = planNode(parsed.root);
  const highlights: Highlights = { words: [], phrases: [] };
  collectHighlights(plan, highlights);
  return { ok: true, plan, highlights };
}

function planNode(node: QueryNode): Plan {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map(planNode) };
    case 'not':
      return { kind: 'not', child: planNode(node.child) };
    case 'phrase':
      return phraseLeaf(node.text, node.field);
    case 'term':
      return termPlan(node.text, node.field, node.match, node.distance);
    case 'path':
      return { kind: 'path', path: node.path.normalize('NFC') };
    default:
      return node;
  }
}

function termPlan(text: string, field: TextField, match: TermMatch, distance: number): Plan {
  if (match === 'exact') {
    // `foo,bar` or `foo:bar` hold several words: all must match.
    const leaves = queryWords(text).map((word): WordLeaf => exactLeaf(word.norm, word.term, word.compound, field));
    return leaves.length === 1 ? leaves[0] : { kind: 'and', children: leaves };
  }
  const norm = normalizeWord(text).replace(/^[^\p{L}\p{N}]+/u, '');
  const compound = /[._\-/@]/.test(norm);
  const alt = compound ? null : stem(norm);
  if (match === 'prefix') {
    const probe = trimEnd(commonPrefix(norm, alt ?? norm));
    return {
      kind: 'word', field, match, term: norm, norm, alt, distance: 0, probe, resolved: null,
      matches: (unit) => unit.term !== null && (unit.term.startsWith(norm) || unit.term === alt),
    };
  }
  const leaf: WordLeaf = {
    kind: 'word', field, match, term: norm, norm, alt: alt === norm ? null : alt, distance, probe: '', resolved: null,
    matches: (unit) => {
      if (unit.term === null) return false;
      // Once the index has resolved the spellings near the word to their terms, every form of those terms matches.
      if (leaf.resolved !== null) return leaf.resolved.has(unit.term);
      return withinEditDistance(unit.norm, norm, distance);
    },
  };
  return leaf;
}

function exactLeaf(norm: string, term: string | null, compound: boolean, field: TextField): WordLeaf {
  if (term === null) {
    // A stop word is not in the index; the text is scanned for it.
    return { kind: 'word', field, match: 'exact', term, norm, alt: null, distance: 0, probe: norm, resolved: null, matches: (unit) => unit.norm === norm };
  }
  // A stem is the word minus a suffix, with at most its end changed
  // (happy → happi, flaking → flake): every word with this stem holds the
  // stem's start. Compounds are indexed as written.
  const probe = compound ? term : trimEnd(commonPrefix(norm, term));
  return { kind: 'word', field, match: 'exact', term, norm, alt: null, distance: 0, probe, resolved: null, matches: (unit) => unit.term === term };
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/**
 * A probe for a resolved index term: every word analysed to this term holds
 * it (a compound is indexed as written; a stem may differ at its end).
 */
export function probeOfTerm(term: string): string {
  return /[._\-/@]/.test(term) ? term : trimEnd(term);
}

function trimEnd(text: string): string {
  return text.length >= 5 ? text.slice(0, -2) : text.length > 1 ? text.slice(0, -1) : text;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function phraseLeaf(text: string, field: TextField): PhraseLeaf {
  const escaped = text
    .split(/\s+/)
    .filter(Boolean)
    .map((chunk) => chunk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const start = WORD_CHAR.test(text[0] ?? '') ? '(?<![\\p{L}\\p{N}\\p{M}])' : '';
  const end = WORD_CHAR.test(text[text.length - 1] ?? '') ? '(?![\\p{L}\\p{N}\\p{M}])' : '';
  const terms = [...new Set(queryWords(text).flatMap((w) => (w.term === null ? [] : [w.term])))];
  const literal = normalizeWord(text).replace(/\s+/g, ' ').trim();
  return { kind: 'phrase', field, text, pattern: new RegExp(start + escaped + end, 'iu'), literal, terms };
}

function collectHighlights(plan: Plan, into: Highlights): void {
  switch (plan.kind) {
    case 'and':
    case 'or':
      for (const child of plan.children) collectHighlights(child, into);
      return;
    case 'word':
      into.words.push(plan);
      return;
    case 'phrase':
      into.phrases.push(plan);
      return;
    default:
      // Excluded terms and filters mark nothing.
      return;
  }
}
