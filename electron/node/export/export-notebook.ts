// `notebook export` (opens the notebook: scan, parse, link) and the service's
// exportBundle (its notebook is open already): plan the bundle in core, then
// write it, only report it (dry run), or compare it with a bundle already
// written (check).

import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { ApiError, type ExportRequest, type SearchResult } from '../../core/api';
import { planExport } from '../../core/export/plan';
import type { ExportReport } from '../../core/export/types';
import type { LinkGraph } from '../../core/graph';
import type { NoteId } from '../../core/model';
import { scanSearch } from '../../core/search/scan-search';
import { toSearchDoc } from '../../core/search/search-doc';
import { openNotebookGraph } from '../open-notebook';
import { assertOutsideNotebook, checkBundle, materializeBundle, writeBundleFolder, writeBundleZip, type BundleCheck } from './bundle-writer';

export interface ExportNotebookOptions extends ExportRequest {
  /** Only notes with `publish: true` (also the default when no other criterion is given). */
  publish?: boolean;
  /** Compare the bundle at `out` with the notebook instead of writing. */
  check?: boolean;
}

export interface ExportResult extends ExportReport {
  /** The absolute output path. */
  out: string;
  zip: boolean;
  dryRun: boolean;
  /** Set by a real run: what changed on disk (bundle paths; the zip's own path for a zip). */
  files?: { written: string[]; unchanged: string[]; removed: string[] };
  /** Set by `check`. */
  check?: BundleCheck;
}

const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/** Catches an `--out` that points at the wrong level of a site for the preset (see presets.ts). */
function checkOutForPreset(options: ExportNotebookOptions, out: string): void {
  if (options.zip) return;
  const slashed = out.split(sep).join('/');
  if (options.preset === 'hugo' && HUGO_CONFIGS.some((name) => existsSync(join(out, name)))) {
    throw new ApiError('bad-argument', `--out ${out} is a Hugo site root; for --preset hugo give its content section, e.g. ${join(out, 'content', 'posts')}`);
  }
  if ((options.preset === 'jekyll' && basename(out) === '_posts') || (options.preset === 'astro' && /\/src\/content(?:\/[^/]+)?\/?$/.test(slashed))) {
    throw new ApiError('bad-argument', `--out ${out}: for --preset ${options.preset} give the site's root folder; the exporter writes ${options.preset === 'jekyll' ? '_posts/ and assets/' : 'src/content/blog/ and public/attachments/'} inside it`);
  }
}

/** Where the bundle goes: the absolute `--out`, and whether it is a zip. Throws naming a bad `--out`. */
function bundleTarget(request: ExportNotebookOptions): { out: string; zip: boolean } {
  if (typeof request?.out !== 'string' || request.out.trim() === '') {
    throw new ApiError('bad-argument', '--out is required: the folder (or .zip file) to write the bundle to');
  }
  const out = resolve(request.out);
  const zip = request.zip === true || out.toLowerCase().endsWith('.zip');
  if (request.zip === true && !out.toLowerCase().endsWith('.zip')) {
    throw new ApiError('bad-argument', `--zip needs an --out file name ending in .zip, got ${request.out}`);
  }
  checkOutForPreset({ ...request, zip }, out);
  return { out, zip };
}

/** `searchIds` for the planner from a search function: every note it matches, or the query's error. */
export function searchIdsOf(search: (query: string, options: { limit: number }) => SearchResult, noteCount: number): (query: string) => NoteId[] {
  return (query) => {
    const result = search(query, { limit: Math.max(1, noteCount) });
    if (result.error) throw new ApiError('bad-argument', `--query ${JSON.stringify(query)}: ${result.error}`);
    return result.hits.map((hit) => hit.id);
  };
}

/** An open notebook, as the exporter needs it. */
export interface ExportSource {
  /** The notebook's real root path. */
  root: string;
  /** Its notes, with its other files registered as attachments. */
  graph: LinkGraph;
  /** Full-text search, needed only for `query`. */
  searchIds?: (query: string) => NoteId[];
}

/**
 * Plans the bundle of an already open notebook and writes it, reports it
 * (dryRun) or checks it (check). The service calls this with its live graph
 * and search index, so a preview reads nothing but the copied files.
 */
export async function exportFromGraph(source: ExportSource, request: ExportNotebookOptions): Promise<ExportResult> {
  const { out, zip } = bundleTarget(request);
  await assertOutsideNotebook(source.root, out);

  const plan = planExport({ graph: source.graph, ...(source.searchIds ? { searchIds: source.searchIds } : {}) }, request);
  const result: ExportResult = { ...plan.report, out, zip, dryRun: request.dryRun === true, written: false };
  if (request.dryRun && !request.check) return result;

  const files = await materializeBundle(source.root, plan);
  if (request.check) {
    result.check = await checkBundle(out, files, zip);
    return result;
  }
  result.files = zip ? await writeBundleZip(source.root, out, files) : await writeBundleFolder(source.root, out, files);
  result.written = true;
  return result;
}

/** `notebook export`: opens the notebook at `root`, then exports it (see exportFromGraph). */
export async function exportNotebook(root: string, request: ExportNotebookOptions): Promise<ExportResult> {
  // A bad --out is reported before the notebook is read.
  bundleTarget(request);
  // The exporter only reads the notebook: no temp-file cleanup there.
  const nb = await openNotebookGraph(root, { cleanTemps: false });
  let searchIds: ((query: string) => NoteId[]) | undefined;
  if (request.query !== undefined) {
    // One query: a scan of the notes answers it without building an index.
    const docs = nb.parsed.map(toSearchDoc);
    searchIds = searchIdsOf((query, options) => scanSearch(query, docs, options), docs.length);
  }
  return exportFromGraph({ root: nb.root, graph: nb.graph, ...(searchIds ? { searchIds } : {}) }, request);
}
