// The target checks of the bench report: ratios are judged unrounded, a
// missing measurement is neither a pass nor a miss, and the main-process
// peak is the largest of the app phases (never the floor or the baseline).

import { describe, expect, it } from 'vitest';
import type { PhaseName, PhaseResult } from './phase-context';
import { checkTargets, formatTable, tableRows } from './report';

const memory = (maxRssMB: number) => ({ maxRssMB, peakHeapMB: 1, samples: 1 });
const ok = (phase: PhaseName, metrics: Record<string, number>, rss = 100): PhaseResult => ({ phase, ok: true, metrics, memory: memory(rss) });

function target(phases: Partial<Record<PhaseName, PhaseResult>>, name: string) {
  const found = checkTargets(phases).find((t) => t.name === name);
  if (!found) throw new Error(`no target ${name}`);
  return found;
}

describe('checkTargets', () => {
  it.each([
    { index: 2500, lunr: 10_000, pass: true },
    { index: 2523, lunr: 10_000, pass: false }, // 0.2523 shows as 0.252, still a miss
    { index: 1000, lunr: 10_000, pass: true },
  ])('cold index $index ms against a lunr build of $lunr ms: pass $pass', ({ index, lunr, pass }) => {
    const t = target({ 'search-cold': ok('search-cold', { indexMs: index }), baseline: ok('baseline', { buildMs: lunr }) }, 'cold index build / plain lunr build');
    expect(t.pass).toBe(pass);
  });

  it.each([
    { open: 300, floor: 100, pass: true },
    { open: 301, floor: 100, pass: false },
  ])('open $open ms against a floor of $floor ms: pass $pass', ({ open, floor, pass }) => {
    const t = target({ 'open-graph': ok('open-graph', { totalMs: open }), floor: ok('floor', { floorMs: floor }) }, 'open to timeline + backlinks / read floor');
    expect(t.pass).toBe(pass);
  });

  it('leaves a target undecided when a side was not measured', () => {
    const t = target({ 'search-cold': ok('search-cold', { indexMs: 100 }) }, 'cold index build / plain lunr build');
    expect(t.value).toBeNull();
    expect(t.pass).toBeNull();
  });

  it('takes the main-process peak from the app phases only', () => {
    const t = target(
      { floor: ok('floor', { floorMs: 1 }, 900), baseline: ok('baseline', { buildMs: 1 }, 1400), 'search-cold': ok('search-cold', { indexMs: 1 }, 480), save: ok('save', { totalMs: 1 }, 620) },
      'main process peak RSS',
    );
    expect(t.value).toBe(620);
    expect(t.pass).toBe(false);
  });

  it('judges each query operator on its p95', () => {
    const queries: PhaseResult = {
      phase: 'queries',
      ok: true,
      metrics: { operators: { word: { p95Ms: 49.9 }, phrase: { p95Ms: 50 } } },
      memory: memory(1),
    };
    expect(target({ queries }, 'query p95: word').pass).toBe(true);
    expect(target({ queries }, 'query p95: phrase').pass).toBe(false);
    expect(target({ queries }, 'query p95: fuzzy').pass).toBeNull();
  });
});

describe('the table', () => {
  it('prints MISS at the target size, a lower-case note at others, and failed phases as errors', () => {
    const phases = { save: ok('save', { totalMs: 150 }), rename: { phase: 'rename', ok: false, error: 'boom\nstack' } as PhaseResult };
    const at10k = formatTable(tableRows(phases, checkTargets(phases), 10_000));
    expect(at10k).toMatch(/save to searchable \+ backlinks +\| 150 ms +\| < 100 ms +\| MISS/);
    expect(at10k).toMatch(/rename +\| ERROR +\| boom/);
    expect(formatTable(tableRows(phases, checkTargets(phases), 300))).toContain('(miss)');
  });
});
