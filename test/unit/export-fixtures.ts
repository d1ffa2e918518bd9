// Builds a link graph from notes given as text, the way the app opens a
// folder: the other files registered as attachments first, then every note
// parsed and added.
import { planExport } from '../../electron/core/export/plan';
import type { ExportOptions, ExportPlan } from '../../electron/core/export/types';
import type { LinkGraph } from '../../electron/core/graph';
import { graphOf } from './support/graph-of';

export interface Notebook {
  graph: LinkGraph;
}

export function notebookOf(notes: Record<string, string>, attachments: string[] = []): Notebook {
  const files: Record<string, string> = {};
  for (const path of attachments) files[path] = '';
  for (const [id, source] of Object.entries(notes)) {
    if (id in files) throw new Error(`notebookOf: "${id}" is given both as a note and as an attachment`);
    files[id] = source;
  }
  return { graph: graphOf(files) };
}

export function plan(notes: Record<string, string>, options: ExportOptions, attachments: string[] = []): ExportPlan {
  return planExport(notebookOf(notes, attachments), options);
}

/** The contents of the planned note file of `id`. */
export function pageOf(result: ExportPlan, id: string): string {
  const file = result.files.find((f) => f.kind === 'note' && f.source === id);
  if (!file || file.kind !== 'note') throw new Error(`no page for ${id}; pages: ${result.files.map((f) => f.path).join(', ')}`);
  return file.contents;
}

/** The body of a page (after the front matter). */
export function bodyOf(result: ExportPlan, id: string): string {
  return pageOf(result, id).replace(/^---\n[\s\S]*?\n---\n\n/, '').replace(/\n$/, '');
}
