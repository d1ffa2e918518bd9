// Phase 2: open to a usable timeline with backlinks (scan, parse, link
// graph), without the search index. `open-graph` starts from an empty cache
// folder (every note parsed), `reopen-graph` then opens again with the parse
// cache the first one left, as the app does from its second start on.

import { timeline, titledBacklinks } from '../../../electron/core/views';
import { openNotebookGraph } from '../../../electron/node/open-notebook';
import type { Metrics, PhaseContext } from '../phase-context';
import { round } from '../stats';

export async function openGraphPhase(ctx: PhaseContext, expect: 'cold' | 'warm'): Promise<Metrics> {
  const t0 = performance.now();
  const nb = await openNotebookGraph(ctx.dir, { cacheDir: ctx.graphCacheDir });
  const t1 = performance.now();
  const items = timeline(nb.graph);
  const t2 = performance.now();
  const backlinks = titledBacklinks(nb.graph, ctx.hub);
  const t3 = performance.now();
  // Not timed: the cache is written after the open returns, for the reopen.
  const parseCacheWritten = await nb.parseCacheWritten;
  const { timings } = nb;
  return {
    expected: expect,
    /** From nothing to the timeline and the hub's backlinks: compared with the floor. */
    totalMs: round(t3 - t0),
    openMs: round(t1 - t0),
    scanMs: round(timings.scanMs),
    parseMs: round(timings.parseMs),
    graphMs: round(timings.graphMs),
    parseCacheReadMs: round(timings.cacheMs),
    notesFromParseCache: timings.fromCache,
    notesParsed: timings.parsed,
    parseWorkers: timings.parseWorkers,
    timelineMs: round(t2 - t1),
    backlinksMs: round(t3 - t2),
    notes: nb.parsed.length,
    timelineItems: items.length,
    hubBacklinks: backlinks.length,
    hubBacklinkSources: new Set(backlinks.map((b) => b.source)).size,
    parseCacheWritten,
  };
}
