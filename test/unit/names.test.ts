import { describe, expect, it } from 'vitest';
import { conceptKey, noteNames, titleFromStem } from '../../electron/core/names';

describe('conceptKey', () => {
  it.each([
    ['NixOS', 'nixos'],
    ['  Home   Manager ', 'home manager'],
    ['Home\tManager\n', 'home manager'],
    ['Cafe\u0301', 'caf\u00e9'], // NFD folds to the NFC key
    ['CAFÉ', 'café'],
    ['flake.lock', 'flake.lock'],
    ['', ''],
  ])('%j -> %j', (name, key) => {
    expect(conceptKey(name)).toBe(key);
  });
});

describe('titleFromStem', () => {
  it.each([
    ['02JAN25 - NixOS', 'NixOS'],
    ['2025-01-09 Flakes', 'Flakes'],
    ['20250109_Flakes', 'Flakes'],
    ['2 January 2025 - Trip notes', 'Trip notes'],
    ['2025-01-09', '2025-01-09'],
    ['02JAN25', '02JAN25'],
    ['Nix', 'Nix'],
    ['2025-02-30 Not a date', '2025-02-30 Not a date'],
  ])('%j -> %j', (stem, title) => {
    expect(titleFromStem(stem)).toBe(title);
  });
});

describe('noteNames', () => {
  it.each([
    [{ stem: '02JAN25 - NixOS', title: 'NixOS', aliases: [] }, ['02JAN25 - NixOS', 'NixOS']],
    [{ stem: 'Nix', title: 'Nix', aliases: ['nix', 'Nix package manager'] }, ['Nix', 'Nix package manager']],
    [{ stem: 'hm', title: 'Home Manager', aliases: ['home  manager', 'HM', ''] }, ['hm', 'Home Manager']],
  ])('%j', (note, names) => {
    expect(noteNames(note)).toEqual(names);
  });
});
