// Phase 7: rename the hub note (the one ~200 notes link to) through the
// service: the move plus rewriting every link to it. Opens with the index
// cache the save phase left, so the wait before it is short.

import type { Metrics, PhaseContext } from '../phase-context';
import { openService, waitForIndex } from '../service-helpers';
import { round } from '../stats';

export async function renamePhase(ctx: PhaseContext): Promise<Metrics> {
  const service = await openService(ctx.dir, ctx.serviceDataDir, ctx.serviceCacheDir);
  await waitForIndex(service);
  const before = await service.getNote({ id: ctx.hub });
  const newId = ctx.hub.replace(/\.md$/, ' renamed.md');

  const t0 = performance.now();
  const result = await service.renameNote({ id: ctx.hub, newId });
  const renameMs = performance.now() - t0;

  const after = await service.getNote({ id: result.id });
  const found = await service.search({ query: 'path:renamed', limit: 5 });
  await service.close();
  const sources = (list: Array<{ source: string }>) => new Set(list.map((b) => b.source)).size;
  return {
    renameMs: round(renameMs),
    filesChanged: result.changed.length,
    msPerFile: round(renameMs / Math.max(1, result.changed.length)),
    backlinkSourcesBefore: sources(before.backlinks),
    backlinkSourcesAfter: sources(after.backlinks),
    newId: result.id,
    renamedFoundByPath: found.hits.some((hit) => hit.id === result.id),
  };
}
