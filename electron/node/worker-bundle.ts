// Finds a worker thread's bundle (dist/<name>.mjs) from wherever the calling
// code runs: the CLI and bench bundles (dist/, dist/bench/), Electron's main
// bundle (dist/main/) or, in tests, the TypeScript source (electron/node/).

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of this module's bundle or source file. */
function hereDir(): string | null {
  if (typeof __dirname === 'string') return __dirname;
  const url = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : null;
}

/** The path of `dist/<fileName>` beside, above, or (from source) in dist/; null when not built. */
export function findWorkerBundle(fileName: string): string | null {
  const here = hereDir();
  if (here === null) return null;
  for (const candidate of [join(here, fileName), join(here, '..', fileName), join(here, '..', '..', 'dist', fileName)]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Worker threads for a pool: one per core, leaving one to the main thread,
 * at least one and at most `cap` (beyond a few, threads mostly wait on the
 * disk and cost memory).
 */
export function workerThreadsFor(cap: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(cap, cores - 1));
}
