import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/core/api';
import { scanSearch } from '../../electron/core/search/scan-search';
import type { SearchDoc } from '../../electron/core/search/search-doc';
import { SearchEngine } from '../../electron/core/search/search-engine';
import { Segment } from '../../electron/core/search/segment';

const doc = (id: string, title: string, body: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id, title, body, aliases: [], tags: [], date: null, ...extra,
});

const NOTES: SearchDoc[] = [
  doc('2025/02JAN25 - NixOS.md', 'NixOS', 'NixOS is a Linux distribution built on the Nix package manager. Edit /etc/nixos/configuration.nix and run nixos-rebuild switch.', { aliases: ['Nix OS'], tags: ['nix/os', 'linux'], date: '2025-01-02' }),
  doc('2025/2025-01-09 Flakes.md', 'Flakes', 'Flakes pin inputs in flake.lock. A dev shell comes from nix develop, not nix-shell.', { tags: ['nix/flakes'], date: '2025-01-09' }),
  doc('Nix.md', 'Nix', 'The Nix package manager builds derivations in a sandbox. Garbage collection frees the store.', { tags: ['nix'] }),
  doc('2025/2025-02-15 Home Manager.md', 'Home Manager', 'Home Manager manages dotfiles with a home.nix module. Locking versions keeps things reproducible.', { tags: ['nix/home'], date: '2025-02-15' }),
  doc('drafts/2025-03-01 Guix.md', 'Guix', 'Guix is another functional package manager, written in Scheme. Reproducible builds matter.', { tags: ['draft'], date: '2025-03-01' }),
  doc('drafts/Shell tricks.md', 'Shell tricks', 'Use the shell history. The lock file for npm is package-lock.json.', { tags: ['til'], date: '2024-12-20' }),
];
const [NIXOS, FLAKES, NIX, HOME, GUIX, SHELL] = NOTES.map((n) => n.id);

/** An engine serving NOTES from two segments, as after a sharded build. */
function indexedEngine(notes: SearchDoc[] = NOTES): SearchEngine {
  const engine = new SearchEngine();
  engine.addPending(notes);
  const half = Math.ceil(notes.length / 2);
  engine.addSegment(Segment.build(notes.slice(0, half)));
  engine.addSegment(Segment.build(notes.slice(half)));
  expect(engine.isComplete()).toBe(true);
  return engine;
}

const ids = (result: SearchResult) => result.hits.map((h) => h.id);
const sorted = (list: string[]) => [...list].sort();

describe('every operator, by index and by scan', () => {
  const engine = indexedEngine();
  it.each<[string, string[]]>([
    ['nix', [NIXOS, FLAKES, NIX, HOME]],
    ['package manager', [NIXOS, NIX, GUIX]],
    ['guix OR flakes', [FLAKES, GUIX]],
    ['nix flakes OR guix', [FLAKES, GUIX]],
    ['nix (flakes OR guix)', [FLAKES]],
    ['"package manager"', [NIXOS, NIX, GUIX]],
    ['"manager package"', []],
    ['manager -guix', [NIXOS, NIX, HOME]],
    ['manager -"package manager"', [HOME]],
    ['-tag:nix', [GUIX, SHELL]],
    ['repro*', [HOME, GUIX]],
    // A prefix also finds its own stem: reproducibility → reproduc.
    ['reproducibility*', [HOME, GUIX]],
    ['reprox*', []],
    ['nixso~1', [NIXOS]],
    ['flaks~1', [FLAKES]],
    // A typo in an ending still finds the word: endings do not count.
    ['derivatoins~1', [NIX]],
    ['flkeas~1', []],
    ['flkeas~2', [FLAKES]],
    ['title:manager', [HOME]],
    ['title:"home manager"', [HOME]],
    ['tag:nix', [NIXOS, FLAKES, NIX, HOME]],
    ['tag:nix/flakes', [FLAKES]],
    ['#draft', [GUIX]],
    ['tag:draft OR tag:til', [GUIX, SHELL]],
    ['path:drafts', [GUIX, SHELL]],
    ['path:2025/', [NIXOS, FLAKES, HOME]],
    ['after:2025-01-09', [FLAKES, HOME, GUIX]],
    ['before:2025-01-09', [NIXOS, FLAKES, SHELL]],
    ['after:2025-01-03 before:2025-02-28', [FLAKES, HOME]],
    ['manager after:2025-02', [HOME, GUIX]],
    ['the', [NIXOS, NIX, SHELL]],
    ['"nix os"', [NIXOS]],
    ['Nix AND guix', []],
  ])('%s', (query, expected) => {
    const indexed = engine.search(query, { limit: 100 });
    expect(indexed.error).toBeUndefined();
    expect(indexed.mode).toBe('index');
    expect(sorted(ids(indexed))).toEqual(sorted(expected));
    expect(indexed.total).toBe(expected.length);
    const scanned = scanSearch(query, NOTES, { limit: 100 });
    expect(scanned.mode).toBe('scan');
    expect(sorted(ids(scanned))).toEqual(sorted(expected));
  });
});

