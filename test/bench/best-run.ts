// With --repeat, each phase keeps its best run: on a machine shared with
// other work, the fastest of a few runs is the closest to the code's own
// cost (slower runs measure the neighbours). Each phase is judged by its
// main number, and the whole result of that run is kept, so a phase's
// metrics always come from one process.

import type { PhaseName, PhaseResult } from './phase-context';

type Ok = Extract<PhaseResult, { ok: true }>;

function num(result: Ok, key: string): number {
  const value = result.metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/** The number a phase is judged by (lower is better). */
export function mainNumber(result: Ok): number {
  switch (result.phase) {
    case 'floor':
      return num(result, 'floorMs');
    case 'open-graph':
    case 'reopen-graph':
      return num(result, 'totalMs');
    case 'search-cold':
      return num(result, 'indexMs');
    case 'early-query':
      return num(result, 'queryMs');
    case 'search-warm':
      return num(result, 'openToReadyMs');
    case 'queries': {
      const ops = Object.values((result.metrics.operators ?? {}) as Record<string, { p95Ms?: unknown }>);
      return ops.reduce((sum, op) => sum + (typeof op.p95Ms === 'number' ? op.p95Ms : Number.POSITIVE_INFINITY), 0);
    }
    case 'baseline':
      return num(result, 'buildMs');
    case 'save':
      return num(result, 'totalMs');
    case 'rename':
      return num(result, 'renameMs');
  }
}

/** Per phase, the run with the lowest main number; a failure only when every run failed. */
export function bestRuns(runs: Array<Partial<Record<PhaseName, PhaseResult>>>): Partial<Record<PhaseName, PhaseResult>> {
  const best: Partial<Record<PhaseName, PhaseResult>> = {};
  for (const run of runs) {
    for (const [phase, result] of Object.entries(run) as Array<[PhaseName, PhaseResult]>) {
      const current = best[phase];
      if (!current || (!current.ok && result.ok) || (current.ok && result.ok && mainNumber(result) < mainNumber(current))) {
        best[phase] = result;
      }
    }
  }
  return best;
}
