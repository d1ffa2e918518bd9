// Dated notes grouped by year and month, undated ones after them: the rows the
// timeline shows. Pure, so the grouping is tested without a DOM.

import type { NoteListItem } from '../../../electron/core/api';
import { compareChronological } from '../../../electron/core/views';

export type TimelineRow =
  | { kind: 'year'; year: string; count: number }
  | { kind: 'month'; year: string; month: number; count: number }
  | { kind: 'undated'; count: number }
  | { kind: 'note'; note: NoteListItem };

export type TimelineOrder = 'newest' | 'oldest';

/**
 * `notes` come in the order core's `timeline()` gives (newest first, undated
 * last by title), which is kept for 'newest'; 'oldest' re-sorts them the way
 * core's log does.
 */
export function timelineRows(notes: readonly NoteListItem[], order: TimelineOrder = 'newest'): TimelineRow[] {
  const ordered = order === 'newest' ? notes : [...notes].sort(compareChronological);
  const dated = ordered.filter((n) => n.date);
  const undated = ordered.filter((n) => !n.date);

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