describe('compound tokens are found whole and by their parts', () => {
  const engine = indexedEngine();
  it.each<[string, string[]]>([
    ['flake.lock', [FLAKES]],
    ['lock', [FLAKES, HOME, SHELL]],
    ['nix-shell', [FLAKES]],
    ['shell', [FLAKES, SHELL]],
    ['configuration.nix', [NIXOS]],
    ['configuration', [NIXOS]],
    ['/etc/nixos/configuration.nix', [NIXOS]],
    ['nixos-rebuild', [NIXOS]],
    ['package-lock.json', [SHELL]],
    ['lock.json', [SHELL]],
    ['home.nix', [HOME]],
    ['flake.*', [FLAKES]],
  ])('%s', (query, expected) => {
    expect(sorted(ids(engine.search(query)))).toEqual(sorted(expected));
    expect(sorted(ids(scanSearch(query, NOTES)))).toEqual(sorted(expected));
  });
});

describe('ranking', () => {
  it('puts a title match above body-only matches (title boost)', () => {
    const notes = [
      doc('body.md', 'Notes on tooling', 'flakes flakes flakes are discussed here at length with flakes'),
      doc('title.md', 'Flakes', 'An overview.'),
      doc('tag.md', 'Misc', 'Nothing about it.', { tags: ['flakes'] }),
      doc('other.md', 'Other', 'Unrelated text about channels.'),
    ];
    const result = indexedEngine(notes).search('flakes');
    expect(ids(result)).toEqual(['title.md', 'tag.md', 'body.md']);
    expect(result.hits[0].score).toBeGreaterThan(result.hits[1].score);
  });

  it('ranks the exact word above words only sharing its prefix', () => {
    const notes = [doc('a.md', 'A', 'nixos nixos'), doc('b.md', 'B', 'nix nix'), doc('c.md', 'C', 'unrelated')];
    expect(ids(indexedEngine(notes).search('nix*'))[0]).toBe('b.md');
  });

  it('orders equal scores newest first, undated last, then by id', () => {
    const notes = [
      doc('b.md', 'B', 'x', { tags: ['t'] }),
      doc('old.md', 'Old', 'x', { tags: ['t'], date: '2020-01-01' }),
      doc('new.md', 'New', 'x', { tags: ['t'], date: '2025-01-01' }),
      doc('a.md', 'A', 'x', { tags: ['t'] }),
    ];
    expect(ids(indexedEngine(notes).search('tag:t'))).toEqual(['new.md', 'old.md', 'a.md', 'b.md']);
  });

  it('honours the limit and reports the total', () => {
    const result = indexedEngine().search('nix', { limit: 2 });
    expect(result.hits).toHaveLength(2);
    expect(result.total).toBe(4);
  });
});

describe('hits', () => {
  it('carry title, date and a snippet marking the matched words', () => {
    const hit = indexedEngine().search('flake.lock').hits[0];
    expect(hit).toMatchObject({ id: FLAKES, title: 'Flakes', date: '2025-01-09' });
    expect(hit.snippet).toBe('Flakes pin inputs in flake.lock. A dev shell comes from nix develop, not nix-shell.');
    expect(hit.marks.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['flake.lock']);
  });
});

describe('fuzzy words', () => {
  it('compare with the words as written, then find and mark every form of them', () => {
    const notes = [
      doc('a.md', 'A', 'We pin inputs. Pinning matters; pinned versions stay.'),
      doc('b.md', 'B', 'Spinning wheels.'),
      doc('c.md', 'C', 'Nothing here.'),
    ];
    const engine = indexedEngine(notes);
    const result = engine.search('pinnig~1');
    expect(ids(result)).toEqual(['a.md']);
    const hit = result.hits[0];
    expect(hit.marks.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['pin', 'Pinning', 'pinned']);
    expect(sorted(ids(engine.search('pinnig~2')))).toEqual(['a.md', 'b.md']);
  });
});

