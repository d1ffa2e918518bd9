// Builds a LinkGraph from in-memory notes through the real parser, for the
// graph, resolution, mention and link-edit tests.

import { LinkGraph, type LinkGraphOptions } from '../../../electron/core/graph';
import { parseNote } from '../../../electron/core/note';

/** A graph of `files` (id -> source); entries without `.md`/`.markdown` are attachments. */
export function graphOf(files: Record<string, string>, options: LinkGraphOptions = {}): LinkGraph {
  const graph = new LinkGraph(options);
  for (const [id, source] of Object.entries(files)) {
    if (/\.(md|markdown)$/i.test(id)) graph.upsert(parseNote(id, source));
    else graph.addAttachment(id);
  }
  return graph;
}

export { parseNote };
