import { describe, expect, it } from 'vitest';
import { withinEditDistance } from '../../electron/core/search/edit-distance';
import { countLiteral } from '../../electron/core/search/literal';
import { Vocabulary } from '../../electron/core/search/vocabulary';

describe('edit distance (insert, delete, substitute, swap neighbours)', () => {
  it.each<[string, string, number, boolean]>([
    ['nixos', 'nixos', 0, true],
    ['nixos', 'nixso', 1, true], // swap
    ['nixos', 'nixs', 1, true], // delete
    ['nixos', 'nixxos', 1, true], // insert
    ['nixos', 'nexos', 1, true], // substitute
    ['nixos', 'nxiso', 1, false],
    ['nixos', 'nxiso', 2, true],
    ['flakes', 'flkeas', 1, false],
    ['flakes', 'flkeas', 2, true],
    ['a', 'abc', 1, false],
    ['', 'ab', 2, true],
    ['configuration', 'confguration', 1, true],
  ])('%s ~ %s within %i: %s', (a, b, max, expected) => {
    expect(withinEditDistance(a, b, max)).toBe(expected);
    expect(withinEditDistance(b, a, max)).toBe(expected);
  });
});

describe('literal phrase scan', () => {
  it.each<[string, string, number]>([
    ['the nix store and the nix  store', 'nix store', 2],
    ['nix\n\tstore', 'nix store', 1],
    ['unix store', 'nix store', 0],
    ['nix storeroom', 'nix store', 0],
    ['nix store.', 'nix store', 1],
    ['a&&b && c', '&&', 2],
    ['thé nix', 'thé', 1],
    ['théa nix', 'thé', 0],
  ])('%j holds %j %i times', (text, literal, count) => {
    expect(countLiteral(text, literal)).toBe(count);
    expect(countLiteral(text, literal, 1)).toBe(Math.min(1, count));
  });
});

describe('vocabulary', () => {
  it('finds the terms of spellings near a word', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add('pinning', 'pin');
    vocabulary.add('pin', 'pin');
    vocabulary.add('pinned', 'pin');
    vocabulary.add('spinning', 'spin');
    vocabulary.add('flake.lock', 'flake.lock');
    vocabulary.add('pinning', 'other'); // first term kept
    expect(vocabulary.size).toBe(5);
    expect([...vocabulary.termsNear('pinnig', 1)].sort()).toEqual(['pin']);
    expect([...vocabulary.termsNear('pinnig', 2)].sort()).toEqual(['pin', 'spin']);
    expect([...vocabulary.termsNear('flake.lokc', 1)]).toEqual(['flake.lock']);
    expect([...vocabulary.termsNear('zzz', 1)]).toEqual([]);
  });
});
