// The link graph updated one note at a time: links that resolve when their
// note appears and fall back when it goes, renames, the affected sets, concept
// timelines, tags, events, and proof that one change re-resolves few links.

import { describe, expect, it, vi } from 'vitest';
import { LinkGraph } from '../../electron/core/graph';
import type { GraphChange } from '../../electron/core/model';
import { graphOf, parseNote } from './support/graph-of';

const targetsOf = (graph: LinkGraph, id: string) =>
  graph.outgoing(id).map(({ link, resolution }) => [link.raw, resolution]);

describe('LinkGraph: incremental add, change, remove', () => {
  it('an unresolved link resolves when its note appears and falls back when it is removed', () => {
    const graph = graphOf({ 'A.md': 'See [[Jellyfin]].', 'B.md': 'Unrelated [[A]].' });
    expect(targetsOf(graph, 'A.md')).toEqual([['[[Jellyfin]]', { kind: 'unresolved', key: 'jellyfin', name: 'Jellyfin' }]]);
    expect(graph.unresolved()).toEqual([{ key: 'jellyfin', name: 'Jellyfin', count: 1, sources: ['A.md'] }]);

    const added = graph.upsert(parseNote('services/Jellyfin.md', '# Jellyfin'));
    expect(added).toEqual({ kind: 'added', id: 'services/Jellyfin.md', affected: ['A.md'] });
    expect(targetsOf(graph, 'A.md')).toEqual([['[[Jellyfin]]', { kind: 'note', id: 'services/Jellyfin.md' }]]);
    expect(graph.backlinks('services/Jellyfin.md').map((b) => b.source)).toEqual(['A.md']);
    expect(graph.unresolved()).toEqual([]);

    const removed = graph.remove('services/Jellyfin.md');
    expect(removed).toEqual({ kind: 'removed', id: 'services/Jellyfin.md', affected: ['A.md'] });
    expect(targetsOf(graph, 'A.md')).toEqual([['[[Jellyfin]]', { kind: 'unresolved', key: 'jellyfin', name: 'Jellyfin' }]]);
    expect(graph.backlinks('services/Jellyfin.md')).toEqual([]);
    expect(graph.size).toBe(2);
  });

  it('a closer note captures a link, and releases it when removed', () => {
    const graph = graphOf({ 'x/Tie.md': '', 'z.md': '[[Tie]]', 'x/Other.md': '[[Tie]]' });
    // Rule 1 (exact root path) comes before rule 2 (own folder): both links move to the root note.
    expect(graph.upsert(parseNote('Tie.md', '')).affected).toEqual(['x/Other.md', 'z.md']);
    expect(targetsOf(graph, 'z.md')).toEqual([['[[Tie]]', { kind: 'note', id: 'Tie.md' }]]);
    expect(graph.remove('Tie.md')!.affected).toEqual(['x/Other.md', 'z.md']);
    expect(targetsOf(graph, 'z.md')).toEqual([['[[Tie]]', { kind: 'note', id: 'x/Tie.md' }]]);
    expect(targetsOf(graph, 'x/Other.md')).toEqual([['[[Tie]]', { kind: 'note', id: 'x/Tie.md' }]]);
  });

  it('changing a note re-resolves its own links', () => {
    const graph = graphOf({ 'A.md': '[[B]]', 'B.md': '', 'C.md': '' });
    const change = graph.upsert(parseNote('A.md', '[[C]] and [[B]]'));
    expect(change).toEqual({ kind: 'changed', id: 'A.md', affected: [] });
    expect(graph.backlinks('C.md').map((b) => b.raw)).toEqual(['[[C]]']);
    graph.upsert(parseNote('A.md', 'no links'));
    expect(graph.backlinks('B.md')).toEqual([]);
    expect(graph.backlinks('C.md')).toEqual([]);
  });

  it('a changed title moves concept links between concept and unresolved', () => {
    const graph = graphOf({
      'n/2025-01-02 Alpha.md': '',
      'L1.md': '[[Alpha]]',
      'L2.md': '[[Beta]]',
    });
    expect(graph.resolve('L1.md', 'Alpha')).toEqual({ kind: 'concept', key: 'alpha' });
    const change = graph.upsert(parseNote('n/2025-01-02 Alpha.md', '---\ntitle: Beta\n---\n'));
    expect(change.affected).toEqual(['L1.md', 'L2.md']);
    expect(targetsOf(graph, 'L1.md')).toEqual([['[[Alpha]]', { kind: 'unresolved', key: 'alpha', name: 'Alpha' }]]);
    expect(targetsOf(graph, 'L2.md')).toEqual([['[[Beta]]', { kind: 'concept', key: 'beta' }]]);
    expect(graph.concept('alpha')).toBeUndefined();
  });

  it('a rename is a removal plus an add: name links follow, path links fall back', () => {
    const graph = graphOf({ 'a/Old.md': '', 'L.md': '[[Old]] and [[a/Old]]', 'M.md': 'nothing' });
    expect(graph.remove('a/Old.md')!.affected).toEqual(['L.md']);
    expect(graph.upsert(parseNote('b/Old.md', '')).affected).toEqual(['L.md']);
    expect(targetsOf(graph, 'L.md')).toEqual([
      ['[[Old]]', { kind: 'note', id: 'b/Old.md' }],
      ['[[a/Old]]', { kind: 'unresolved', key: 'a/old', name: 'a/Old' }],
    ]);
    expect(graph.backlinks('b/Old.md').map((b) => b.raw)).toEqual(['[[Old]]']);
    expect(graph.note('a/Old.md')).toBeUndefined();
  });

  it('registering an attachment resolves links to it; forgetting it makes them missing', () => {
    const graph = graphOf({ 'n/Note.md': '![[diagram.png]] and [x](./diagram.png)' });
    expect(graph.addAttachment('img/diagram.png')).toEqual(['n/Note.md']);
    expect(targetsOf(graph, 'n/Note.md').map(([, r]) => r)).toEqual([
      { kind: 'attachment', path: 'img/diagram.png', exists: true },
      { kind: 'attachment', path: 'n/diagram.png', exists: false },
    ]);
    expect(graph.removeAttachment('img/diagram.png')).toEqual(['n/Note.md']);
    expect(targetsOf(graph, 'n/Note.md')[0][1]).toEqual({ kind: 'attachment', path: 'diagram.png', exists: false });
  });

  it('removing a note that is not there answers null; a note without an id is refused', () => {
    const graph = new LinkGraph();
    expect(graph.remove('nope.md')).toBeNull();
    expect(() => graph.upsert({ ...parseNote('a.md', ''), id: '' })).toThrow(/no id/);
  });
});

