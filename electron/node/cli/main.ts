// `notebook`: the command-line interface over the core and the folder store.
// Every command takes --dir (default $NOTEBOOK_DIR, else the sample notebook)
// and --json (one JSON document on stdout; messages go to stderr).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../../core/api';
import type { LinkGraph } from '../../core/graph';
import { unlinkedMentions } from '../../core/mentions';
import type { Backlink, Mention, NoteId } from '../../core/model';
import { conceptKey } from '../../core/names';
import { compareChronological, listItem, noteBacklinks } from '../../core/views';
import { allWarnings, openNotebook, openNotebookGraph } from '../open-notebook';
import { exportCommand } from './export-command';
import { integerOption, lastValue, parseArgs, UsageError, type ParsedArgs } from './args';
import { printTable } from './table';
import { serveCommand } from './serve-command';

const USAGE = `Usage: notebook <command> [options]

Commands:
  list                      notes with id, title, date, tags, aliases
  show NAME                 one note (by id, stem, title or alias): metadata, links, backlinks
  search QUERY [--limit N]  full-text search (words AND, OR, "phrase", -word, pre*, fuzzy~1,
                            title: tag: path: after:YYYY-MM-DD before:YYYY-MM-DD)
  backlinks NAME            links to a note or a concept, with the line around each
  mentions NAME             unlinked mentions of a note's names
  concepts                  concepts and the notes that carry them
  unresolved                link targets that name no note
  tags                      tags with counts
  stats                     counts and timings
  index                     build or load the search index and report
  serve [--port N] [--export-dir DIR]
                            serve the app on 127.0.0.1 for a browser; the page may
                            export only into DIR (default: <notebook>-export)
  export --out PATH ...     export notes as a blog bundle (see README)

Options for every command:
  --dir DIR   the notebook folder (default: $NOTEBOOK_DIR, else the sample notebook)
  --json      print one JSON document on stdout
`;

const COMMON_VALUES = ['dir', 'limit', 'port', 'export-dir'];
const COMMON_SWITCHES = ['json', 'help'];

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** The sample notebook beside the package (dist/cli.mjs -> ../notes). */
function sampleNotebook(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'notes');
    dir = dirname(dir);
  }
  return resolve('notes');
}

function notebookDir(args: ParsedArgs): string {
  return resolve(lastValue(args, 'dir') || process.env.NOTEBOOK_DIR || sampleNotebook());
}

function oneName(args: ParsedArgs, command: string): string {
  const name = args.positionals.slice(1).join(' ').trim();
  if (!name) throw new UsageError(`notebook ${command} needs a NAME: a note id, stem, title, alias or concept.`);
  return name;
}

function noteByName(graph: LinkGraph, name: string): NoteId {
  const id = graph.findByName(name);
  if (!id) throw new ApiError('not-found', `No note is called "${name}" (by id, file name, title or alias).`);
  return id;
}

/**
 * Backlinks of NAME: an exact note id gives that note's; a concept gives those
 * of all its notes and of the name itself; an unresolved name gives the links to it.
 */
function backlinksOf(graph: LinkGraph, name: string): Backlink[] {
  const exact = graph.note(name) ?? graph.note(`${name}.md`);
  if (exact) return noteBacklinks(graph, exact.id);
  const key = conceptKey(name);
  if (graph.concept(key) || graph.unresolved().some((u) => u.key === key)) return graph.conceptBacklinks(key);
  return noteBacklinks(graph, noteByName(graph, name));
}

function linkRows(rows: Array<Backlink | Mention>) {
  return rows.map((r) => ({ source: r.source, line: r.line, context: r.context }));
}

type Output = { json: unknown; text: () => string };

