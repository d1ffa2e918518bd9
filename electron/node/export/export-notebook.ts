// `notebook export` and the service's exportBundle: open the notebook (scan,
// parse, link), plan the bundle in core, then write it, only report it (dry
// run), or compare it with a bundle already written (check).

import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { ApiError, type ExportRequest } from '../../core/api';
import { planExport } from '../../core/export/plan';
import type { ExportOptions, ExportReport } from '../../core/export/types';
import type { NoteId } from '../../core/model';
import { SearchEngine } from '../../core/search/search-engine';
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

function planOptions(request: ExportNotebookOptions): ExportOptions {
  const options: ExportOptions = { preset: request.preset };
  if (request.query !== undefined) options.query = request.query;
  if (request.tags !== undefined) options.tags = request.tags;
  if (request.since !== undefined) options.since = request.since;
  if (request.until !== undefined) options.until = request.until;
  if (request.notes !== undefined) options.notes = request.notes;
  if (request.depth !== undefined) options.depth = request.depth;
  if (request.publish !== undefined) options.publish = request.publish;
  if (request.unexportedLinks !== undefined) options.unexportedLinks = request.unexportedLinks;
  return options;
}

/** Plans the bundle of the notebook at `root` and writes it, reports it (dryRun) or checks it (check). */
export async function exportNotebook(root: string, request: ExportNotebookOptions): Promise<ExportResult> {
  if (typeof request?.out !== 'string' || request.out.trim() === '') {
    throw new ApiError('bad-argument', '--out is required: the folder (or .zip file) to write the bundle to');
  }
  const out = resolve(request.out);
  const zip = request.zip === true || out.toLowerCase().endsWith('.zip');
  if (request.zip === true && !out.toLowerCase().endsWith('.zip')) {
    throw new ApiError('bad-argument', `--zip needs an --out file name ending in .zip, got ${request.out}`);
  }
  checkOutForPreset({ ...request, zip }, out);

  // The exporter only reads the notebook: no temp-file cleanup there.
  const nb = await openNotebookGraph(root, { cleanTemps: false });
  await assertOutsideNotebook(nb.root, out);

  let searchIds: ((query: string) => NoteId[]) | undefined;
  if (request.query !== undefined) {
    const engine = new SearchEngine();
    for (const note of nb.parsed) engine.upsert(toSearchDoc(note));
    searchIds = (query) => {
      const result = engine.search(query, { limit: Math.max(1, nb.parsed.length) });
      if (result.error) throw new ApiError('bad-argument', `--query ${JSON.stringify(query)}: ${result.error}`);
      return result.hits.map((hit) => hit.id);
    };
  }

  const plan = planExport({ graph: nb.graph, attachments: nb.scan.attachments, ...(searchIds ? { searchIds } : {}) }, planOptions(request));
  const result: ExportResult = { ...plan.report, out, zip, dryRun: request.dryRun === true, written: false };
  if (request.dryRun && !request.check) return result;

  const files = await materializeBundle(nb.root, plan);
  if (request.check) {
    result.check = await checkBundle(out, files, zip);
    return result;
  }
  result.files = zip ? await writeBundleZip(nb.root, out, files) : await writeBundleFolder(nb.root, out, files);
  result.written = true;
  return result;
}
