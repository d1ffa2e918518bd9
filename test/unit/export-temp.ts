// One temp folder per export test file: its notebooks, its outputs, and the
// parse caches the exporter writes on every open (XDG_CACHE_HOME points into
// it, never at the user's ~/.cache). Removed when the file's tests are done.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';

/** Registers the hooks; returns `tempDir(prefix)`, a new folder inside the file's temp folder. */
export function useExportTemp(name: string): (prefix: string) => Promise<string> {
  let work = '';
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `${name}-`));
    vi.stubEnv('XDG_CACHE_HOME', join(work, 'xdg-cache'));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    // Each open writes its parse cache just after returning: let the last write land before removing.
    await new Promise((done) => setTimeout(done, 100));
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
  });
  return (prefix) => {
    if (!work) throw new Error('useExportTemp: a temp folder is only available inside the tests');
    return mkdtemp(join(work, prefix));
  };
}
