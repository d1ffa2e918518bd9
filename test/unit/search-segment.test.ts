import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { searchDocHash, toSearchDoc, type SearchDoc } from '../../electron/core/search/search-doc';
import { Segment, SegmentFormatError, serializeSegment, SEGMENT_FORMAT } from '../../electron/core/search/segment';
import type { ParsedNote } from '../../electron/core/model';

const docs: SearchDoc[] = [
  { id: 'a.md', title: 'Flakes', aliases: ['Nix flakes'], tags: ['nix/flakes'], body: 'Pin inputs with flake.lock; derivations build.', date: '2025-01-02' },
  { id: 'b.md', title: 'Shells', aliases: [], tags: [], body: 'Use nix-shell or a dev shell. The derivation is pinned.', date: null },
];

describe('Segment', () => {
  it('serialises to lunr JSON that lunr.Index.load reads and that round-trips', () => {
    const text = serializeSegment(docs);
    const json = JSON.parse(text);
    expect(json.format).toBe(SEGMENT_FORMAT);
    expect(json.index.pipeline).toEqual(['notebookTerm']);
    expect(json.index.version).toBe(lunr.version);
    expect(() => lunr.Index.load(json.index)).not.toThrow();
    const segment = Segment.load(json);
    expect(segment.toJSON()).toEqual(json);
    expect(Segment.load(JSON.parse(JSON.stringify(segment.toJSON()))).toJSON()).toEqual(json);
  });

  it('keeps term frequencies per field, field lengths and content hashes', () => {
    const segment = Segment.build(docs);
    expect(segment.posting('flake')).toEqual({ title: [0, 1], aliases: [0, 1], tags: [0, 1], body: [0, 1], _s: ['flakes'] });
    expect(segment.posting('deriv')).toEqual({ body: [0, 1, 1, 1], _s: ['derivation', 'derivations'] });
    expect(segment.posting('shell')).toEqual({ title: [1, 1], body: [1, 2], _s: ['shells'] });
    expect(segment.posting('the')).toBeUndefined();
    expect(segment.docs.map((d) => d.id)).toEqual(['a.md', 'b.md']);
    expect(segment.docs[0].hash).toBe(searchDocHash(docs[0]));
    // title: flake; aliases: nix, flake; tags: nix/flakes, nix, flake; body: pin input flake.lock flake lock deriv build
    expect(segment.docs[0].lengths).toEqual([1, 2, 3, 7]);
  });

  it('expands prefixes as lunr\'s token set does, and lists every spelling', () => {
    const segment = Segment.build(docs);
    expect(segment.termsWithPrefix('fla')).toEqual(['flake', 'flake.lock']);
    expect(segment.termsWithPrefix('zzz')).toEqual([]);
    const fromString = (lunr.TokenSet as unknown as { fromString(s: string): lunr.TokenSet }).fromString;
    const tokenSet = (segment.asLunrIndex() as unknown as { tokenSet: lunr.TokenSet }).tokenSet;
    for (const prefix of ['fla', 'd', 'nix', 'p', 'x']) {
      expect(segment.termsWithPrefix(prefix)).toEqual(tokenSet.intersect(fromString(prefix + '*')).toArray().sort());
    }
    const spellings: Array<[string, string]> = [];
    segment.forEachSpelling((s, t) => spellings.push([s, t]));
    expect(spellings).toContainEqual(['derivations', 'deriv']);
    expect(spellings).toContainEqual(['derivation', 'deriv']);
    expect(spellings).toContainEqual(['flake.lock', 'flake.lock']);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', null, /not an object/],
    ['an old format', { format: 0 }, /format 0, expected/],
    ['no document list', { format: SEGMENT_FORMAT }, /no document list/],
    ['a bad document entry', { format: SEGMENT_FORMAT, docs: [{ id: 'a.md' }] }, /malformed document entry/],
    ['no index', { format: SEGMENT_FORMAT, docs: [] }, /no lunr index/],
    ['another lunr version', { format: SEGMENT_FORMAT, docs: [], index: { version: '0.1', invertedIndex: [], pipeline: [] } }, /lunr 0.1/],
    ['unsorted terms', { format: SEGMENT_FORMAT, docs: [], index: { version: lunr.version, fieldVectors: [], invertedIndex: [['b', {}], ['a', {}]], pipeline: ['notebookTerm'] } }, /out of order/],
    ['an unknown pipeline step', { format: SEGMENT_FORMAT, docs: [], index: { version: lunr.version, fieldVectors: [], invertedIndex: [], pipeline: ['nope'] } }, /pipeline \["nope"\]/],
    ['a malformed posting', { format: SEGMENT_FORMAT, docs: [], index: { version: lunr.version, fieldVectors: [], invertedIndex: [['a']], pipeline: ['notebookTerm'] } }, /malformed posting/],
  ])('refuses %s with a SegmentFormatError', (_name, json, message) => {
    expect(() => Segment.load(json)).toThrow(SegmentFormatError);
    expect(() => Segment.load(json)).toThrow(message);
  });
});

describe('search docs', () => {
  it('projects a parsed note: body after the front matter', () => {
    const source = '---\ntitle: T\n---\nBody text';
    const note = { id: 'x.md', title: 'T', aliases: ['A'], tags: ['t'], date: '2025-01-01', source, bodyOffset: source.indexOf('Body') } as ParsedNote;
    expect(toSearchDoc(note)).toEqual({ id: 'x.md', title: 'T', aliases: ['A'], tags: ['t'], body: 'Body text', date: '2025-01-01' });
  });

  it.each<[string, Partial<SearchDoc>]>([
    ['title', { title: 'Flakez' }],
    ['body', { body: docs[0].body + ' ' }],
    ['tags', { tags: ['nix'] }],
    ['aliases', { aliases: [] }],
    ['date', { date: '2025-01-03' }],
    ['field boundaries', { aliases: ['Nix', 'flakes'] }],
  ])('hash changes with the %s', (_name, change) => {
    expect(searchDocHash({ ...docs[0], ...change })).not.toBe(searchDocHash(docs[0]));
  });

  it('hash ignores the id and is 16 hex digits', () => {
    expect(searchDocHash({ ...docs[0], id: 'moved.md' })).toBe(searchDocHash(docs[0]));
    expect(searchDocHash(docs[0])).toMatch(/^[0-9a-f]{16}$/);
  });
});
