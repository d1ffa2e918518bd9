// A concept page: every note that carries the concept, oldest first, as one
// readable timeline; an unresolved concept offers to create its note.

import type { ConceptPage, NotebookClient } from '../../../electron/core/api';
import { routeToHash } from '../app/routes';
import { renderReader } from '../render/reader';
import { formatDate, h } from '../ui/dom';

/** How many notes of a long concept are rendered in full; the rest are links. */
const RENDERED_NOTES = 12;

export interface ConceptViewActions {
  openNote(id: string, event: Event): void;
  create(name: string): void;
}

export function conceptView(page: ConceptPage, client: NotebookClient, actions: ConceptViewActions): HTMLElement {
  const dated = page.notes.filter((n) => n.date).map((n) => n.date!);
  const span = dated.length > 1 ? `${formatDate(dated[0])} – ${formatDate(dated[dated.length - 1])}` : dated.length === 1 ? formatDate(dated[0]) : '';
  const summary = page.unresolved
    ? 'No note carries this name yet.'
    : `Concept · ${page.notes.length} ${page.notes.length === 1 ? 'note' : 'notes'}${span ? ` · ${span}` : ''}`;
  const header = h('header', { className: 'note-header' }, h('div', { className: 'note-meta' }, summary), h('h1', { className: 'note-title' }, page.name));
  const article = h('article', { className: `concept-page ${page.unresolved ? 'unresolved-page' : ''}` }, header);

  if (page.unresolved) {
    const count = page.backlinks.length;
    article.append(
      h(
        'div',
        { className: 'create-card' },
        h('p', {}, count ? `${count} ${count === 1 ? 'link points' : 'links point'} here, but there is no note called “${page.name}”.` : `There is no note called “${page.name}”.`),
        h('button', { type: 'button', className: 'button primary', onclick: () => actions.create(page.name) }, `Create “${page.name}”`),
      ),
    );
    return article;
  }

  const list = h('ol', { className: 'concept-timeline', 'aria-label': `Notes on ${page.name}, oldest first` });
  page.notes.forEach((note, index) => {
    const link = h(
      'a',
      { href: routeToHash({ kind: 'note', id: note.id }), className: 'concept-note-link', onclick: (e: Event) => { e.preventDefault(); actions.openNote(note.id, e); } },
      note.title,
    );
    const item = h(
      'li',
      { className: 'concept-entry' },
      h('div', { className: 'concept-entry-date' }, note.date ? h('time', { datetime: note.date }, formatDate(note.date)) : 'Undated'),
      h('h2', { className: 'concept-entry-title' }, link),
    );
    if (index < RENDERED_NOTES) {
      const body = h('div', { className: 'reader markdown concept-entry-body' }, h('p', { className: 'loading' }, 'Loading…'));
      item.append(body);
      client
        .getNote({ id: note.id })
        .then((p) => renderReader(body, { id: p.note.id, source: p.source, outgoing: p.outgoing, title: p.note.title }, client))
        .catch((error: unknown) => body.replaceChildren(h('p', { className: 'embed-note-message' }, error instanceof Error ? error.message : String(error))));
    }
    list.append(item);
  });
  article.append(list);
  return article;
}
