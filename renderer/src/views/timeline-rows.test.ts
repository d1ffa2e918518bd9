import { describe, expect, test } from 'vitest';
import type { NoteListItem } from '../../../electron/core/api';
import { compareTimeline } from '../../../electron/core/views';
import { timelineRows, type TimelineRow } from './timeline-rows';

const note = (id: string, date: string | null, title = id): NoteListItem => ({ id, title, date, tags: [], aliases: [] });

function describeRows(rows: TimelineRow[]): string[] {
  return rows.map((r) => {
    switch (r.kind) {
      case 'year':
        return `Y ${r.year} (${r.count})`;
      case 'month':
        return `M ${r.year}-${r.month} (${r.count})`;
      case 'undated':
        return `U (${r.count})`;
      case 'note':
        return `  ${r.note.id}`;
    }
  });
}

describe('timelineRows', () => {
  const notes = [note('b', '2025-01-09'), note('u2', null, 'Zebra'), note('a', '2025-01-02'), note('c', '2024-12-20'), note('u1', null, 'Apple'), note('d', '2025-03-01')];

  test.each([
    [
      'newest',
      ['Y 2025 (3)', 'M 2025-3 (1)', '  d', 'M 2025-1 (2)', '  b', '  a', 'Y 2024 (1)', 'M 2024-12 (1)', '  c', 'U (2)', '  u1', '  u2'],
    ],
    [
      'oldest',
      ['Y 2024 (1)', 'M 2024-12 (1)', '  c', 'Y 2025 (3)', 'M 2025-1 (2)', '  a', '  b', 'M 2025-3 (1)', '  d', 'U (2)', '  u1', '  u2'],
    ],
  ] as const)('groups by year and month, %s first, undated after by title', (order, expected) => {
    // The notes as core's timeline() returns them: newest first, undated last by title.
    expect(describeRows(timelineRows([...notes].sort(compareTimeline), order))).toEqual(expected);
  });

  test('newest first keeps the order core gave; it does not sort again', () => {
    const given = [note('b', '2025-01-02'), note('a', '2025-01-09'), note('u2', null, 'Zebra'), note('u1', null, 'Apple')];
    expect(describeRows(timelineRows(given, 'newest'))).toEqual(['Y 2025 (2)', 'M 2025-1 (2)', '  b', '  a', 'U (2)', '  u2', '  u1']);
  });

  test('notes on one day sort by title', () => {
    const rows = timelineRows([note('x', '2025-01-01', 'Beta'), note('y', '2025-01-01', 'alpha')], 'oldest');
    expect(describeRows(rows)).toEqual(['Y 2025 (2)', 'M 2025-1 (2)', '  y', '  x']);
  });

  test('an empty notebook has no rows; only undated notes give only the undated group', () => {
    expect(timelineRows([])).toEqual([]);
    expect(describeRows(timelineRows([note('n', null)]))).toEqual(['U (1)', '  n']);
  });
});
