// The left pane's timeline: a navigation landmark holding a virtual list of
// dated notes by year and month, then the undated ones.

import type { NoteListItem } from '../../../electron/core/api';
import { h, monthName } from '../ui/dom';
import { VirtualList } from '../ui/virtual-list';
import { timelineRows, type TimelineOrder, type TimelineRow } from './timeline-rows';

const ORDER_KEY = 'notebook.timelineOrder';

export class TimelineView {
  readonly element: HTMLElement;
  private readonly list: VirtualList<TimelineRow>;
  private readonly orderButton: HTMLButtonElement;
  private readonly countLabel = h('span', { className: 'pane-count' });
  private notes: NoteListItem[] = [];
  private current: string | null = null;
  private order: TimelineOrder = localStorage.getItem(ORDER_KEY) === 'oldest' ? 'oldest' : 'newest';

  constructor(private readonly open: (note: NoteListItem) => void) {
    this.list = new VirtualList<TimelineRow>({
      label: 'Notes by date',
      rowHeight: 30,
      className: 'timeline-list',
      isSelectable: (row) => row.kind === 'note',
      renderRow: (row, el) => this.renderRow(row, el),
      onActivate: (row) => {
        if (row.kind === 'note') this.open(row.note);
      },
    });
    this.orderButton = h('button', {
      type: 'button',
      className: 'icon-button small',
      onclick: () => this.setOrder(this.order === 'newest' ? 'oldest' : 'newest'),
    });
    this.element = h(
      'nav',
      { className: 'timeline', 'aria-label': 'Timeline' },
      h('div', { className: 'pane-header' }, h('h2', { className: 'pane-title' }, 'Timeline'), this.countLabel, this.orderButton),
      this.list.element,
    );
    this.updateOrderButton();
  }

  setNotes(notes: NoteListItem[]): void {
    this.notes = notes;
    this.countLabel.textContent = `${notes.length} notes`;
    this.list.setItems(timelineRows(notes, this.order));
    this.markCurrent();
  }

  /** Highlights the open note and scrolls it into view. */
  setCurrent(id: string | null): void {
    this.current = id;
    this.markCurrent();
  }

  focus(): void {
    this.list.element.focus();
  }

  private markCurrent(): void {
    if (!this.current) return;
    const index = this.list.findIndex((row) => row.kind === 'note' && row.note.id === this.current);
    if (index >= 0) this.list.setActive(index);
  }

  private setOrder(order: TimelineOrder): void {
    this.order = order;
    localStorage.setItem(ORDER_KEY, order);
    this.updateOrderButton();
    this.setNotes(this.notes);
  }

  private updateOrderButton(): void {
    const newest = this.order === 'newest';
    this.orderButton.textContent = newest ? '↓ Newest' : '↑ Oldest';
    this.orderButton.setAttribute('aria-label', newest ? 'Newest first; show oldest first' : 'Oldest first; show newest first');
  }

  private renderRow(row: TimelineRow, el: HTMLElement): void {
    switch (row.kind) {
      case 'year':
        el.classList.add('row-year');
        el.append(h('span', { className: 'row-label' }, row.year), h('span', { className: 'row-count' }, String(row.count)));
        el.setAttribute('aria-label', `${row.year}, ${row.count} notes`);
        return;
      case 'month':
        el.classList.add('row-month');
        el.append(h('span', { className: 'row-label' }, monthName(row.month)), h('span', { className: 'row-count' }, String(row.count)));
        el.setAttribute('aria-label', `${monthName(row.month)} ${row.year}, ${row.count} notes`);
        return;
      case 'undated':
        el.classList.add('row-year');
        el.append(h('span', { className: 'row-label' }, 'Undated'), h('span', { className: 'row-count' }, String(row.count)));
        el.setAttribute('aria-label', `Undated, ${row.count} notes`);
        return;
      case 'note': {
        const { note } = row;
        el.classList.add('row-note');
        el.append(
          h('span', { className: 'row-day', 'aria-hidden': 'true' }, note.date ? String(Number(note.date.slice(8, 10))) : '·'),
          h('span', { className: 'row-title' }, note.title),
        );
        el.title = note.id;
        el.setAttribute('aria-label', note.date ? `${note.title}, ${note.date}` : note.title);
      }
    }
  }
}
