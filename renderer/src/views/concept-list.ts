// The concepts of the notebook, from the timeline's notes: every title folds
// to a concept key, and dated notes that share one form that concept's timeline.

import type { NoteListItem } from '../../../electron/core/api';
import { conceptKey } from '../../../electron/core/names';
import { h } from '../ui/dom';
import { VirtualList } from '../ui/virtual-list';

export interface ConceptEntry {
  key: string;
  name: string;
  count: number;
}

export function conceptsOf(notes: readonly NoteListItem[]): ConceptEntry[] {
  const byKey = new Map<string, { spellings: Map<string, number>; count: number }>();
  for (const note of notes) {
    const key = conceptKey(note.title);
    if (key === '') continue;
    const entry = byKey.get(key) ?? { spellings: new Map(), count: 0 };
    entry.count += 1;
    entry.spellings.set(note.title, (entry.spellings.get(note.title) ?? 0) + 1);
    byKey.set(key, entry);
  }
  const concepts: ConceptEntry[] = [];
  for (const [key, { spellings, count }] of byKey) {
    const name = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    concepts.push({ key, name, count });
  }
  return concepts.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export class ConceptListView {
  readonly element: HTMLElement;
  private readonly list: VirtualList<ConceptEntry>;

  constructor(open: (concept: ConceptEntry) => void) {
    this.list = new VirtualList<ConceptEntry>({
      label: 'Concepts',
      rowHeight: 30,
      renderRow: (c, el) => {
        el.classList.add('row-note');
        el.append(h('span', { className: 'row-title' }, c.name), h('span', { className: 'row-count' }, String(c.count)));
        el.setAttribute('aria-label', `${c.name}, ${c.count} ${c.count === 1 ? 'note' : 'notes'}`);
      },
      onActivate: (c) => open(c),
    });
    this.element = h('div', { className: 'list-panel' }, this.list.element);
  }

  setNotes(notes: readonly NoteListItem[]): void {
    this.list.setItems(conceptsOf(notes));
  }

  focus(): void {
    this.list.element.focus();
  }
}
