// Phase 1, the floor: how long a plain read of every note takes, and a
// regular-expression pass over the texts in memory. Opening can only be a
// small multiple of this. Two plain reads are timed, fs.promises.readFile
// with 64 in flight and readFileSync in a loop; on a warm page cache the
// second is several times faster (each promise read costs several thread-pool
// round trips), so the floor is the faster of the two.

import { listMarkdown, readAll, readAllSync } from '../read-all';
import type { Metrics, PhaseContext } from '../phase-context';
import { round, toMB } from '../stats';

const WIKILINK = /\[\[([^\]\n]+)\]\]/g;

export async function floorPhase(ctx: PhaseContext): Promise<Metrics> {
  const t0 = performance.now();
  const paths = await listMarkdown(ctx.dir);
  const t1 = performance.now();
  const files = await readAll(ctx.dir, paths);
  const t2 = performance.now();
  const again = readAllSync(ctx.dir, paths);
  const readSyncMs = performance.now() - t2;
  if (again.length !== files.length) throw new Error('the two reads disagree on the number of files');

  const s0 = performance.now();
  let links = 0;
  for (const file of files) for (const _ of file.text.matchAll(WIKILINK)) links++;
  const regexScanMs = performance.now() - s0;
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);

  return {
    files: files.length,
    textMB: toMB(bytes),
    listMs: round(t1 - t0),
    readAsyncMs: round(t2 - t1),
    readSyncMs: round(readSyncMs),
    /** List + the faster read: the floor the open is compared with. */
    floorMs: round(t1 - t0 + Math.min(t2 - t1, readSyncMs)),
    /** List + fs.promises.readFile, 64 at once (what an async scan pays). */
    floorAsyncMs: round(t2 - t0),
    regexScanMs: round(regexScanMs),
    wikilinksFound: links,
  };
}
