import { describe, expect, it } from 'vitest';
import {
  forEachTerm,
  normalizeWord,
  queryWords,
  scanWords,
  stem,
  textUnits,
  WORD_PATTERN,
  wordAround,
} from '../../electron/core/search/tokenizer';

function terms(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (t) => out.push(t));
  return out;
}

describe('index terms of text', () => {
  it.each([
    ['flake.lock', ['flake.lock', 'flake', 'lock']],
    ['configuration.nix', ['configuration.nix', 'configur', 'nix']],
    ['nix-shell', ['nix-shell', 'nix', 'shell']],
    ['home_manager', ['home_manager', 'home', 'manag']],
    ['/etc/nixos/configuration.nix', [
      'etc/nixos/configuration.nix',
      'etc/nixos', 'nixos/configuration', 'configuration.nix',
      'etc/nixos/configuration', 'nixos/configuration.nix',
      'etc', 'nixo', 'configur', 'nix',
    ]],
    ['Pin the flake.lock.', ['pin', 'flake.lock', 'flake', 'lock']],
    ['Flakes locking shells', ['flake', 'lock', 'shell']],
    ["nix's store", ['nix', 'store']],
    ['the and of', []],
    ['café Ünïcode', ['café', 'ünïcode']],
    ['2025-01-02', ['2025-01-02', '2025-01', '01-02', '2025', '01', '02']],
  ])('%j → %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('keeps whole compounds unstemmed but stems their parts', () => {
    const units = textUnits('nixos-rebuild');
    expect(units.map((u) => [u.norm, u.term, u.compound])).toEqual([
      ['nixos-rebuild', 'nixos-rebuild', true],
      ['nixos', 'nixo', false],
      ['rebuild', 'rebuild', false],
    ]);
    expect(units.map((u) => [u.start, u.end])).toEqual([[0, 13], [0, 5], [6, 13]]);
  });

  it('leaves out units longer than 64 characters', () => {
    expect(terms('x'.repeat(65) + ' short')).toEqual(['short']);
  });

  it('matches the documented WORD_PATTERN on mixed text', () => {
    const samples = [
      'Run `nix-shell -p hello` -- then flake.lock... a.b-c_d/e@f  x--y  “quoted” don’t',
      'Ünïcode naïve café ½ 𝒳𝒴 emoji 🙂 done. 3.14 v1.2.3 a/ b/c',
    ];
    for (const text of samples) {
      const mine: string[] = [];
      scanWords(text, (s, e) => mine.push(text.slice(s, e)));
      expect(mine).toEqual(text.match(WORD_PATTERN));
    }
  });
});

describe('the word around a position', () => {
  it('is the word scanWords finds there, from any of its characters', () => {
    const text = 'Run `nix-shell -p` then flake.lock... a--b a.b-c_d/e@f x. café 𝒳𝒴z don’t';
    const spans: Array<[number, number]> = [];
    scanWords(text, (s, e) => spans.push([s, e]));
    for (let i = 0; i < text.length; i++) {
      const span = spans.find(([s, e]) => s <= i && i < e) ?? null;
      expect(wordAround(text, i), `at ${i} (${JSON.stringify(text[i])})`).toEqual(span);
    }
  });
});

describe('query words', () => {
  it.each([
    ['flake.lock', [{ norm: 'flake.lock', compound: true, term: 'flake.lock' }]],
    ['Flakes', [{ norm: 'flakes', compound: false, term: 'flake' }]],
    ['(nix)', [{ norm: 'nix', compound: false, term: 'nix' }]],
    ['the', [{ norm: 'the', compound: false, term: null }]],
    ['foo,bar', [
      { norm: 'foo', compound: false, term: 'foo' },
      { norm: 'bar', compound: false, term: 'bar' },
    ]],
  ])('%j', (text, expected) => {
    expect(queryWords(text)).toEqual(expected);
  });

  it('normalises case, apostrophes and Unicode composition', () => {
    expect(normalizeWord('Don’t')).toBe('dont');
    expect(normalizeWord('Cafe\u0301')).toBe('café');
    expect(stem('locking')).toBe('lock');
  });
});
