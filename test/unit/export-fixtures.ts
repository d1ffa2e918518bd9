// Builds a link graph from notes given as text, the way exportNotebook does
// from a folder: parse every note, upsert it, register the other files.
import { LinkGraph } from '../../electron/core/graph';
import { parseNote } from '../../electron/core/note';
import { planExport } from '../../electron/core/export/plan';
import type { ExportOptions, ExportPlan } from '../../electron/core/export/types';

export interface Notebook {
  graph: LinkGraph;
  attachments: string[];
}

export function notebookOf(notes: Record<string, string>, attachments: string[] = []): Notebook {
  const files = new Set(attachments.map((a) => a.toLowerCase()));
  const graph = new LinkGraph({ attachmentExists: (path) => files.has(path.toLowerCase()) });
  for (const [id, source] of Object.entries(notes)) graph.upsert(parseNote(id, source));
  for (const path of attachments) graph.addAttachment(path);
  return { graph, attachments };
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
