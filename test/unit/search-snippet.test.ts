import { describe, expect, it } from 'vitest';
import { planQuery } from '../../electron/core/search/query-plan';
import { makeSnippet, SNIPPET_WIDTH } from '../../electron/core/search/snippet';

function snippet(body: string, query: string) {
  const planned = planQuery(query);
  if (!planned.ok) throw new Error(planned.error);
  const result = makeSnippet(body, planned.highlights);
  return { ...result, marked: result.marks.map(([s, e]) => result.snippet.slice(s, e)) };
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('snippets and marks', () => {
  it.each([
    ['stems of the query words', 'We were locking the Flakes yesterday.', 'lock flake', ['locking', 'Flakes']],
    ['the part of a compound', 'Pin the flake.lock file.', 'lock', ['lock']],
    ['a whole compound', 'Pin the flake.lock file.', 'flake.lock', ['flake.lock']],
    ['a run inside a longer compound', 'Edit /etc/nixos/configuration.nix now.', 'configuration.nix', ['configuration.nix']],
    ['parts of a hyphenated command', 'Start nix-shell here.', 'nix shell', ['nix', 'shell']],
    ['case-insensitively', 'NIX and Nix and nix', 'nix', ['NIX', 'Nix', 'nix']],
    ['a prefix', 'configure the configuration', 'config*', ['configure', 'configuration']],
    ['a near spelling', 'the nixos module', 'nixso~1', ['nixos']],
    ['a phrase as one mark', 'use a dev   shell today', '"dev shell"', ['dev shell']],
    ['not the excluded words', 'nix without flakes', 'nix -flakes', ['nix']],
    ['a stop word searched alone', 'the end', 'the', ['the']],
    ['when lower-casing changes lengths', 'İstanbul: NIX and nix-shell', 'nix', ['NIX', 'nix']],
  ])('marks %s', (_name, body, query, expected) => {
    expect(snippet(body, query).marked).toEqual(expected);
  });

  it('collapses whitespace and keeps marks on the collapsed text', () => {
    const result = snippet('First line\n\n   nix\tshell   here', 'shell');
    expect(result.snippet).toBe('First line nix shell here');
    expect(result.marks).toEqual([[15, 20]]);
  });

  it('shows a window around a match deep in a long body, cut at words', () => {
    const body = `${filler(100)} the flake.lock pins inputs ${filler(100)}`;
    const result = snippet(body, 'flake.lock');
    expect(result.snippet.startsWith('…word')).toBe(true);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect(result.snippet.length).toBeLessThanOrEqual(SNIPPET_WIDTH + 2);
    expect(result.marked).toEqual(['flake.lock']);
    // Some context is kept before the match.
    expect(result.snippet.indexOf('flake.lock')).toBeGreaterThan(20);
  });

  it('prefers the window holding more of the query words', () => {
    const body = `nix alone here. ${filler(60)} later nix and flakes together. ${filler(20)}`;
    const result = snippet(body, 'nix flakes');
    expect(result.marked).toEqual(['nix', 'flakes']);
  });

  it('starts at the beginning without marks when only the title matched', () => {
    const body = `Nothing relevant here. ${filler(80)}`;
    const result = snippet(body, 'zebra');
    expect(result.snippet.startsWith('Nothing relevant here.')).toBe(true);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect(result.marks).toEqual([]);
  });

  it('marks offsets that point exactly at the matched text', () => {
    const body = 'Ünïcode café: the café’s flake.lock.';
    const result = snippet(body, 'café lock');
    for (const [s, e] of result.marks) expect(result.snippet.slice(s, e)).toMatch(/café|lock/i);
    expect(result.marked).toEqual(['café', 'café’s', 'lock']);
  });
});
