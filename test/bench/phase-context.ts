// What the orchestrator hands each phase process, and what a phase returns.

export const PHASE_NAMES = [
  'floor',
  'open-graph',
  'reopen-graph',
  'search-cold',
  'early-query',
  'search-warm',
  'queries',
  'baseline',
  'save',
  'rename',
] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

export function isPhaseName(name: string): name is PhaseName {
  return (PHASE_NAMES as readonly string[]).includes(name);
}

export interface PhaseContext {
  /** The generated notebook folder. */
  dir: string;
  notes: number;
  /** The note that exactly `hubBacklinks` notes link to. */
  hub: string;
  hubBacklinks: number;
  /** Cache folder of open-graph (empty) and reopen-graph (with the parse cache open-graph left). */
  graphCacheDir: string;
  /** Index cache folder: empty for search-cold, reused by search-warm and queries. */
  cacheDir: string;
  /** Another empty cache folder, so early-query always finds the index unbuilt. */
  earlyCacheDir: string;
  /** Fresh folders for the service phases (history snapshots, index cache). */
  serviceDataDir: string;
  serviceCacheDir: string;
  /** Worker threads for the index build; undefined: the app's default. */
  workers?: number;
}

/** Numbers (and a few labels or checks) a phase measured. */
export type Metrics = Record<string, number | string | boolean | null | Record<string, unknown>>;

export type PhaseResult =
  | {
      phase: PhaseName;
      ok: true;
      metrics: Metrics;
      memory: { maxRssMB: number; peakHeapMB: number; samples: number };
      /** Wall time of the whole child process, from spawn to exit. */
      processMs?: number;
    }
  | { phase: PhaseName; ok: false; error: string; processMs?: number };
