import { describe, expect, test } from 'vitest';
import type { NoteListItem } from '../../../electron/core/api';
import { linkOptions } from './completions';

const note = (id: string, title: string, date: string | null, aliases: string[] = []): NoteListItem => ({ id, title, date, tags: [], aliases });

describe('linkOptions', () => {
  const notes = [
    note('NixOS.md', 'NixOS', null, ['nixos-linux']),
    note('2025/02JAN25 - NixOS.md', 'NixOS', '2025-01-02'),
    note('2025/15JAN25 - NixOS.md', 'NixOS', '2025-01-15'),
    note('Flakes.md', 'Flakes', null, ['Nix Flakes', 'flakes']),
  ];
  const options = linkOptions(notes);
  const labels = options.map((o) => o.label);

  test('one option per concept title, with the span of its dates', () => {
    expect(labels.filter((l) => l === 'NixOS')).toHaveLength(1);
    expect(options.find((o) => o.label === 'NixOS')?.detail).toBe('3 notes, 2 Jan 2025 – 15 Jan 2025');
  });

  test('dated stems and aliases are offered; a name folding to one already offered is not', () => {
    expect(labels).toEqual(expect.arrayContaining(['02JAN25 - NixOS', '15JAN25 - NixOS', 'nixos-linux', 'Nix Flakes']));
    expect(labels).not.toContain('flakes');
    expect(options.find((o) => o.label === '02JAN25 - NixOS')?.detail).toBe('2 Jan 2025');
  });
});