async function run(command: string, args: ParsedArgs, opened: { graph?: LinkGraph }): Promise<Output> {
  const root = notebookDir(args);
  const openGraph = async () => {
    const nb = await openNotebookGraph(root);
    opened.graph = nb.graph;
    return nb;
  };
  const openWithSearch = async () => {
    const nb = await openNotebook(root);
    opened.graph = nb.graph;
    return nb;
  };
  switch (command) {
    case 'list': {
      const { graph } = await openGraph();
      const notes = [...graph.notes()].map(listItem).sort(compareChronological);
      return {
        json: notes,
        text: () => printTable(notes.map((n) => [n.date ?? '', n.title, n.id, n.tags.map((t) => '#' + t).join(' ')])),
      };
    }
    case 'show': {
      const { graph } = await openGraph();
      const id = noteByName(graph, oneName(args, 'show'));
      const note = graph.note(id)!;
      const json = {
        ...listItem(note),
        frontmatter: note.frontmatter,
        headings: note.headings,
        warnings: note.warnings,
        outgoing: graph.outgoing(id).map(({ link, resolution }) => ({ raw: link.raw, line: link.line, resolution })),
        backlinks: linkRows(noteBacklinks(graph, id)),
      };
      return {
        json,
        text: () =>
          [
            `${note.title}  (${id})`,
            `date: ${note.date ?? 'undated'}   tags: ${note.tags.join(', ') || '-'}   aliases: ${note.aliases.join(', ') || '-'}`,
            ...note.warnings.map((w) => `warning: ${w.message}`),
            '',
            `Links (${json.outgoing.length}):`,
            ...json.outgoing.map((l) => `  ${l.line}: ${l.raw} -> ${describe(l.resolution)}`),
            '',
            `Backlinks (${json.backlinks.length}):`,
            ...json.backlinks.map((b) => `  ${b.source}:${b.line}  ${b.context}`),
          ].join('\n') + '\n',
      };
    }
    case 'search': {
      const query = args.positionals.slice(1).join(' ');
      const limit = integerOption(args, 'limit', 1, 10_000) ?? 20;
      const nb = await openWithSearch();
      try {
        await nb.search.ready;
        const result = nb.search.search(query, { limit });
        if (result.error) throw new UsageError(result.error);
        const hits = result.hits.map(({ id, title, date, score, snippet, marks }) => ({ id, title, date, score, snippet, marks }));
        return {
          json: hits,
          text: () =>
            hits.length === 0
              ? `No notes match ${JSON.stringify(query)}.\n`
              : hits
                  .map((h) => `${h.title}  (${h.id}${h.date ? ', ' + h.date : ''})  score ${h.score.toFixed(2)}\n  ${markSnippet(h.snippet, h.marks)}\n`)
                  .join(''),
        };
      } finally {
        await nb.search.close();
      }
    }
    case 'backlinks':
    case 'mentions': {
      const { graph } = await openGraph();
      const name = oneName(args, command);
      const rows = linkRows(command === 'backlinks' ? backlinksOf(graph, name) : unlinkedMentions(graph, noteByName(graph, name)));
      return { json: rows, text: () => rows.map((r) => `${r.source}:${r.line}  ${r.context}\n`).join('') || `None for "${name}".\n` };
    }
    case 'concepts': {
      const { graph } = await openGraph();
      const concepts = graph.concepts();
      return { json: concepts, text: () => printTable(concepts.map((c) => [c.name, String(c.notes.length), c.notes.join(', ')])) };
    }
    case 'unresolved': {
      const { graph } = await openGraph();
      const unresolved = graph.unresolved();
      return { json: unresolved, text: () => printTable(unresolved.map((u) => [u.name, String(u.count), u.sources.join(', ')])) };
    }
    case 'tags': {
      const { graph } = await openGraph();
      const tags = graph.tags();
      return { json: tags, text: () => printTable(tags.map((t) => ['#' + t.tag, String(t.count)])) };
    }
    case 'stats': {
      const nb = await openWithSearch();
      try {
        const ready = await nb.search.ready;
        const links = { resolved: 0, unresolved: 0, attachment: 0 };
        for (const note of nb.graph.notes()) {
          for (const { resolution } of nb.graph.outgoing(note.id)) {
            if (resolution.kind === 'unresolved') links.unresolved++;
            else if (resolution.kind === 'attachment') links.attachment++;
            else links.resolved++;
          }
        }
        const json = {
          notes: nb.graph.size,
          links,
          concepts: nb.graph.concepts().length,
          unresolvedConcepts: nb.graph.unresolved().length,
          tags: nb.graph.tags().length,
          warnings: allWarnings(nb.graph).length,
          skipped: nb.scan.skipped.length,
          ms: {
            scan: Math.round(nb.timings.scanMs),
            parse: Math.round(nb.timings.parseMs),
            graph: Math.round(nb.timings.graphMs),
            index: Math.round(ready.ms),
          },
          indexCache: ready.cache,
        };
        return {
          json,
          text: () =>
            printTable([
              ['notes', String(json.notes)],
              ['links resolved', String(links.resolved)],
              ['links unresolved', String(links.unresolved)],
              ['links to attachments', String(links.attachment)],
              ['concepts', String(json.concepts)],
              ['unresolved concepts', String(json.unresolvedConcepts)],
              ['tags', String(json.tags)],
              ['warnings', String(json.warnings)],
              ['files not indexed', String(json.skipped)],
              ['scan ms', String(json.ms.scan)],
              ['parse ms', String(json.ms.parse)],
              ['graph ms', String(json.ms.graph)],
              [`index ms (cache: ${ready.cache})`, String(json.ms.index)],
            ]),
        };
      } finally {
        await nb.search.close();
      }
    }
    case 'index': {
      const nb = await openWithSearch();
      try {
        const ready = await nb.search.ready;
        const json = { notes: ready.notes, cache: ready.cache, ms: Math.round(ready.ms) };
        return { json, text: () => `Indexed ${json.notes} notes in ${json.ms} ms (cache used: ${json.cache}).\n` };
      } finally {
        await nb.search.close();
      }
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run notebook --help for the list.`);
  }
}

/** Matched words in bold on a terminal, between « » in a pipe (the source's own ** stays readable). */
function markSnippet(snippet: string, marks: Array<[number, number]>): string {
  const [open, close] = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
  let out = '';
  let at = 0;
  for (const [start, end] of marks) {
    out += snippet.slice(at, start) + open + snippet.slice(start, end) + close;
    at = end;
  }
  return out + snippet.slice(at);
}

function describe(resolution: { kind: string; id?: string; key?: string; path?: string; name?: string }): string {
  switch (resolution.kind) {
    case 'note':
      return resolution.id!;
    case 'concept':
      return `concept ${resolution.key}`;
    case 'attachment':
      return `attachment ${resolution.path}`;
    default:
      return `unresolved "${resolution.name}"`;
  }
}

const MAX_WARNINGS_SHOWN = 20;

/** Warnings (malformed front matter, bad dates) go to stderr; the command still succeeds. */
function reportWarnings(graph: LinkGraph, io: Io): void {
  const warnings = allWarnings(graph);
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    io.stderr(`warning: ${w.id}${w.line ? ':' + w.line : ''}: ${w.message}\n`);
  }
  if (warnings.length > MAX_WARNINGS_SHOWN) {
    io.stderr(`warning: ${warnings.length - MAX_WARNINGS_SHOWN} more warnings (see notebook stats).\n`);
  }
}

/** `--dir X` and `--dir=X` removed, for subcommands that parse their own flags. */
function withoutDir(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') i++;
    else if (!argv[i].startsWith('--dir=')) out.push(argv[i]);
  }
  return out;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const command = argv.find((a) => !a.startsWith('--'));
  try {
    if (command === 'export') {
      const rest = argv.slice(argv.indexOf('export') + 1);
      const dirArgs = parseArgs(rest.filter((a, i) => a.startsWith('--dir') || rest[i - 1] === '--dir'), { values: ['dir'], switches: [] });
      return await exportCommand(withoutDir(rest), {
        root: notebookDir(dirArgs),
        json: rest.includes('--json'),
        stdout: io.stdout,
        stderr: io.stderr,
      });
    }
    const args = parseArgs(argv, { values: COMMON_VALUES, switches: COMMON_SWITCHES });
    if (!command || args.switches.has('help') || command === 'help') {
      io.stdout(USAGE);
      return command || args.switches.has('help') || command === 'help' ? 0 : 1;
    }
    if (command === 'serve') {
      const port = integerOption(args, 'port', 0, 65_535) ?? 0;
      const rendererDir = join(dirname(fileURLToPath(import.meta.url)), 'renderer');
      const exportDir = lastValue(args, 'export-dir');
      await serveCommand({ root: notebookDir(args), port, rendererDir, exportDir, print: (line) => io.stdout(line + '\n') });
      return 0;
    }
    const opened: { graph?: LinkGraph } = {};
    const output = await run(command, args, opened);
    if (opened.graph) reportWarnings(opened.graph, io);
    io.stdout(args.switches.has('json') ? JSON.stringify(output.json, null, 2) + '\n' : output.text());
    return 0;
  } catch (error) {
    const message = error instanceof UsageError || error instanceof ApiError ? error.message : String((error as Error)?.message ?? error);
    io.stderr(`notebook: ${message}\n`);
    return 1;
  }
}
