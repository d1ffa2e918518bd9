// Phase 2: open to a usable timeline with backlinks (scan, parse, link
// graph), without the search index.

import { openNotebookGraph } from '../../../electron/node/open-notebook';
import { timeline, titledBacklinks } from '../../../electron/core/views';
import type { Metrics, PhaseContext } from '../phase-context';
import { round } from '../stats';

export async function openGraphPhase(ctx: PhaseContext): Promise<Metrics> {
  const t0 = performance.now();
  const nb = await openNotebookGraph(ctx.dir);
  const t1 = performance.now();
  const items = timeline(nb.graph);
  const t2 = performance.now();
  const backlinks = titledBacklinks(nb.graph, ctx.hub);
  const t3 = performance.now();
  return {
    /** From nothing to the timeline and the hub's backlinks: compared with the floor. */
    totalMs: round(t3 - t0),
    openMs: round(t1 - t0),
    scanMs: round(nb.timings.scanMs),
    parseMs: round(nb.timings.parseMs),
    graphMs: round(nb.timings.graphMs),
    timelineMs: round(t2 - t1),
    backlinksMs: round(t3 - t2),
    notes: nb.parsed.length,
    timelineItems: items.length,
    hubBacklinks: backlinks.length,
    hubBacklinkSources: new Set(backlinks.map((b) => b.source)).size,
  };
}
