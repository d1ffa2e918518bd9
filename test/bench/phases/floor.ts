// Phase 1, the floor: how long a plain read of every note takes, and a
// regular-expression pass over the texts in memory. Opening can only be a
// small multiple of this.

import { listMarkdown, readAll } from '../read-all';
import type { Metrics, PhaseContext } from '../phase-context';
import { round, toMB } from '../stats';

const WIKILINK = /\[\[([^\]\n]+)\]\]/g;

export async function floorPhase(ctx: PhaseContext): Promise<Metrics> {
  const t0 = performance.now();
  const paths = await listMarkdown(ctx.dir);
  const t1 = performance.now();
  const files = await readAll(ctx.dir, paths);
  const t2 = performance.now();

  let links = 0;
  for (const file of files) for (const _ of file.text.matchAll(WIKILINK)) links++;
  const t3 = performance.now();
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);

  return {
    files: files.length,
    textMB: toMB(bytes),
    listMs: round(t1 - t0),
    readMs: round(t2 - t1),
    /** List + read: the floor the open is compared with. */
    floorMs: round(t2 - t0),
    regexScanMs: round(t3 - t2),
    wikilinksFound: links,
  };
}