describe('queries that cannot be parsed', () => {
  it.each([
    ['after:soon', "after: needs a date like 2025-01-31, got 'soon'."],
    ['"open', 'Unclosed quote in "open : add a closing ".'],
    ['', 'Empty query: type a word to search for.'],
    ['nix OR', 'OR needs a search term on both sides, e.g. nix OR guix.'],
  ])('%j gives a message, not an exception, in both modes', (query, message) => {
    const engine = indexedEngine();
    expect(engine.search(query)).toEqual({ hits: [], total: 0, error: message, mode: 'index' });
    const building = new SearchEngine();
    building.addPending(NOTES);
    expect(building.search(query)).toEqual({ hits: [], total: 0, error: message, mode: 'scan' });
  });
});

describe('changes are searchable at once', () => {
  it('upsert replaces the old text', () => {
    const engine = indexedEngine();
    engine.upsert({ ...NOTES[1], body: 'Now about channels and pinning.' });
    expect(ids(engine.search('channels'))).toEqual([FLAKES]);
    expect(ids(engine.search('flake.lock'))).toEqual([]);
    expect(engine.search('channels').mode).toBe('index');
    expect(engine.size).toBe(NOTES.length);
  });

  it('upsert adds a new note', () => {
    const engine = indexedEngine();
    engine.upsert(doc('new.md', 'Cachix', 'A binary cache for flake.lock builds.'));
    expect(sorted(ids(engine.search('flake.lock')))).toEqual(sorted([FLAKES, 'new.md']));
    expect(engine.size).toBe(NOTES.length + 1);
  });

  it('remove forgets a note', () => {
    const engine = indexedEngine();
    engine.remove(GUIX);
    expect(ids(engine.search('guix'))).toEqual([]);
    expect(engine.size).toBe(NOTES.length - 1);
    engine.remove('missing.md');
    expect(engine.size).toBe(NOTES.length - 1);
  });

  it('rename (remove + upsert under the new id) moves the hit', () => {
    const engine = indexedEngine();
    engine.remove(GUIX);
    engine.upsert({ ...NOTES[4], id: 'archive/Guix.md' });
    expect(ids(engine.search('guix'))).toEqual(['archive/Guix.md']);
  });

  it('an edit made while a segment was building is not overwritten by that segment', () => {
    const engine = new SearchEngine();
    engine.addPending(NOTES);
    const oldShard = Segment.build(NOTES); // built from the versions before the edit
    engine.upsert({ ...NOTES[2], body: 'Rewritten: all about generations.' });
    expect(engine.addSegment(oldShard)).toEqual({ accepted: NOTES.length - 1, stale: 1 });
    expect(engine.isComplete()).toBe(true);
    expect(ids(engine.search('generations'))).toEqual([NIX]);
    expect(ids(engine.search('sandbox'))).toEqual([]);
  });

  it('answers by scan, with the same matches, until every note is in a segment', () => {
    const engine = new SearchEngine();
    engine.addPending(NOTES);
    const before = engine.search('lock');
    expect(before.mode).toBe('scan');
    expect(sorted(ids(before))).toEqual(sorted([FLAKES, HOME, SHELL]));
    engine.addSegment(Segment.build(NOTES.slice(0, 3)));
    expect(engine.search('lock').mode).toBe('scan');
    engine.addSegment(Segment.build(NOTES.slice(3)));
    const after = engine.search('lock');
    expect(after.mode).toBe('index');
    expect(sorted(ids(after))).toEqual(sorted(ids(before)));
  });
});

/** A deterministic corpus with a shared vocabulary, for comparing engines. */
function corpus(count: number): SearchDoc[] {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const words = 'nix nixos flake flakes flake.lock nix-shell configuration.nix store path derivation derivations build builds closure package manager lock locking shell home module option channel pin pinning sandbox garbage generation rollback the a of and reproducible'.split(' ');
  const pick = () => words[Math.floor(rand() * words.length)];
  return Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 20 + Math.floor(rand() * 200) }, pick).join(' ');
    return doc(`notes/${i}.md`, `${pick()} ${pick()} ${i}`, body, {
      tags: [pick() === 'nix' ? 'nix/flakes' : 'misc'],
      aliases: i % 5 === 0 ? [`${pick()} alias`] : [],
      date: i % 4 === 0 ? null : `2025-0${1 + (i % 9)}-1${i % 10}`,
    });
  });
}

