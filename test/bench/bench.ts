// `npm run bench`: generates a synthetic notebook per size and measures the
// read floor, open to timeline and backlinks, open to search ready (cold and
// warm cache), query latency per operator, save and rename through the
// service, and a plain lunr build as the baseline; each heavy phase runs in
// its own process so its peak memory is its own. Prints a table and writes JSON.
// The same file, run with `--phase NAME --context JSON`, is one phase's process.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, parseBenchArgs } from './bench-args';
import { generateNotebook } from './generate-notebook';
import { PHASE_NAMES, type PhaseContext, type PhaseName, type PhaseResult } from './phase-context';
import { checkTargets, formatTable, tableRows, TARGET_SIZE, type TargetCheck } from './report';
import { bestRuns } from './best-run';
import { runPhaseHere, spawnPhase } from './run-phase';
import { round } from './stats';

/** Above this size the baseline is skipped: one lunr build would take minutes and gigabytes. */
const BASELINE_MAX_NOTES = 20_000;

interface SizeRun {
  notes: number;
  textMB: number;
  hub: string;
  hubBacklinks: number;
  generateMs: number;
  baselineSkipped: string | null;
  /** Runs per phase; `phases` holds each phase's best (see best-run.ts), `passes` all of them. */
  repeat: number;
  phases: Partial<Record<PhaseName, PhaseResult>>;
  passes?: Array<Partial<Record<PhaseName, PhaseResult>>>;
  targets: TargetCheck[];
  /** The targets are the issue's at this many notes. */
  targetsApply: boolean;
}

function machineInfo() {
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = null;
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryGB: round(os.totalmem() / 1024 ** 3),
    os: `${os.platform()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit,
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

type RunArgs = Extract<ReturnType<typeof parseBenchArgs>, { mode: 'run' }>;

/** One pass over every phase on a freshly generated notebook (save and rename change it). */
async function runOnce(notes: number, args: RunArgs, script: string, pass: number, baselineSkipped: string | null) {
  const work = await mkdtemp(join(os.tmpdir(), `rn-bench-${notes}-`));
  const dir = join(work, 'notebook');
  const tag = args.repeat > 1 ? `[${notes} #${pass}]` : `[${notes}]`;
  log(`\n${tag} generating the notebook in ${dir}`);
  const g0 = performance.now();
  const generated = await generateNotebook(dir, notes);
  const generateMs = round(performance.now() - g0);
  log(`${tag} ${generated.ids.length} notes, ${round(generated.bytes / 1024 ** 2)} MB, in ${generateMs} ms`);

  const ctx: PhaseContext = {
    dir,
    notes,
    hub: generated.hub,
    hubBacklinks: generated.hubBacklinks,
    graphCacheDir: join(work, 'graph-cache'),
    cacheDir: join(work, 'index-cache'),
    earlyCacheDir: join(work, 'early-cache'),
    serviceDataDir: join(work, 'service-data'),
    serviceCacheDir: join(work, 'service-cache'),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  };
  for (const folder of [ctx.graphCacheDir, ctx.cacheDir, ctx.earlyCacheDir, ctx.serviceDataDir, ctx.serviceCacheDir]) {
    await mkdir(folder, { recursive: true });
  }

  const phases: Partial<Record<PhaseName, PhaseResult>> = {};
  for (const phase of PHASE_NAMES) {
    if (args.only && !args.only.includes(phase)) continue;
    if (phase === 'baseline' && baselineSkipped) continue;
    log(`${tag} ${phase} ...`);
    const result = await spawnPhase(phase, ctx, {
      script,
      timeoutMs: args.timeoutMs,
      nodeFlags: args.nodeFlags,
      ...(args.repeat > 1 ? { label: `-${pass}` } : {}),
      ...(args.cpuProf.includes(phase) ? { cpuProfDir: resolve('bench-results/profiles') } : {}),
    });
    phases[phase] = result;
    log(result.ok ? `${tag} ${phase} done in ${result.processMs} ms` : `${tag} ${phase} FAILED: ${result.error}`);
  }

  if (args.keep) log(`${tag} kept ${work}`);
  else await rm(work, { recursive: true, force: true });
  return { generated, generateMs, phases };
}

async function runSize(notes: number, args: RunArgs, script: string): Promise<SizeRun> {
  const baselineSkipped = args.skipBaseline
    ? 'skipped by --skip-baseline'
    : notes > BASELINE_MAX_NOTES
      ? `skipped automatically above ${BASELINE_MAX_NOTES} notes`
      : null;
  if (baselineSkipped) log(`[${notes}] baseline: ${baselineSkipped}`);
  const passes = [];
  for (let pass = 1; pass <= args.repeat; pass++) passes.push(await runOnce(notes, args, script, pass, baselineSkipped));
  const phases = bestRuns(passes.map((p) => p.phases));
  const { generated, generateMs } = passes[0];
  return {
    notes,
    textMB: round(generated.bytes / 1024 ** 2),
    hub: generated.hub,
    hubBacklinks: generated.hubBacklinks,
    generateMs,
    baselineSkipped,
    repeat: args.repeat,
    phases,
    targets: checkTargets(phases),
    targetsApply: notes === TARGET_SIZE,
    ...(args.repeat > 1 ? { passes: passes.map((p) => p.phases) } : {}),
  };
}

function printRun(run: SizeRun, machine: ReturnType<typeof machineInfo>): void {
  const title = `Research Notebook bench: ${run.notes} notes (${run.textMB} MB), ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryGB} GB, Node ${machine.node}, ${machine.date.slice(0, 10)}`;
  const notes = [
    run.targetsApply ? '' : `Targets are the issue's for ${TARGET_SIZE} notes; at ${run.notes} they are shown in parentheses, for information.`,
    run.baselineSkipped ? `Baseline (plain lunr build) ${run.baselineSkipped}.` : '',
    run.repeat > 1 ? `Each phase: the best of ${run.repeat} runs (all runs are in the JSON).` : '',
  ].filter(Boolean);
  process.stdout.write(`\n${title}\n\n${formatTable(tableRows(run.phases, run.targets, run.notes))}\n${notes.map((n) => `${n}\n`).join('')}`);
}

/** `--report FILE`: the tables of an earlier run, with the targets checked by the current rules. */
async function reprint(file: string): Promise<number> {
  const saved = JSON.parse(await readFile(resolve(file), 'utf8')) as { machine: ReturnType<typeof machineInfo>; runs: SizeRun[] };
  for (const run of saved.runs) printRun({ ...run, repeat: run.repeat ?? 1, targets: checkTargets(run.phases) }, saved.machine);
  return 0;
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.mode === 'phase') {
    await runPhaseHere(args.phase, args.context);
    return 0;
  }
  if (args.mode === 'report') return reprint(args.file);
  const script = fileURLToPath(import.meta.url);
  const machine = machineInfo();
  const out = resolve(args.out);
  const runs: SizeRun[] = [];
  for (const notes of args.sizes) {
    const run = await runSize(notes, args, script);
    runs.push(run);
    printRun(run, machine);
    // Written after every size, so a long 50,000-note run keeps the 10,000 figures.
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify({ machine, argv: process.argv.slice(2), runs }, null, 2) + '\n');
  }
  log(`\nResults written to ${out}`);
  const failed = runs.some((run) => Object.values(run.phases).some((p) => p && !p.ok));
  if (failed) log('Some phases failed: see ERROR rows above.');
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
