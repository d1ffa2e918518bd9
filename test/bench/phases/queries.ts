// Phase 5: query latency on a ready index (opened from the warm cache),
// p50/p95 per operator over ~50 queries each, after one warm-up pass.
// Limit 100, as the renderer's search panel asks.

import { openNotebook } from '../../../electron/node/open-notebook';
import type { Metrics, PhaseContext } from '../phase-context';
import { buildQuerySet, OPERATORS } from '../query-set';
import { percentile, round } from '../stats';

const LIMIT = 100;

export async function queriesPhase(ctx: PhaseContext): Promise<Metrics> {
  const nb = await openNotebook(ctx.dir, { cacheDir: ctx.cacheDir, workers: ctx.workers });
  const ready = await nb.search.ready;
  const queries = buildQuerySet(nb.parsed.map((note) => note.source.slice(note.bodyOffset)));

  for (const operator of OPERATORS) for (const query of queries[operator]) await nb.search.search(query, { limit: LIMIT });

  const perOperator: Record<string, Record<string, unknown>> = {};
  for (const operator of OPERATORS) {
    const samples: number[] = [];
    let withHits = 0;
    let totalHits = 0;
    const errors: string[] = [];
    const modes = new Set<string>();
    for (const query of queries[operator]) {
      const t0 = performance.now();
      const result = await nb.search.search(query, { limit: LIMIT });
      samples.push(performance.now() - t0);
      modes.add(result.mode);
      if (result.error) errors.push(`${query}: ${result.error}`);
      if (result.total > 0) withHits++;
      totalHits += result.total;
    }
    perOperator[operator] = {
      queries: samples.length,
      p50Ms: round(percentile(samples, 50)),
      p95Ms: round(percentile(samples, 95)),
      maxMs: round(Math.max(...samples)),
      queriesWithHits: withHits,
      meanTotalHits: round(totalHits / Math.max(1, samples.length)),
      errors: errors.length,
      firstErrors: errors.slice(0, 3),
      modes: [...modes].join(','),
      examples: queries[operator].slice(0, 3),
    };
  }
  await nb.search.close();
  return { cache: ready.cache, limit: LIMIT, operators: perOperator };
}
