import { describe, expect, test } from 'vitest';
import { conflictCopyName } from './conflict-copy';

describe('conflictCopyName', () => {
  const at = new Date(2025, 0, 2, 9, 5, 7);
  test.each([
    ['Nix.md', 0, 'Nix (conflict 2025-01-02 090507)'],
    ['2025/02JAN25 - NixOS.md', 0, '02JAN25 - NixOS (conflict 2025-01-02 090507)'],
    ['a/Notes.markdown', 2, 'Notes (conflict 2025-01-02 090507 3)'],
  ])('%s, attempt %i', (id, attempt, expected) => {
    expect(conflictCopyName(id, at, attempt)).toBe(expected);
  });
});
