// Both sides of one phase: the child runs it and prints one JSON line; the
// parent spawns `node dist/bench/bench.mjs --phase NAME --context JSON` so
// that each phase's peak memory is its own process's.

import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { collectGarbage, MemoryProbe } from './memory-probe';
import type { Metrics, PhaseContext, PhaseName, PhaseResult } from './phase-context';
import { baselinePhase } from './phases/baseline';
import { floorPhase } from './phases/floor';
import { openGraphPhase } from './phases/open-graph';
import { queriesPhase } from './phases/queries';
import { renamePhase } from './phases/rename';
import { savePhase } from './phases/save';
import { earlyQueryPhase, searchOpenPhase } from './phases/search-open';
import { round } from './stats';

const PHASES: Record<PhaseName, (ctx: PhaseContext, probe: MemoryProbe) => Promise<Metrics>> = {
  floor: floorPhase,
  'open-graph': (ctx) => openGraphPhase(ctx, 'cold'),
  'reopen-graph': (ctx) => openGraphPhase(ctx, 'warm'),
  'search-cold': (ctx) => searchOpenPhase(ctx, 'cold'),
  'early-query': earlyQueryPhase,
  'search-warm': (ctx) => searchOpenPhase(ctx, 'warm'),
  queries: queriesPhase,
  baseline: baselinePhase,
  save: savePhase,
  rename: renamePhase,
};

/** In the child: runs one phase and prints its result as the last line of stdout. */
export async function runPhaseHere(phase: PhaseName, ctx: PhaseContext): Promise<void> {
  collectGarbage();
  const probe = new MemoryProbe().start();
  let result: PhaseResult;
  try {
    const metrics = await PHASES[phase](ctx, probe);
    result = { phase, ok: true, metrics, memory: probe.stop() };
  } catch (error) {
    probe.stop();
    result = { phase, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
  // Worker threads or timers a failed phase left behind must not keep the process alive.
  process.exit(result.ok ? 0 : 1);
}

export interface SpawnOptions {
  script: string;
  /** Write a V8 CPU profile of this phase to the folder. */
  cpuProfDir?: string;
  timeoutMs: number;
  /** Extra Node/V8 flags for the phase process. */
  nodeFlags?: string[];
  /** Names the CPU profile file when a phase runs several times. */
  label?: string;
}

/** In the parent: runs one phase in a fresh Node process and returns what it printed. */
export function spawnPhase(phase: PhaseName, ctx: PhaseContext, options: SpawnOptions): Promise<PhaseResult> {
  const nodeArgs = ['--expose-gc', ...(options.nodeFlags ?? [])];
  if (options.cpuProfDir) {
    mkdirSync(options.cpuProfDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${phase}-${ctx.notes}${options.label ?? ''}.cpuprofile`);
  }
  const args = [...nodeArgs, options.script, '--phase', phase, '--context', JSON.stringify(ctx)];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const processMs = round(performance.now() - started);
      const lines = stdout.split('\n').filter((line) => line.trim() !== '');
      const last = lines.pop() ?? '';
      // Whatever else the phase printed (app logs) goes to stderr, not lost.
      if (lines.length > 0) process.stderr.write(lines.map((l) => `  [${phase}] ${l}\n`).join(''));
      try {
        const parsed = JSON.parse(last) as PhaseResult;
        resolve({ ...parsed, processMs });
      } catch {
        const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ' (timeout?)' : ''}` : `exited with code ${code}`;
        resolve({ phase, ok: false, error: `the phase process ${why} without a result`, processMs });
      }
    });
  });
}
