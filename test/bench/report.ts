// The issue's targets checked against one run's measurements (as ratios
// where the issue states ratios, so a noisy machine affects both sides),
// and the readable table.

import type { PhaseName, PhaseResult } from './phase-context';
import { OPERATORS } from './query-set';
import { round } from './stats';

/** The targets are set for this size; at other sizes they are shown for information. */
export const TARGET_SIZE = 10_000;

/** The phases that stand for the app's main process (not the floor or the baseline). */
const APP_PHASES: PhaseName[] = ['open-graph', 'reopen-graph', 'search-cold', 'early-query', 'search-warm', 'queries', 'save', 'rename'];

export interface TargetCheck {
  name: string;
  value: number | null;
  limit: number;
  /** How value compares with limit. */
  rule: '<=' | '<';
  unit: string;
  pass: boolean | null;
  note?: string;
}

export interface Row {
  phase: string;
  metric: string;
  value: string;
  target: string;
  result: string;
}

type Phases = Partial<Record<PhaseName, PhaseResult>>;

function metric(phases: Phases, phase: PhaseName, key: string): number | null {
  const result = phases[phase];
  if (!result?.ok) return null;
  const value = result.metrics[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function operatorMetric(phases: Phases, operator: string, key: string): number | null {
  const result = phases.queries;
  if (!result?.ok) return null;
  const ops = result.metrics.operators as Record<string, Record<string, unknown>> | undefined;
  const value = ops?.[operator]?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Unrounded: a target is judged on the exact ratio, never on its rounding. */
function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** Three decimals: enough to show which side of a limit such as 0.25 a ratio is on. */
function shown(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

export function mainProcessPeakMB(phases: Phases): number | null {
  const peaks = APP_PHASES.flatMap((p) => {
    const r = phases[p];
    return r?.ok ? [r.memory.maxRssMB] : [];
  });
  return peaks.length === 0 ? null : Math.max(...peaks);
}

function check(name: string, value: number | null, rule: '<=' | '<', limit: number, unit: string, note?: string): TargetCheck {
  const pass = value === null ? null : rule === '<=' ? value <= limit : value < limit;
  return { name, value: unit === 'x' ? shown(value) : value, limit, rule, unit, pass, ...(note ? { note } : {}) };
}

export function checkTargets(phases: Phases): TargetCheck[] {
  const baselineSkipped = !phases.baseline;
  return [
    check('open to timeline + backlinks / read floor', ratio(metric(phases, 'open-graph', 'totalMs'), metric(phases, 'floor', 'floorMs')), '<=', 3, 'x'),
    check('reopen (parse cache) to timeline + backlinks / read floor', ratio(metric(phases, 'reopen-graph', 'totalMs'), metric(phases, 'floor', 'floorMs')), '<=', 3, 'x'),
    check(
      'cold index build / plain lunr build',
      ratio(metric(phases, 'search-cold', 'indexMs'), metric(phases, 'baseline', 'buildMs')),
      '<=',
      0.25,
      'x',
      baselineSkipped ? 'baseline skipped' : undefined,
    ),
    check('warm open to search ready', metric(phases, 'search-warm', 'openToReadyMs'), '<=', 2000, 'ms'),
    ...OPERATORS.map((op) => check(`query p95: ${op}`, operatorMetric(phases, op, 'p95Ms'), '<', 50, 'ms')),
    check('save to searchable + backlinks', metric(phases, 'save', 'totalMs'), '<', 100, 'ms'),
    check('main process peak RSS', mainProcessPeakMB(phases), '<', 600, 'MB'),
  ];
}

// ---- the table ----------------------------------------------------------

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
const mb = (v: number | null) => (v === null ? '—' : `${v} MB`);

function verdict(c: TargetCheck | undefined, atTargetSize: boolean): string {
  if (!c || c.pass === null) return c?.note ?? '—';
  const word = c.pass ? 'pass' : 'MISS';
  return atTargetSize ? word : `(${word.toLowerCase()})`;
}

export function tableRows(phases: Phases, targets: TargetCheck[], notes: number): Row[] {
  const at = notes === TARGET_SIZE;
  const t = (name: string) => targets.find((c) => c.name === name);
  const m = (phase: PhaseName, key: string) => metric(phases, phase, key);
  const memory = (phase: PhaseName): Row => {
    const r = phases[phase];
    return {
      phase,
      metric: 'peak RSS / sampled heap',
      value: r?.ok ? `${r.memory.maxRssMB} / ${r.memory.peakHeapMB} MB` : '—',
      target: '',
      result: '',
    };
  };
  const rows: Row[] = [];
  const add = (phase: string, metricName: string, value: string, target = '', result = '') =>
    rows.push({ phase, metric: metricName, value, target, result });

  for (const [phase, result] of Object.entries(phases)) {
    if (result && !result.ok) add(phase, 'ERROR', result.error.split('\n')[0].slice(0, 90), '', 'error');
  }

  if (phases.floor?.ok) {
    add('floor', 'list + read every note (the floor)', `${ms(m('floor', 'floorMs'))} (${m('floor', 'files')} files, ${m('floor', 'textMB')} MB)`);
    add('floor', 'list / readFileSync / fs.promises.readFile x64', `${m('floor', 'listMs')} / ${m('floor', 'readSyncMs')} / ${m('floor', 'readAsyncMs')} ms`);
    add('floor', 'regex scan of the texts in memory', ms(m('floor', 'regexScanMs')));
  }
  const openRows = (phase: 'open-graph' | 'reopen-graph', label: string, target: string) => {
    if (!phases[phase]?.ok) return;
    const c = t(target);
    const asyncRatio = shown(ratio(m(phase, 'totalMs'), m('floor', 'floorAsyncMs')));
    add(phase, label, `${ms(m(phase, 'totalMs'))} = ${c?.value ?? '—'}x floor (${asyncRatio ?? '—'}x async read)`, '<= 3x floor', verdict(c, at));
    add(phase, 'scan / parse / graph', `${m(phase, 'scanMs')} / ${m(phase, 'parseMs')} / ${m(phase, 'graphMs')} ms`);
    add(phase, 'parsed / from parse cache / parse workers', `${m(phase, 'notesParsed')} / ${m(phase, 'notesFromParseCache')} / ${m(phase, 'parseWorkers')}`);
    add(phase, 'timeline / backlinks', `${m(phase, 'timelineMs')} / ${m(phase, 'backlinksMs')} ms (${m(phase, 'hubBacklinkSources')} sources)`);
    rows.push(memory(phase));
  };
  openRows('open-graph', 'first open to timeline + hub backlinks', 'open to timeline + backlinks / read floor');
  openRows('reopen-graph', 'reopen (parse cache) to timeline + backlinks', 'reopen (parse cache) to timeline + backlinks / read floor');
  if (phases['search-cold']?.ok) {
    const c = t('cold index build / plain lunr build');
    const r = phases['search-cold'].metrics;
    add('search-cold', 'open to search ready (no cache)', `${ms(m('search-cold', 'openToReadyMs'))} (cache ${r.cache})`);
    add('search-cold', 'index build: graph open to ready', `${ms(m('search-cold', 'indexMs'))} = ${c?.value ?? '—'}x lunr`, '<= 0.25x lunr', verdict(c, at));
    add('search-cold', 'event-loop delay max / p99 while indexing', `${m('search-cold', 'eventLoopDelayMaxMs')} / ${m('search-cold', 'eventLoopDelayP99Ms')} ms`);
    add('search-cold', 'cache written: index / all (with parse cache)', `${m('search-cold', 'indexCacheMB')} / ${m('search-cold', 'cacheMB')} MB`);
    rows.push(memory('search-cold'));
  }
  if (phases['early-query']?.ok) {
    const r = phases['early-query'].metrics;
    add('early-query', 'one query before the index is ready', `${ms(m('early-query', 'queryMs'))} (mode ${r.mode}, ${r.hits} hits)`);
    rows.push(memory('early-query'));
  }
  if (phases['search-warm']?.ok) {
    const c = t('warm open to search ready');
    add('search-warm', 'open to search ready (warm cache)', `${ms(m('search-warm', 'openToReadyMs'))} (cache ${phases['search-warm'].metrics.cache}; index ${ms(m('search-warm', 'indexMs'))})`, '<= 2000 ms', verdict(c, at));
    rows.push(memory('search-warm'));
  }
  if (phases.queries?.ok) {
    for (const op of OPERATORS) {
      const c = t(`query p95: ${op}`);
      const hits = operatorMetric(phases, op, 'queriesWithHits');
      const errors = operatorMetric(phases, op, 'errors');
      const n = operatorMetric(phases, op, 'queries');
      add(
        'queries',
        `${op}: p50 / p95`,
        `${operatorMetric(phases, op, 'p50Ms')} / ${operatorMetric(phases, op, 'p95Ms')} ms (${hits}/${n} hit${errors ? `, ${errors} errors` : ''})`,
        'p95 < 50 ms',
        verdict(c, at),
      );
    }
    rows.push(memory('queries'));
  }
  if (phases.save?.ok) {
    const c = t('save to searchable + backlinks');
    add('save', 'save to searchable + backlinks', ms(m('save', 'totalMs')), '< 100 ms', verdict(c, at));
    add('save', 'saveNote / searchable / backlinks', `${m('save', 'saveNoteMs')} / ${m('save', 'searchableMs')} / ${m('save', 'backlinksMs')} ms`);
    add('save', 'first save (cold code paths)', ms(m('save', 'firstSaveTotalMs')));
    add('save', 'one search / one getNote(target) / its mentions', `${m('save', 'searchCallMs')} / ${m('save', 'getNoteCallMs')} / ${m('save', 'mentionsCallMs')} ms`);
    rows.push(memory('save'));
  }
  if (phases.rename?.ok) {
    add('rename', 'rename the hub note', `${ms(m('rename', 'renameMs'))} (${m('rename', 'filesChanged')} files changed)`);
    add('rename', 'hub backlink sources before -> after', `${m('rename', 'backlinkSourcesBefore')} -> ${m('rename', 'backlinkSourcesAfter')}`);
    rows.push(memory('rename'));
  }
  if (phases.baseline?.ok) {
    add('baseline', 'plain lunr build (title, body)', ms(m('baseline', 'buildMs')));
    add('baseline', 'heap growth / peak RSS', `${m('baseline', 'heapGrowthMB')} / ${phases.baseline.memory.maxRssMB} MB`);
    add('baseline', 'JSON size / JSON.parse + Index.load', `${m('baseline', 'jsonMB')} MB / ${m('baseline', 'parseAndLoadMs')} ms`);
  }
  const peak = t('main process peak RSS');
  add('memory', 'main process peak RSS (max of app phases)', mb(peak?.value ?? null), '< 600 MB', verdict(peak, at));
  return rows;
}

export function formatTable(rows: Row[]): string {
  const header: Row = { phase: 'phase', metric: 'metric', value: 'value', target: 'target', result: 'result' };
  const all = [header, ...rows];
  const keys: Array<keyof Row> = ['phase', 'metric', 'value', 'target', 'result'];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i])).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
