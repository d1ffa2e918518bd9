import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryNode } from '../../electron/core/search/query';

const term = (text: string, extra: Partial<Extract<QueryNode, { kind: 'term' }>> = {}): QueryNode => ({
  kind: 'term', field: 'all', text, match: 'exact', distance: 0, ...extra,
});

describe('parseQuery: operators', () => {
  it.each<[string, QueryNode]>([
    ['nix', term('nix')],
    ['nix flakes', { kind: 'and', children: [term('nix'), term('flakes')] }],
    ['nix AND flakes', { kind: 'and', children: [term('nix'), term('flakes')] }],
    ['nix OR guix', { kind: 'or', children: [term('nix'), term('guix')] }],
    // OR binds looser than AND.
    ['a b OR c', { kind: 'or', children: [{ kind: 'and', children: [term('a'), term('b')] }, term('c')] }],
    ['a (b OR c)', { kind: 'and', children: [term('a'), { kind: 'or', children: [term('b'), term('c')] }] }],
    ['"exact  phrase"', { kind: 'phrase', field: 'all', text: 'exact phrase' }],
    ['-draft', { kind: 'not', child: term('draft') }],
    ['-"old notes"', { kind: 'not', child: { kind: 'phrase', field: 'all', text: 'old notes' } }],
    ['-(a OR b)', { kind: 'not', child: { kind: 'or', children: [term('a'), term('b')] } }],
    ['nix-shell', term('nix-shell')],
    ['conf*', term('conf', { match: 'prefix' })],
    ['nixso~1', term('nixso', { match: 'fuzzy', distance: 1 })],
    ['nixso~', term('nixso', { match: 'fuzzy', distance: 1 })],
    ['nixso~2', term('nixso', { match: 'fuzzy', distance: 2 })],
    ['title:nix', term('nix', { field: 'title' })],
    ['Title:"home manager"', { kind: 'phrase', field: 'title', text: 'home manager' }],
    ['title:fla*', term('fla', { field: 'title', match: 'prefix' })],
    ['tag:Nix', { kind: 'tag', tag: 'nix' }],
    ['tag:#nix/flakes', { kind: 'tag', tag: 'nix/flakes' }],
    ['#nix', { kind: 'tag', tag: 'nix' }],
    ['path:2025/Notes', { kind: 'path', path: '2025/notes' }],
    ['path:"research notes"', { kind: 'path', path: 'research notes' }],
    ['-tag:draft', { kind: 'not', child: { kind: 'tag', tag: 'draft' } }],
    ['after:2025-01-01', { kind: 'date', op: 'after', date: '2025-01-01' }],
    ['before:2025-03-01', { kind: 'date', op: 'before', date: '2025-03-01' }],
    ['after:2025-02', { kind: 'date', op: 'after', date: '2025-02-01' }],
    ['before:2024-02', { kind: 'date', op: 'before', date: '2024-02-29' }],
    ['before:2025', { kind: 'date', op: 'before', date: '2025-12-31' }],
    ['http://example.org', term('http://example.org')],
    ['or', term('or')],
  ])('%s', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ok: true, root: expected });
  });
});

describe('parseQuery: errors name what is wrong and never throw', () => {
  it.each([
    ['', /Empty query/],
    ['   ', /Empty query/],
    ['after:soon', /^after: needs a date like 2025-01-31, got 'soon'/],
    ['before:2025-02-30', /^before: needs a date like 2025-01-31, got '2025-02-30'/],
    ['after:2025-13', /after: needs a date/],
    ['"nix os', /Unclosed quote in "nix os/],
    ['nix -', /lone '-'/],
    ['- nix', /lone '-'/],
    ['(-)', /lone '-'/],
    ['--nix', /'--'/],
    ['OR nix', /OR needs a search term on both sides/],
    ['nix OR', /OR needs a search term on both sides/],
    ['nix OR OR guix', /OR needs a search term on both sides/],
    ['(OR nix)', /OR needs a search term on both sides/],
    ['(nix OR)', /OR needs a search term on both sides/],
    ['AND nix', /AND needs a search term/],
    ['(nix', /Unclosed '\('/],
    ['nix)', /Unexpected '\)'/],
    ['()', /Empty parentheses/],
    ['""', /Empty quotes/],
    ['*nix', /'\*' works only at the end of a word/],
    ['ni*x', /'\*' works only at the end of a word/],
    ['nix~3', /edit distance of 1 or 2/],
    ['~1', /put the word before the '~'/],
    ['title:', /title: needs a value/],
    ['tag:#', /tag: needs a tag name/],
    ['&&', /no letters or digits.*"&&"/],
  ])('%j', (input, message) => {
    const parsed = parseQuery(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
