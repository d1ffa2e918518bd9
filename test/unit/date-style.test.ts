import { describe, expect, it } from 'vitest';
import { learnDateStyle, usesYearFolders } from '../../electron/core/date-style';

describe('the notebook date style', () => {
  it.each([
    [['02JAN25 - NixOS', '15JAN25 - NixOS', '2025-01-09 Flakes'], 'ddmmmyy'],
    [['2025-01-09 Flakes', '20250110 Notes', '02JAN25 - NixOS'], 'iso'],
    [['2 January 2025 Review', '02Jan2025 Plan', '2025_01_02 x'], 'ddmmmyy'],
    // Not dates by dates.ts: they vote for nothing.
    [['2025-13-45 x', '2025-01_02 x', 'Nix', '02JAN25 - A'], 'ddmmmyy'],
    [[], 'iso'],
  ] as const)('%j -> %s', (stems, style) => {
    expect(learnDateStyle(stems)).toBe(style);
  });

  it('year folders are used when most dated notes sit in a folder named after their year', () => {
    expect(usesYearFolders([{ id: '2025/a.md', date: '2025-01-01' }, { id: '2025/b.md', date: '2025-02-01' }, { id: 'c.md', date: '2024-01-01' }])).toBe(true);
    expect(usesYearFolders([{ id: 'a.md', date: '2025-01-01' }, { id: 'Nix.md', date: null }])).toBe(false);
  });
});
