// Dated notes grouped by year and month, undated ones after them: the rows the
// timeline shows. Pure, so the grouping is tested without a DOM.

import type { NoteListItem } from '../../../electron/core/api';

export type TimelineRow =
  | { kind: 'year'; year: string; count: number }
  | { kind: 'month'; year: string; month: number; count: number }
  | { kind: 'undated'; count: number }
  | { kind: 'note'; note: NoteListItem };

export type TimelineOrder = 'newest' | 'oldest';

function byTitle(a: NoteListItem, b: NoteListItem): number {
  return a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function timelineRows(notes: readonly NoteListItem[], order: TimelineOrder = 'newest'): TimelineRow[] {
  const dated = notes.filter((n) => n.date);
  const undated = notes.filter((n) => !n.date).sort(byTitle);
  const sign = order === 'newest' ? -1 : 1;
  dated.sort((a, b) => (a.date! < b.date! ? -sign : a.date! > b.date! ? sign : byTitle(a, b)));

  const rows: TimelineRow[] = [];
  let yearRow: Extract<TimelineRow, { kind: 'year' }> | null = null;
  let monthRow: Extract<TimelineRow, { kind: 'month' }> | null = null;
  for (const note of dated) {
    const year = note.date!.slice(0, 4);
    const month = Number(note.date!.slice(5, 7));
    if (!yearRow || yearRow.year !== year) {
      yearRow = { kind: 'year', year, count: 0 };
      rows.push(yearRow);
      monthRow = null;
    }
    if (!monthRow || monthRow.month !== month) {
      monthRow = { kind: 'month', year, month, count: 0 };
      rows.push(monthRow);
    }
    yearRow.count += 1;
    monthRow.count += 1;
    rows.push({ kind: 'note', note });
  }
  if (undated.length > 0) {
    rows.push({ kind: 'undated', count: undated.length });
    for (const note of undated) rows.push({ kind: 'note', note });
  }
  return rows;
}
