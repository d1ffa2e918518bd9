// Runs the built bench as a process at a tiny size and checks the shape of
// its JSON and that its searches, save and rename did what they should.
// No timing assertions: the numbers only have to be numbers.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHASE_NAMES, type PhaseName, type PhaseResult } from './phase-context';
import { OPERATORS } from './query-set';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const NOTES = 300;

interface BenchJson {
  machine: { cpu: string; cores: number; totalMemoryGB: number; node: string; date: string };
  runs: Array<{
    notes: number;
    hubBacklinks: number;
    phases: Partial<Record<PhaseName, PhaseResult>>;
    targets: Array<{ name: string; value: number | null; pass: boolean | null }>;
  }>;
}

let work = '';
let stdout = '';
let stderr = '';
let code: number | null = null;
let json: BenchJson;

function ok(phase: PhaseName): Extract<PhaseResult, { ok: true }> {
  const result = json.runs[0].phases[phase];
  if (!result?.ok) throw new Error(`phase ${phase} did not succeed: ${result ? result.error : 'missing'}`);
  return result;
}

const num = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
  const out = join(work, 'bench.json');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(repoRoot, 'dist/bench/bench.mjs'), '--notes', String(NOTES), '--out', out], {
      cwd: repoRoot,
      env: { ...process.env, XDG_CACHE_HOME: join(work, 'xdg-cache'), XDG_DATA_HOME: join(work, 'xdg-data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (c) => {
      code = c;
      resolve();
    });
  });
  json = JSON.parse(await readFile(out, 'utf8')) as BenchJson;
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe(`npm run bench at ${NOTES} notes`, () => {
  it('exits 0 and prints a table with every phase', () => {
    expect(code, stderr).toBe(0);
    for (const phase of PHASE_NAMES) expect(stdout).toContain(phase);
    expect(stdout).toMatch(/phase +\| metric/);
  });

  it('records the machine', () => {
    expect(json.machine.cpu).toEqual(expect.any(String));
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.totalMemoryGB).toBeGreaterThan(0);
    expect(json.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(json.machine.date))).toBe(false);
  });

  it('has every phase, each with its own process peak memory', () => {
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0].notes).toBe(NOTES);
    for (const phase of PHASE_NAMES) {
      const result = ok(phase);
      expect(result.memory.maxRssMB, phase).toBeGreaterThan(0);
      expect(result.memory.peakHeapMB, phase).toBeGreaterThan(0);
    }
  });

  it('reads every note for the floor and opens all of them into the graph', () => {
    const floor = ok('floor').metrics;
    expect(floor.files).toBe(NOTES);
    expect(num(floor.floorMs) && num(floor.regexScanMs)).toBe(true);
    expect(floor.wikilinksFound).toBeGreaterThan(NOTES);
    for (const phase of ['open-graph', 'reopen-graph'] as const) {
      const open = ok(phase).metrics;
      expect(open.notes, phase).toBe(NOTES);
      expect(open.timelineItems, phase).toBe(NOTES);
      for (const key of ['totalMs', 'scanMs', 'parseMs', 'graphMs', 'timelineMs', 'backlinksMs']) expect(num(open[key]), `${phase} ${key}`).toBe(true);
      expect(open.hubBacklinkSources, phase).toBe(json.runs[0].hubBacklinks);
    }
    // The first open parses every note and leaves the parse cache the reopen uses.
    expect(ok('open-graph').metrics.notesParsed).toBe(NOTES);
    expect(ok('open-graph').metrics.parseCacheWritten).toBe(true);
    expect(ok('reopen-graph').metrics.notesFromParseCache).toBe(NOTES);
  });

  it('builds the index from nothing, answers by scan before ready, then reopens from the cache', () => {
    const cold = ok('search-cold').metrics;
    expect(cold.cache).toBe('none');
    expect(cold.notes).toBe(NOTES);
    expect(cold.indexQueryMode).toBe('index');
    expect(cold.indexQueryHits).toBeGreaterThan(0);
    expect(cold.cacheMB).toBeGreaterThan(0);
    for (const key of ['openToReadyMs', 'indexMs', 'eventLoopDelayMaxMs', 'eventLoopDelayP99Ms']) expect(num(cold[key]), key).toBe(true);
    const early = ok('early-query').metrics;
    // Before the index is ready the scan answers, with the same matches.
    if (early.readyBefore === false) expect(early.mode).toBe('scan');
    expect(early.hits).toBe(cold.indexQueryHits);
    expect(num(early.queryMs)).toBe(true);
    const warm = ok('search-warm').metrics;
    expect(warm.cache).toBe('all');
    expect(warm.indexQueryHits).toBe(cold.indexQueryHits);
    expect(num(warm.openToReadyMs)).toBe(true);
  });

  it('times every operator on the index, each query parsing and most finding notes', () => {
    const operators = ok('queries').metrics.operators as Record<string, Record<string, unknown>>;
    for (const op of OPERATORS) {
      const stats = operators[op];
      expect(stats, op).toBeDefined();
      expect(stats.queries, op).toBeGreaterThanOrEqual(10);
      expect(stats.errors, `${op}: ${JSON.stringify(stats.firstErrors)}`).toBe(0);
      expect(stats.modes, op).toBe('index');
      expect(num(stats.p50Ms) && num(stats.p95Ms), op).toBe(true);
      expect(stats.queriesWithHits as number, op).toBeGreaterThan((stats.queries as number) / 2);
    }
  });

  it('finds the saved word and the new backlink', () => {
    const save = ok('save').metrics;
    expect(save.found).toBe(true);
    expect(save.backlinked).toBe(true);
    for (const key of ['totalMs', 'saveNoteMs', 'searchableMs', 'backlinksMs', 'firstSaveTotalMs']) expect(num(save[key]), key).toBe(true);
  });

  it('renames the hub, rewriting the link in every note that links to it', () => {
    const rename = ok('rename').metrics;
    const hubBacklinks = json.runs[0].hubBacklinks;
    expect(rename.filesChanged).toBe(hubBacklinks);
    expect(rename.backlinkSourcesBefore).toBe(hubBacklinks);
    expect(rename.backlinkSourcesAfter).toBe(hubBacklinks);
    expect(rename.renamedFoundByPath).toBe(true);
    expect(num(rename.renameMs)).toBe(true);
  });

  it('measures the plain lunr baseline', () => {
    const baseline = ok('baseline').metrics;
    expect(baseline.docs).toBe(NOTES);
    expect(baseline.checkHits).toBeGreaterThan(0);
    for (const key of ['buildMs', 'jsonMB', 'parseAndLoadMs']) expect(num(baseline[key]), key).toBe(true);
  });

  it('checks every target of the issue with a measured value', () => {
    const targets = json.runs[0].targets;
    expect(targets.map((t) => t.name)).toEqual(expect.arrayContaining(OPERATORS.map((op) => `query p95: ${op}`)));
    for (const target of targets) {
      expect(num(target.value), target.name).toBe(true);
      expect(typeof target.pass, target.name).toBe('boolean');
    }
  });
});
