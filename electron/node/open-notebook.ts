// Opens a notebook folder: scan, parse, link graph, then the search index in
// the background. The service, the CLI and the exporter all start here.

import { LinkGraph } from '../core/graph';
import type { ParsedNote, ParseWarning } from '../core/model';
import { parseNote } from '../core/note';
import { toSearchDoc } from '../core/search/search-doc';
import { IndexedSearch } from './indexed-search';
import { FolderStore } from './store/folder-store';
import { scanNotebook, type ScanResult } from './store/scan';

export interface OpenOptions {
  cacheDir?: string;
  /** Worker threads for index builds; 0 builds in-process. */
  workers?: number;
}

export interface NotebookGraph {
  root: string;
  store: FolderStore;
  graph: LinkGraph;
  parsed: ParsedNote[];
  scan: ScanResult;
  timings: { scanMs: number; parseMs: number; graphMs: number };
}

export interface OpenedNotebook extends NotebookGraph {
  search: IndexedSearch;
}

export interface NoteWarning extends ParseWarning {
  id: string;
}

/** Scan, parse and link: enough for every command that does not search. */
export async function openNotebookGraph(root: string): Promise<NotebookGraph> {
  const store = await FolderStore.open(root);
  const scan = await scanNotebook(store.root);

  const parseStart = performance.now();
  const parsed: ParsedNote[] = scan.notes.map((file) => parseNote(file.id, file.source));
  const parseMs = performance.now() - parseStart;

  const graphStart = performance.now();
  const graph = new LinkGraph();
  // Attachments first, so links to them resolve as the notes arrive.
  for (const path of scan.attachments) graph.addAttachment(path);
  for (const note of parsed) graph.upsert(note);
  const graphMs = performance.now() - graphStart;
  return { root: store.root, store, graph, parsed, scan, timings: { scanMs: scan.ms, parseMs, graphMs } };
}

/** The graph first, then the search index building in the background (answering by scan until ready). */
export async function openNotebook(root: string, options: OpenOptions = {}): Promise<OpenedNotebook> {
  const nb = await openNotebookGraph(root);
  const search = IndexedSearch.open({
    root: nb.root,
    docs: nb.parsed.map(toSearchDoc),
    cacheDir: options.cacheDir,
    workers: options.workers,
  });
  return { ...nb, search };
}

export function allWarnings(graph: LinkGraph): NoteWarning[] {
  const out: NoteWarning[] = [];
  for (const note of graph.notes()) for (const w of note.warnings) out.push({ id: note.id, ...w });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}
