// From matched slots to the answer the API returns: ranked (score, then the
// newest note, then id), cut to the limit, each hit with its snippet.

import type { SearchHit, SearchResult } from '../api';
import type { DocSource, Scores } from './evaluate';
import type { Highlights } from './query-plan';
import type { SearchDoc } from './search-doc';
import { makeSnippet } from './snippet';

export const DEFAULT_LIMIT = 20;

export function rankResults(
  scores: Scores,
  docs: DocSource,
  highlights: Highlights,
  limit: number,
  mode: SearchResult['mode'],
): SearchResult {
  const top = topHits(scores, docs, Math.max(0, limit));
  const hits: SearchHit[] = top.map(({ doc, score }) => {
    const { snippet, marks } = makeSnippet(doc.body, highlights);
    return { id: doc.id, title: doc.title, date: doc.date, score: Math.round(score * 1000) / 1000, snippet, marks };
  });
  return { hits, total: scores.size, mode };
}

interface Ranked {
  doc: SearchDoc;
  score: number;
}

/** Higher score first, then the newer note, undated last, then by id. */
function before(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const da = a.doc.date ?? '';
  const db = b.doc.date ?? '';
  if (da !== db) return da > db;
  return a.doc.id < b.doc.id;
}

/**
 * The best `limit` matches in order. A bounded heap keeps the worst of the
 * best on top, so ten thousand matches cost no full sort.
 */
function topHits(scores: Scores, docs: DocSource, limit: number): Ranked[] {
  const heap: Ranked[] = [];
  const worse = (i: number, j: number) => before(heap[j], heap[i]);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(l, w)) w = l;
      if (r < heap.length && worse(r, w)) w = r;
      if (w === i) return;
      swap(i, w);
      i = w;
    }
  };
  if (limit === 0) return [];
  for (const [slot, score] of scores) {
    if (heap.length === limit) {
      // Cheap reject before touching the doc: lower score than the worst kept.
      if (score < heap[0].score) continue;
      const candidate = { doc: docs.doc(slot), score };
      if (!before(candidate, heap[0])) continue;
      heap[0] = candidate;
      down(0);
    } else {
      heap.push({ doc: docs.doc(slot), score });
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/** Limits outside 1..10000 (or not numbers) fall back to the default. */
export function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(10_000, Math.max(1, Math.floor(limit)));
}
