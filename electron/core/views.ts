// Read-only views of the link graph in the shapes of the API contract.
// Pure: the service (node) and the CLI both render the graph through these.

import type {
  ConceptPage,
  NoteListItem,
  OutgoingLink,
  TitledBacklink,
  TitledMention,
} from './api';
import { compareBacklinks, type LinkGraph } from './graph';
import { unlinkedMentions } from './mentions';
import type { Backlink, NoteId, ParsedNote, Resolution } from './model';
import { conceptKey } from './names';

export function listItem(note: ParsedNote): NoteListItem {
  return { id: note.id, title: note.title, date: note.date, tags: note.tags, aliases: note.aliases };
}

/** Dated notes by date (newest first, or oldest first), then undated notes by title. */
function byDateThenUndated(newestFirst: boolean) {
  return (a: NoteListItem, b: NoteListItem): number => {
    if (a.date && b.date && a.date !== b.date) return (a.date < b.date) === newestFirst ? 1 : -1;
    if (a.date && !b.date) return -1;
    if (b.date && !a.date) return 1;
    return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1);
  };
}

/** The timeline's order: newest first; undated notes after the dated ones, by title. */
export const compareTimeline = byDateThenUndated(true);

/** A log's order (`notebook list`): oldest first; undated notes last, by title. */
export const compareChronological = byDateThenUndated(false);

export function timeline(graph: LinkGraph): NoteListItem[] {
  return [...graph.notes()].map(listItem).sort(compareTimeline);
}

function titled(graph: LinkGraph, backlinks: Backlink[]): TitledBacklink[] {
  return backlinks.map((b) => {
    const source = graph.note(b.source);
    return { ...b, title: source?.title ?? b.source, date: source?.date ?? null };
  });
}

/**
 * A note's backlinks: links that resolve to it, plus links that name it by its
 * title or an alias and so resolve to the concept it carries (`[[Nix OS]]`).
 */
export function noteBacklinks(graph: LinkGraph, id: NoteId): Backlink[] {
  const note = graph.note(id);
  const all = graph.backlinks(id);
  if (!note) return all;
  // A link resolves to one place, so these lists never share a link.
  for (const key of new Set([note.title, ...note.aliases].map(conceptKey))) {
    for (const b of graph.conceptLinks(key)) if (b.source !== id) all.push(b);
  }
  return all.sort(compareBacklinks);
}

export function titledBacklinks(graph: LinkGraph, id: NoteId): TitledBacklink[] {
  return titled(graph, noteBacklinks(graph, id));
}

export function titledMentions(graph: LinkGraph, id: NoteId): TitledMention[] {
  return unlinkedMentions(graph, id).map((m) => ({ ...m, title: graph.note(m.source)?.title ?? m.source }));
}

export function resolutionLabel(graph: LinkGraph, resolution: Resolution, fallback: string): string {
  switch (resolution.kind) {
    case 'note':
      return graph.note(resolution.id)?.title ?? fallback;
    case 'concept':
      return graph.concept(resolution.key)?.name ?? fallback;
    case 'unresolved':
      return resolution.name;
    case 'attachment':
      return resolution.path;
  }
}

export function outgoingLinks(graph: LinkGraph, id: NoteId): OutgoingLink[] {
  return graph.outgoing(id).map(({ link, resolution }) => ({
    raw: link.raw,
    target: link.target,
    heading: link.heading,
    alias: link.alias,
    line: link.line,
    resolution,
    label: resolutionLabel(graph, resolution, link.target),
  }));
}

/** A concept page; an unresolved concept comes back with no notes and the links that name it. */
export function conceptPage(graph: LinkGraph, name: string): ConceptPage | null {
  const key = conceptKey(name);
  const concept = graph.concept(key);
  if (concept) {
    return {
      key,
      name: concept.name,
      notes: concept.notes.map((id) => listItem(graph.note(id)!)),
      backlinks: titled(graph, graph.conceptBacklinks(key)),
      unresolved: false,
    };
  }
  const unresolved = graph.unresolvedName(key);
  if (!unresolved) return null;
  return {
    key,
    name: unresolved.name,
    notes: [],
    backlinks: titled(graph, graph.conceptBacklinks(key)),
    unresolved: true,
  };
}
