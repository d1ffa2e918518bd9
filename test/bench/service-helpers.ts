// Shared by the save and rename phases: open the notebook service the way
// the app does (no watcher: the bench makes every change itself) and wait
// for its index to be ready.

import { setTimeout as sleep } from 'node:timers/promises';
import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';

export async function openService(root: string, dataDir: string, cacheDir: string): Promise<NotebookService> {
  return createNotebookService({ root, dataDir, cacheDir, watch: false });
}

export async function waitForIndex(service: NotebookService, timeoutMs = 30 * 60_000): Promise<number> {
  const t0 = performance.now();
  while (!(await service.info({})).indexReady) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`the search index was not ready after ${timeoutMs} ms`);
    await sleep(10);
  }
  return performance.now() - t0;
}
