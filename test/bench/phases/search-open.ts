// Phases 3 and 4: open to search ready, first with an empty index cache
// (search-cold), then again with the cache that run left (search-warm).
// While the cold index builds, the main thread must stay responsive: the
// event-loop delay is recorded from the moment the graph is open until the
// index is ready. The query answered before ready (by the scan) has its own
// phase, early-query, so that its main-thread work does not lengthen the
// build measured here.

import { openNotebook } from '../../../electron/node/open-notebook';
import { folderBytes } from '../folder-size';
import { LoopLag } from '../loop-lag';
import type { Metrics, PhaseContext } from '../phase-context';
import { round, toMB } from '../stats';

export const CHECK_QUERY = 'derivation';

export async function searchOpenPhase(ctx: PhaseContext, expect: 'cold' | 'warm'): Promise<Metrics> {
  const t0 = performance.now();
  const nb = await openNotebook(ctx.dir, { cacheDir: ctx.cacheDir, workers: ctx.workers });
  const tOpen = performance.now();

  const lag = new LoopLag().start();
  const ready = await nb.search.ready;
  const tReady = performance.now();
  const delay = await lag.stop();

  const tAfterStart = performance.now();
  const after = await nb.search.search(CHECK_QUERY, { limit: 100 });
  const tAfter = performance.now();
  await nb.search.close();
  const tClosed = performance.now();
  // Not timed: the parse cache is written after the open, for search-warm's reopen.
  const parseCacheWritten = await nb.parseCacheWritten;

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
    indexQueryMs: round(tAfter - tAfterStart),
    indexQueryMode: after.mode,
    indexQueryHits: after.total,
    eventLoopDelayMaxMs: delay.maxMs,
    eventLoopDelayP99Ms: delay.p99Ms,
    eventLoopDelayMeanMs: delay.meanMs,
    eventLoopTicks: delay.ticks,
    closeMs: round(tClosed - tAfter),
    /** Everything in the cache folder: the index shards and the parse cache. */
    cacheMB: toMB(await folderBytes(ctx.cacheDir)),
    indexCacheMB: toMB(await folderBytes(ctx.cacheDir, (path) => path.split('/').includes('search'))),
    notesFromParseCache: nb.timings.fromCache,
    parseCacheWritten,
  };
}

/** Phase 3b: one query right after the graph opens, while the index builds from nothing. */
export async function earlyQueryPhase(ctx: PhaseContext): Promise<Metrics> {
  const nb = await openNotebook(ctx.dir, { cacheDir: ctx.earlyCacheDir, workers: ctx.workers });
  const t0 = performance.now();
  const early = await nb.search.search(CHECK_QUERY, { limit: 100 });
  const queryMs = performance.now() - t0;
  const readyBefore = nb.search.isReady();
  // No close: waiting for the build is not this phase's business; the process exits.
  return { queryMs: round(queryMs), mode: early.mode, hits: early.total, readyBefore };
}
