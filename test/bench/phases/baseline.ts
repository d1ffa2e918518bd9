// Phase 8, the baseline: one plain lunr 2.3.9 build over the same notes
// (fields title and body, the default pipeline), as a project without our
// index would do it: its build time and memory, the size of its JSON, and
// the time to parse and load that JSON again.

import lunr from 'lunr';
import { collectGarbage, type MemoryProbe } from '../memory-probe';
import { listMarkdown, readAll } from '../read-all';
import type { Metrics, PhaseContext } from '../phase-context';
import { round, toMB } from '../stats';

export async function baselinePhase(ctx: PhaseContext, probe: MemoryProbe): Promise<Metrics> {
  const files = await readAll(ctx.dir, await listMarkdown(ctx.dir));
  const docs = files.map((f) => ({ id: f.path, title: f.path.replace(/^.*\//, '').replace(/\.md$/i, ''), body: f.text }));
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;

  const t0 = performance.now();
  const index = lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('body');
    docs.forEach((doc, i) => {
      this.add(doc);
      // The timer cannot fire inside this synchronous build: sample here.
      if (i % 200 === 0) probe.sample();
    });
  });
  const buildMs = performance.now() - t0;
  probe.sample();
  const heapAfterBuild = process.memoryUsage().heapUsed;

  const t1 = performance.now();
  const json = JSON.stringify(index);
  const stringifyMs = performance.now() - t1;
  probe.sample();
  const jsonBytes = Buffer.byteLength(json);

  const t2 = performance.now();
  const loaded = lunr.Index.load(JSON.parse(json) as object);
  const loadMs = performance.now() - t2;
  probe.sample();
  const check = loaded.search('derivation').length;

  return {
    docs: docs.length,
    buildMs: round(buildMs),
    heapGrowthMB: toMB(heapAfterBuild - heapBefore),
    jsonMB: toMB(jsonBytes),
    stringifyMs: round(stringifyMs),
    parseAndLoadMs: round(loadMs),
    checkHits: check,
  };
}