describe('segmented results equal one-segment results', () => {
  const notes = corpus(240);
  const single = new SearchEngine();
  single.addPending(notes);
  single.addSegment(Segment.build(notes));

  // The same notes served by five shards, one of them stale for ten notes
  // (tombstones) whose current versions sit in the fresh segment.
  const segmented = new SearchEngine();
  const edited = new Set(notes.slice(100, 110).map((n) => n.id));
  segmented.addPending(notes);
  for (let s = 0; s < 5; s++) {
    const shard = notes.filter((_, i) => i % 5 === s).map((n) => (edited.has(n.id) ? { ...n, body: n.body + ' stale words' } : n));
    segmented.addSegment(Segment.build(shard));
  }
  for (const n of notes) if (edited.has(n.id)) segmented.upsert(n);

  it.each([
    'nix', 'flake*', 'lock', 'flake.lock', 'nix-shell', 'store path', 'nix OR sandbox', '"package manager"',
    'title:nix', 'derivatoin~1', 'pinnig~2', 'tag:nix', 'lock -rollback', 'pin* -channel', 'the', 'stale', 'after:2025-03-01 rollback',
  ])('%s', (query) => {
    const a = single.search(query, { limit: 1000 });
    const b = segmented.search(query, { limit: 1000 });
    expect(b.mode).toBe('index');
    // Every query matches something, except the words only the stale copies hold.
    if (query === 'stale') expect(a.total).toBe(0);
    else expect(a.total).toBeGreaterThan(0);
    expect(b.total).toBe(a.total);
    expect(b.hits.map((h) => [h.id, h.score])).toEqual(a.hits.map((h) => [h.id, h.score]));
  });

  it('has segments, tombstones and fresh docs as set up', () => {
    segmented.search('nix');
    expect(segmented.stats()).toMatchObject({ docs: 240, pending: 0, fresh: 10, segments: 5, tombstones: 10 });
  });
});

describe('the scan finds exactly what the index finds', () => {
  const notes = corpus(240).map((n, i) => ({
    ...n,
    // Mixed case, punctuation and compounds, so probes and word boundaries are exercised.
    body: `${i % 3 === 0 ? 'The Flake.lock' : 'Pinning'} (see /etc/nixos/configuration.nix). ${n.body.replace(/ lock /g, ' Lock, ')}`,
  }));
  const engine = new SearchEngine();
  engine.addPending(notes);
  engine.addSegment(Segment.build(notes));

  it.each([
    'nix', 'Flakes', 'lock', 'flake.lock', 'configuration.nix', 'nixos', 'etc/nixos', 'pin', 'pinned', 'pinning*',
    'deriv*', 'config*', '"the flake.lock"', '"store path"', 'the', 'a', 'title:nix', 'tag:nix', 'store -path',
    'garbage OR rollback', '(store OR home) -lock', 'path:notes/1', 'after:2025-05-01 lock', '-sandbox',
  ])('%s', (query) => {
    const indexed = engine.search(query, { limit: 1000 });
    const scanned = scanSearch(query, notes, { limit: 1000 });
    expect(indexed.total).toBeGreaterThan(0);
    expect(sorted(ids(scanned))).toEqual(sorted(ids(indexed)));
  });
});

describe('fresh segment sealing and compaction', () => {
  it('seals a full fresh segment and compacts small ones without changing results', () => {
    const notes = corpus(60);
    const engine = new SearchEngine({ freshMaxDocs: 4 });
    engine.addPending(notes.slice(0, 30));
    engine.addSegment(Segment.build(notes.slice(0, 30)));
    for (const n of notes.slice(30)) {
      engine.upsert(n);
      expect(ids(engine.search(`"${n.title}"`))).toContain(n.id);
    }
    const before = engine.search('nix OR lock', { limit: 100 });
    expect(engine.stats().segments).toBeGreaterThan(4);
    const plan = engine.compactionPlan();
    expect(plan).not.toBeNull();
    engine.addSegment(Segment.build(plan!));
    expect(engine.stats().segments).toBeLessThan(4);
    expect(engine.compactionPlan()).toBeNull();
    const after = engine.search('nix OR lock', { limit: 100 });
    expect(after.hits.map((h) => [h.id, h.score])).toEqual(before.hits.map((h) => [h.id, h.score]));
  });
});
