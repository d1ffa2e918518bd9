// The exporter's data: what the user asks for, the plan the core computes
// (every file of the bundle, in memory), and the report a dry run shows.
// Pure types; the planning lives in plan.ts, the writing in electron/node/export.

import type { ExportReportSummary } from '../api';
import type { IsoDate, NoteId } from '../model';

export type Preset = 'hugo' | 'jekyll' | 'astro' | 'plain';
export const PRESETS: readonly Preset[] = ['hugo', 'jekyll', 'astro', 'plain'];

/** What happens to a link whose target note is not in the bundle. */
export type UnexportedLinks = 'text' | 'keep' | 'fail';

/** Which notes go into the bundle. Every criterion given must hold; none given means `publish: true`. */
export interface SelectionCriteria {
  /** A full-text query (answered by the injected `searchIds`). */
  query?: string;
  /** Any of these tags, nested-aware (`nix` matches `nix/flakes`), case-insensitive. */
  tags?: string[];
  /** Inclusive date range; undated notes fail it. */
  since?: IsoDate;
  until?: IsoDate;
  /** Any of these notes, by id, file name, title or alias. */
  notes?: string[];
  /** Only notes whose front matter says `publish: true`. */
  publish?: boolean;
  /** Also the notes linked from the chosen ones, this many links deep (0 = none). */
  depth?: number;
}

export interface ExportOptions extends SelectionCriteria {
  preset: Preset;
  /** Default `text`. */
  unexportedLinks?: UnexportedLinks;
}

/** One file of the bundle, by its path relative to the bundle root (`/`-separated). */
export type PlannedFile =
  | { kind: 'note'; path: string; source: NoteId; contents: string }
  | { kind: 'attachment'; path: string; /** Root-relative path of the file in the notebook. */ source: string };

export interface RewrittenLink {
  source: NoteId;
  raw: string;
  /** The link as written in the bundle (`[text](href)`, `![alt](src)`). */
  to: string;
}

/**
 * Why a link did not become a link: its note is not in the bundle (`not-exported`),
 * or may never be (`never-exported`: draft, private, publish: false), it names no
 * note, its file is missing, an embed loops, or `--links keep` left it as written.
 */
export type DropReason = 'not-exported' | 'never-exported' | 'unresolved' | 'missing-attachment' | 'embed-loop' | 'kept-as-written';

export interface DroppedLink {
  source: NoteId;
  raw: string;
  reason: DropReason;
}

/** The plan's report: what a dry run prints, and what a real run returns (plus `written`). */
export interface ExportReport extends ExportReportSummary {
  preset: Preset;
  notes: Array<{ id: NoteId; output: string; slug: string; title: string }>;
  rewritten: RewrittenLink[];
  linksDropped: DroppedLink[];
}

export interface ExportPlan {
  /** Sorted by path, code-point order; no two share a path. */
  files: PlannedFile[];
  report: ExportReport;
}