describe('LinkGraph: one change touches only what it names', () => {
  // 200 notes, each linking a hub and one of 100 topics (two notes per topic).
  function bigGraph(): LinkGraph {
    const files: Record<string, string> = { 'Hub.md': '# Hub' };
    for (let i = 0; i < 200; i++) files[`notes/n${i}.md`] = `[[Hub]] and [[Topic ${i % 100}]] and [[Elsewhere ${i}]]`;
    return graphOf(files);
  }

  it('adding a topic affects exactly the two notes linking it, and resolves only their links', () => {
    const graph = bigGraph();
    const resolve = vi.spyOn(graph, 'resolve');
    const change = graph.upsert(parseNote('topics/Topic 7.md', 'Back to [[Hub]].'));
    expect(change.affected).toEqual(['notes/n107.md', 'notes/n7.md']);
    // The new note's one link, plus the one [[Topic 7]] link in each of the two notes.
    expect(resolve).toHaveBeenCalledTimes(3);
    expect(graph.outgoing('notes/n7.md')[1].resolution).toEqual({ kind: 'note', id: 'topics/Topic 7.md' });
    expect(graph.outgoing('notes/n8.md')[1].resolution).toEqual({ kind: 'unresolved', key: 'topic 8', name: 'Topic 8' });
  });

  it('editing a note without changing its names re-resolves nothing elsewhere', () => {
    const graph = bigGraph();
    const resolve = vi.spyOn(graph, 'resolve');
    const change = graph.upsert(parseNote('Hub.md', '# Hub\n\nMore text, still the hub.'));
    expect(change).toEqual({ kind: 'changed', id: 'Hub.md', affected: [] });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('removing the hub affects the 200 notes that link it and no others', () => {
    const graph = bigGraph();
    graph.upsert(parseNote('Lonely.md', '[[Topic 1]]'));
    const change = graph.remove('Hub.md')!;
    expect(change.affected).toHaveLength(200);
    expect(change.affected).not.toContain('Lonely.md');
    expect(graph.unresolved()[0]).toMatchObject({ key: 'hub', count: 200 });
  });
});

describe('LinkGraph: backlinks', () => {
  it('excludes self links, sorts by source then line, and keeps line context', () => {
    const graph = graphOf({
      'T.md': 'See [[#Below]] and [[T]].\n\n## Below',
      'b.md': 'line one\nthen [[T]] here\nand ![[T#Below]]',
      'a.md': '[[T|the T]]',
    });
    expect(graph.backlinks('T.md')).toEqual([
      { source: 'a.md', line: 1, column: 1, context: '[[T|the T]]', raw: '[[T|the T]]' },
      { source: 'b.md', line: 2, column: 6, context: 'then [[T]] here', raw: '[[T]]' },
      { source: 'b.md', line: 3, column: 5, context: 'and ![[T#Below]]', raw: '![[T#Below]]' },
    ]);
  });

  it('concept backlinks: all its notes, the concept itself, no duplicates, no self links', () => {
    const graph = graphOf({
      'NixOS.md': '---\naliases: [NixOS Linux]\n---\n[[NixOS]] self',
      'd/02JAN25 - NixOS.md': 'first, see [[NixOS]]',
      'd/2025-01-15 NixOS.md': 'next after [[02JAN25 - NixOS]], see [[NixOS Linux]]',
      'x.md': '[[NixOS Linux]]',
    });
    const list = graph.conceptBacklinks('nixos').map((b) => `${b.source} ${b.raw}`);
    expect(list).toEqual(['d/02JAN25 - NixOS.md [[NixOS]]', 'd/2025-01-15 NixOS.md [[02JAN25 - NixOS]]']);
    expect(graph.conceptBacklinks('nixos linux').map((b) => `${b.source} ${b.raw}`)).toEqual([
      'd/02JAN25 - NixOS.md [[NixOS]]',
      'd/2025-01-15 NixOS.md [[NixOS Linux]]',
      'x.md [[NixOS Linux]]',
    ]);
  });

  it('an unresolved name has concept backlinks too', () => {
    const graph = graphOf({ 'a.md': '[[Ghost]]', 'b.md': '[[ghost]]' });
    expect(graph.conceptBacklinks('ghost').map((b) => b.source)).toEqual(['a.md', 'b.md']);
    expect(graph.unresolved()).toEqual([{ key: 'ghost', name: 'Ghost', count: 2, sources: ['a.md', 'b.md'] }]);
  });
});

describe('LinkGraph: concepts', () => {
  it('a timeline is oldest first, undated last, ties by id, whatever the insertion order', () => {
    const graph = graphOf({
      'NixOS.md': '',
      'z/2025-03-01 NixOS.md': '',
      'b/02JAN25 - NixOS.md': '',
      'a/2025-01-02 NixOS.md': '',
      'old/notes.md': '---\ntitle: nixos\ndate: 2024-12-31\n---\n',
      'Zeta.md': '---\naliases: [NixOS]\n---\n',
    });
    expect(graph.concept('nixos')).toEqual({
      key: 'nixos',
      name: 'NixOS',
      notes: ['old/notes.md', 'a/2025-01-02 NixOS.md', 'b/02JAN25 - NixOS.md', 'z/2025-03-01 NixOS.md', 'NixOS.md', 'Zeta.md'],
    });
    graph.remove('a/2025-01-02 NixOS.md');
    graph.upsert(parseNote('b/02JAN25 - NixOS.md', '---\ndate: 2025-04-01\n---\n'));
    expect(graph.concept('nixos')!.notes).toEqual(['old/notes.md', 'z/2025-03-01 NixOS.md', 'b/02JAN25 - NixOS.md', 'NixOS.md', 'Zeta.md']);
  });

  it('conceptOfNote is the key of the title; concepts() lists titles and aliases, not bare stems', () => {
    const graph = graphOf({ 'd/02JAN25 - Home  Manager.md': '', 'F.md': '---\ntitle: Flakes\naliases: [Nix Flakes]\n---\n' });
    expect(graph.conceptOfNote('d/02JAN25 - Home  Manager.md')).toBe('home manager');
    expect(graph.concepts().map((c) => [c.key, c.name, c.notes])).toEqual([
      ['flakes', 'Flakes', ['F.md']],
      ['home manager', 'Home  Manager', ['d/02JAN25 - Home  Manager.md']],
      ['nix flakes', 'Nix Flakes', ['F.md']],
    ]);
    expect(graph.concept('f')).toEqual({ key: 'f', name: 'F', notes: ['F.md'] }); // still resolvable
    expect(() => graph.conceptOfNote('nope.md')).toThrow(/no note "nope.md"/);
  });
});

describe('LinkGraph: tags', () => {
  it('indexes tags lower-cased with nested parents, and follows edits', () => {
    const graph = graphOf({
      'a.md': '---\ntags: [Nix]\n---\n#nix/Flakes here',
      'b.md': '#NIX and #daily',
    });
    expect(graph.tags()).toEqual([
      { tag: 'daily', count: 1, notes: ['b.md'] },
      { tag: 'nix', count: 2, notes: ['a.md', 'b.md'] },
      { tag: 'nix/flakes', count: 1, notes: ['a.md'] },
    ]);
    graph.upsert(parseNote('a.md', 'no tags now'));
    expect(graph.tags().map((t) => [t.tag, t.count])).toEqual([
      ['daily', 1],
      ['nix', 1],
    ]);
    expect(graph.notesWithTag('#Nix')).toEqual(['b.md']);
    graph.remove('b.md');
    expect(graph.tags()).toEqual([]);
  });
});

describe('LinkGraph: findByName', () => {
  const graph = graphOf({
    'a/Setup.md': '',
    'long/path/Setup.md': '',
    'b/2025-02-01 Plan.md': '',
    'c/2025-01-01 Plan.md': '',
    'Plan ideas.md': '---\naliases: [Plan]\n---\n',
    'x/Older alias.md': '---\ndate: 2020-01-01\naliases: [Gadget]\n---\n',
    'y/Newer alias.md': '---\ndate: 2021-01-01\naliases: [Gadget]\n---\n',
  });
  it.each<[string, string | null]>([
    ['a/Setup.md', 'a/Setup.md'],
    ['A/SETUP', 'a/Setup.md'],
    ['Setup', 'a/Setup.md'], // stem: shortest path
    ['plan', 'c/2025-01-01 Plan.md'], // title before alias, oldest first
    ['2025-02-01 plan', 'b/2025-02-01 Plan.md'], // stem
    ['Gadget', 'x/Older alias.md'], // alias, oldest first
    ['  plan IDEAS ', 'Plan ideas.md'],
    ['', null],
    ['Nothing', null],
  ])('%s -> %s', (name, expected) => {
    expect(graph.findByName(name)).toBe(expected);
  });
});

describe('LinkGraph: events', () => {
  it('tells listeners about each change until they unsubscribe', () => {
    const graph = graphOf({ 'L.md': '[[N]]' });
    const seen: GraphChange[] = [];
    const off = graph.onDidUpdate((c) => seen.push(c));
    graph.upsert(parseNote('N.md', ''));
    graph.upsert(parseNote('N.md', 'edited'));
    graph.remove('N.md');
    off();
    graph.upsert(parseNote('N.md', ''));
    expect(seen).toEqual([
      { kind: 'added', id: 'N.md', affected: ['L.md'] },
      { kind: 'changed', id: 'N.md', affected: [] },
      { kind: 'removed', id: 'N.md', affected: ['L.md'] },
    ]);
  });
});
