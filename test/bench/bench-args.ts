// Command line of `npm run bench -- ...` (and of a phase child process).

import { parseArgs } from 'node:util';
import { isPhaseName, PHASE_NAMES, type PhaseContext, type PhaseName } from './phase-context';

export const USAGE = `npm run bench -- [options]
  --notes N           notebook size to measure (default 10000)
  --also N            another size after it (repeatable), e.g. --also 50000
  --out FILE          JSON results (default bench-results/bench.json)
  --skip-baseline     skip the plain lunr build (always skipped above 20,000 notes)
  --only P,P          run only these phases (${PHASE_NAMES.join(', ')})
  --cpu-prof P,P|all  write V8 CPU profiles of these phases to bench-results/profiles/
  --workers N         index worker threads (default: the app's own choice)
  --repeat N          run every phase N times (fresh notebook each time) and keep each phase's best run (default 1)
  --node-flags "..."  extra Node/V8 flags for the phase processes, e.g. "--max-semi-space-size=32"
  --keep              keep the generated notebooks and caches (their folders are printed)
  --timeout-min N     kill a phase after N minutes (default 60)
  --report FILE       print the tables of an earlier run's JSON again (targets checked anew), run nothing`;

export type BenchArgs =
  | { mode: 'phase'; phase: PhaseName; context: PhaseContext }
  | { mode: 'report'; file: string }
  | {
      mode: 'run';
      sizes: number[];
      out: string;
      skipBaseline: boolean;
      only: PhaseName[] | null;
      cpuProf: PhaseName[];
      workers?: number;
      keep: boolean;
      timeoutMs: number;
      repeat: number;
      nodeFlags: string[];
    };

export class BenchUsageError extends Error {}

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new BenchUsageError(`--${name} wants a positive whole number, not "${raw}"`);
  return n;
}

function workerCount(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new BenchUsageError(`--workers wants 0 (build in-process) or more, not "${raw}"`);
  return n;
}

function phaseList(name: string, raw: string): PhaseName[] {
  if (raw === 'all') return [...PHASE_NAMES];
  return raw.split(',').map((p) => {
    const phase = p.trim();
    if (!isPhaseName(phase)) throw new BenchUsageError(`--${name}: unknown phase "${phase}" (phases: ${PHASE_NAMES.join(', ')})`);
    return phase;
  });
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      phase: { type: 'string' },
      context: { type: 'string' },
      notes: { type: 'string' },
      also: { type: 'string', multiple: true },
      out: { type: 'string' },
      'skip-baseline': { type: 'boolean' },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      workers: { type: 'string' },
      keep: { type: 'boolean' },
      repeat: { type: 'string' },
      'node-flags': { type: 'string' },
      'timeout-min': { type: 'string' },
      help: { type: 'boolean' },
      report: { type: 'string' },
    },
  });
  if (values.help) throw new BenchUsageError(USAGE);
  if (values.report !== undefined) return { mode: 'report', file: values.report };
  if (values.phase !== undefined) {
    if (!isPhaseName(values.phase)) throw new BenchUsageError(`unknown phase "${values.phase}"`);
    if (values.context === undefined) throw new BenchUsageError('--phase needs --context JSON');
    return { mode: 'phase', phase: values.phase, context: JSON.parse(values.context) as PhaseContext };
  }
  const sizes = [positiveInt('notes', values.notes ?? '10000'), ...(values.also ?? []).map((n) => positiveInt('also', n))];
  return {
    mode: 'run',
    sizes,
    out: values.out ?? 'bench-results/bench.json',
    skipBaseline: values['skip-baseline'] ?? false,
    only: values.only ? phaseList('only', values.only) : null,
    cpuProf: values['cpu-prof'] ? phaseList('cpu-prof', values['cpu-prof']) : [],
    workers: values.workers === undefined ? undefined : workerCount(values.workers),
    keep: values.keep ?? false,
    timeoutMs: positiveInt('timeout-min', values['timeout-min'] ?? '60') * 60_000,
    repeat: positiveInt('repeat', values.repeat ?? '1'),
    nodeFlags: (values['node-flags'] ?? '').split(/\s+/).filter(Boolean),
  };
}
