// From matched slots to the answer the API returns: ranked (score, then the
// newest note, then id), cut to the limit, each hit with its snippet.

import type { SearchHit, SearchResult } from '../api';
import type { DocSource, Scores } from './evaluate';
import type { Highlights } from './query-plan';
import { makeSnippet } from './snippet';

export const DEFAULT_LIMIT = 20;

export function rankResults(
  scores: Scores,
  docs: DocSource,
  highlights: Highlights,
  limit: number,
  mode: SearchResult['mode'],
): SearchResult {
  const ranked = [...scores].map(([slot, score]) => ({ slot, score, doc: docs.doc(slot) }));
  ranked.sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    const da = a.doc.date ?? '';
    const db = b.doc.date ?? '';
    if (da !== db) return da < db ? 1 : -1;
    return a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0;
  });
  const hits: SearchHit[] = ranked.slice(0, Math.max(0, limit)).map(({ doc, score }) => {
    const { snippet, marks } = makeSnippet(doc.body, highlights);
    return { id: doc.id, title: doc.title, date: doc.date, score: Math.round(score * 1000) / 1000, snippet, marks };
  });
  return { hits, total: ranked.length, mode };
}

/** Limits outside 1..10000 (or not numbers) fall back to the default. */
export function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(10_000, Math.max(1, Math.floor(limit)));
}
