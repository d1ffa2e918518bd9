// `notebook export`: parses its flags, runs exportNotebook and prints the
// report (or one JSON document with --json). Exit codes: 0 done (or, with
// --check, the bundle matches); 1 bad input, a refused write, or a bundle
// that no longer matches the notebook.

import { ApiError } from '../../core/api';
import { PRESETS, type Preset, type UnexportedLinks } from '../../core/export/types';
import { exportNotebook, type ExportNotebookOptions, type ExportResult } from '../export/export-notebook';
import { lastValue, parseArgs, UsageError } from './args';

export interface ExportIo {
  /** The notebook folder (from --dir). */
  root: string;
  json: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXPORT_USAGE = `Usage: notebook export --out PATH [options]

Writes the chosen notes as a Markdown bundle a blog can publish as it is.

Selection (every criterion given must hold; none: the notes with publish: true):
  --query Q          notes matching a full-text query
  --tag T            notes tagged T or T/... (repeatable: any of them)
  --since DATE       notes dated DATE or later (YYYY-MM-DD)
  --until DATE       notes dated DATE or earlier
  --note NAME        a note by id, file name, title or alias (repeatable)
  --published        only notes with publish: true
  --depth N          also the notes they link to, N links deep (default 0)
Never exported: draft: true, publish: false, private: true, #private.

Bundle:
  --out PATH         the output folder (hugo: a content section such as
                     site/content/posts; jekyll, astro: the site root), or a .zip
  --preset P         hugo | jekyll | astro | plain (default plain)
  --zip              write a .zip (byte-identical for the same notes)
  --links MODE       links to notes not exported: text (default) | keep | fail
  --dry-run          report what would be written; write nothing
  --check            tell whether the bundle at --out still matches the notebook
  --json             print the report as one JSON document
`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} "${value}" is not one of ${allowed.join(', ')}.`);
  return value as T;
}

function nonNegativeInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number of 0 or more, got "${value}".`);
  return Number(value);
}

/** Reads the flags into exportNotebook's options; throws UsageError naming a bad flag or value. */
export function parseExportArgs(argv: string[]): ExportNotebookOptions & { help: boolean } {
  const args = parseArgs(argv, {
    values: ['out', 'preset', 'query', 'tag', 'since', 'until', 'note', 'depth', 'links'],
    switches: ['zip', 'dry-run', 'check', 'json', 'published', 'help'],
  });
  if (args.switches.has('help')) return { help: true, out: '', preset: 'plain' };
  const extra = args.positionals.filter((p) => p !== 'export');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"; notebook export takes only --flags (see notebook export --help).`);
  for (const [flag, values] of args.values) {
    const repeatable = flag === 'tag' || flag === 'note';
    if (!repeatable && values.length > 1) throw new UsageError(`--${flag} is given ${values.length} times; give it once.`);
    for (const value of values) if (value.trim() === '' || (value.startsWith('--') && flag !== 'query')) throw new UsageError(`--${flag} needs a value.`);
  }
  const out = lastValue(args, 'out');
  if (out === undefined) throw new UsageError('--out PATH is required: the folder (or .zip file) to write the bundle to.');
  if (args.switches.has('dry-run') && args.switches.has('check')) throw new UsageError('--dry-run and --check do different things; give one of them.');

  const options: ExportNotebookOptions & { help: boolean } = {
    help: false,
    out,
    preset: oneOf<Preset>('preset', lastValue(args, 'preset'), PRESETS) ?? 'plain',
  };
  const query = lastValue(args, 'query');
  if (query !== undefined) options.query = query;
  const tags = args.values.get('tag');
  if (tags) options.tags = tags;
  const notes = args.values.get('note');
  if (notes) options.notes = notes;
  const since = lastValue(args, 'since');
  if (since !== undefined) options.since = since;
  const until = lastValue(args, 'until');
  if (until !== undefined) options.until = until;
  const depth = nonNegativeInteger('depth', lastValue(args, 'depth'));
  if (depth !== undefined) options.depth = depth;
  const links = oneOf<UnexportedLinks>('links', lastValue(args, 'links'), ['text', 'keep', 'fail']);
  if (links !== undefined) options.unexportedLinks = links;
  if (args.switches.has('zip')) options.zip = true;
  if (args.switches.has('dry-run')) options.dryRun = true;
  if (args.switches.has('check')) options.check = true;
  if (args.switches.has('published')) options.publish = true;
  return options;
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : `${title} (${lines.length}):\n${lines.map((l) => `  ${l}\n`).join('')}`;
}

/** The human report. */
export function formatExportReport(result: ExportResult): string {
  const n = result.notes.length;
  const notes = `${n} note${n === 1 ? '' : 's'}`;
  let head: string;
  if (result.check) {
    const c = result.check;
    head = !c.found
      ? `No bundle at ${result.out} (no lock file): nothing to check.\n`
      : c.upToDate
        ? `The bundle at ${result.out} matches the notebook (${notes}).\n`
        : `The bundle at ${result.out} no longer matches the notebook.\n`;
    return (
      head +
      section('Changed', c.changed) +
      section('Missing', c.found ? c.missing : []) +
      section('Extra (no longer exported)', c.extra) +
      (c.found && !c.upToDate ? 'Run the same export without --check to update it.\n' : '')
    );
  }
  head = result.dryRun ? `Dry run: would export ${notes} to ${result.out} (${result.preset}${result.zip ? ', zip' : ''}).\n` : `Exported ${notes} to ${result.out} (${result.preset}${result.zip ? ', zip' : ''}).\n`;
  const copy = result.dryRun ? 'Attachments to copy' : 'Attachments copied';
  let text =
    head +
    section('Notes', result.notes.map((note) => `${note.id} -> ${note.output}`)) +
    section('Links rewritten', result.rewritten.map((l) => `${l.source}: ${l.raw} -> ${l.to}`)) +
    section('Links dropped', result.linksDropped.map((l) => `${l.source}: ${l.raw} (${l.reason})`)) +
    section(copy, result.attachments.map((a) => `${a.source} -> ${a.output}`)) +
    section('Attachments missing', result.attachmentsMissing.map((a) => `${a.source}: ${a.target}`)) +
    section('Warnings', result.warnings);
  if (result.files) {
    const f = result.files;
    text += `Files: ${f.written.length} written, ${f.unchanged.length} unchanged, ${f.removed.length} removed.\n`;
    text += section('Removed (no longer exported)', f.removed);
  }
  if (n === 0) text += 'No note matched: check the selection (drafts, private notes and publish: false are never exported).\n';
  return text;
}

export async function exportCommand(argv: string[], io: ExportIo): Promise<number> {
  try {
    const options = parseExportArgs(argv);
    if (options.help) {
      io.stdout(EXPORT_USAGE);
      return 0;
    }
    const { help: _help, ...request } = options;
    const result = await exportNotebook(io.root, request);
    io.stdout(io.json ? `${JSON.stringify(result, null, 2)}\n` : formatExportReport(result));
    if (result.check && !result.check.upToDate) return 1;
    return 0;
  } catch (error) {
    const message = error instanceof UsageError || error instanceof ApiError ? error.message : String((error as Error)?.message ?? error);
    io.stderr(`notebook export: ${message}\n`);
    return 1;
  }
}
