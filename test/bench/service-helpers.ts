// Shared by the save and rename phases: open the notebook service the way
// the app does (no watcher: the bench makes every change itself) and wait
// for its index to be ready.

import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';

export async function openService(root: string, dataDir: string, cacheDir: string): Promise<NotebookService> {
  return createNotebookService({ root, dataDir, cacheDir, watch: false });
}

/**
 * Waits for the service's `index-ready` event. `info()` is asked once first
 * (the event may have fired already) and then every second as a fallback;
 * polling it often would load the CPU the index build needs.
 */
export async function waitForIndex(service: NotebookService, timeoutMs = 30 * 60_000): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearInterval(poll);
      if (error) reject(error);
      else resolve();
    };
    const unsubscribe = service.onEvent((event) => {
      if (event.type === 'index-ready') finish();
    });
    const check = (): void => {
      if (performance.now() - t0 > timeoutMs) return finish(new Error(`the search index was not ready after ${timeoutMs} ms`));
      void service.info({}).then((info) => info.indexReady && finish(), (error: Error) => finish(error));
    };
    const poll = setInterval(check, 1000);
    check();
  });
  return performance.now() - t0;
}
