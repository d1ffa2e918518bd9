// Phases 3 and 4: open to search ready, first with an empty index cache
// (search-cold), then again with the cache that run left (search-warm).
// While the cold index builds, the main thread must stay responsive: the
// event-loop delay is recorded from the moment the graph is open until the
// index is ready, and one query is answered before ready (by the scan).

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openNotebook } from '../../../electron/node/open-notebook';
import { folderBytes } from '../folder-size';
import type { Metrics, PhaseContext } from '../phase-context';
import { round, toMB } from '../stats';

const EARLY_QUERY = 'derivation';

export async function searchOpenPhase(ctx: PhaseContext, expect: 'cold' | 'warm'): Promise<Metrics> {
  const t0 = performance.now();
  const nb = await openNotebook(ctx.dir, { cacheDir: ctx.cacheDir, workers: ctx.workers });
  const tOpen = performance.now();

  // One query before the index is ready: answered by a scan, and saying so.
  const early = await nb.search.search(EARLY_QUERY, { limit: 100 });
  const tEarly = performance.now();

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const ready = await nb.search.ready;
  const tReady = performance.now();
  delay.disable();

  const after = await nb.search.search(EARLY_QUERY, { limit: 100 });
  const tAfter = performance.now();
  await nb.search.close();
  const tClosed = performance.now();
  const ns = 1e6;

  return {
    expected: expect,
    cache: ready.cache,
    notes: ready.notes,
    /** From nothing to search ready through the index. */
    openToReadyMs: round(tReady - t0),
    graphOpenMs: round(tOpen - t0),
    /** From the notes in memory (graph open) to the index ready: compared with a plain lunr build. */
    indexMs: round(tReady - tOpen),
    /** What IndexedSearch itself reports. */
    readyReportedMs: round(ready.ms),
    earlyQueryMs: round(tEarly - tOpen),
    earlyQueryMode: early.mode,
    earlyQueryHits: early.total,
    indexQueryMs: round(tAfter - tReady),
    indexQueryMode: after.mode,
    indexQueryHits: after.total,
    eventLoopDelayMaxMs: round(delay.max / ns),
    eventLoopDelayP99Ms: round(delay.percentile(99) / ns),
    eventLoopDelayMeanMs: round(delay.mean / ns),
    closeMs: round(tClosed - tAfter),
    cacheMB: toMB(await folderBytes(ctx.cacheDir)),
  };
}
