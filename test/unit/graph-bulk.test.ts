// LinkGraph.upsertMany (the open path's bulk load) must leave the graph
// exactly as upserting the same notes one by one: same outgoing resolutions,
// backlinks, concepts, unresolved names, tags and name lookups, for a
// generated notebook, the fixture vault and a table of tricky link forms.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkGraph, type LinkGraphOptions } from '../../electron/core/graph';
import type { GraphChange, ParsedNote } from '../../electron/core/model';
import { parseNote } from '../../electron/core/note';
import { filesUnder } from './support/read-folder';
import { generateNotebook } from '../bench/generate-notebook';

const VAULT = fileURLToPath(new URL('../fixtures/vault', import.meta.url));

interface Files {
  notes: ParsedNote[];
  attachments: string[];
}

function readFolder(root: string): Files {
  const notes: ParsedNote[] = [];
  const attachments: string[] = [];
  for (const file of filesUnder(root)) {
    if (file.isNote) notes.push(parseNote(file.id, readFileSync(file.path, 'utf8')));
    else attachments.push(file.id);
  }
  return { notes, attachments };
}

function fromFiles(files: Record<string, string>): Files {
  const entries = Object.entries(files);
  return {
    notes: entries.filter(([id]) => /\.(md|markdown)$/i.test(id)).map(([id, source]) => parseNote(id, source)),
    attachments: entries.filter(([id]) => !/\.(md|markdown)$/i.test(id)).map(([id]) => id),
  };
}

function sequential({ notes, attachments }: Files, options: LinkGraphOptions = {}): LinkGraph {
  const graph = new LinkGraph(options);
  for (const path of attachments) graph.addAttachment(path);
  for (const note of notes) graph.upsert(note);
  return graph;
}

function bulk({ notes, attachments }: Files, options: LinkGraphOptions = {}): LinkGraph {
  const graph = new LinkGraph(options);
  for (const path of attachments) graph.addAttachment(path);
  graph.upsertMany(notes);
  return graph;
}

/** Everything the graph answers, in a form `toEqual` compares. */
function snapshot(graph: LinkGraph, names: string[]) {
  const ids = [...graph.notes()].map((n) => n.id).sort();
  const concepts = graph.concepts();
  const unresolved = graph.unresolved();
  return {
    ids,
    outgoing: ids.map((id) => graph.outgoing(id).map((r) => ({ raw: r.link.raw, offset: r.link.offset, resolution: r.resolution }))),
    backlinks: ids.map((id) => graph.backlinks(id)),
    conceptOfNote: ids.map((id) => graph.conceptOfNote(id)),
    concepts,
    conceptBacklinks: concepts.map((c) => graph.conceptBacklinks(c.key)),
    conceptLinks: concepts.map((c) => graph.conceptLinks(c.key)),
    unresolved,
    unresolvedBacklinks: unresolved.map((u) => graph.conceptBacklinks(u.key)),
    tags: graph.tags(),
    byName: names.map((name) => graph.findByName(name)),
    linkSources: ids.map((id) => graph.linkSourcesNaming(id.replace(/^.*\//, '').replace(/\.md$/i, ''))),
  };
}

/** Reorders the notes so that linked notes arrive both before and after their linkers. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('LinkGraph.upsertMany equals one upsert per note', () => {
  let dir = '';
  let generated: Files;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'graph-bulk-'));
    await generateNotebook(dir, 400);
    generated = readFolder(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for a generated notebook, in id order and shuffled', () => {
    const names = ['Nix', 'flakes', 'Home Manager alias', generated.notes[50].title, 'nothing like it'];
    for (const notes of [generated.notes, shuffled(generated.notes)]) {
      const files = { notes, attachments: generated.attachments };
      const expected = snapshot(sequential(files), names);
      expect(expected.backlinks.some((list) => list.length >= 100)).toBe(true);
      expect(expected.unresolved.length).toBeGreaterThan(0);
      expect(snapshot(bulk(files), names)).toEqual(expected);
    }
  });

  it('for the fixture vault, with an attachment check', () => {
    const files = readFolder(VAULT);
    const options = { attachmentExists: (path: string) => existsSync(join(VAULT, path)) };
    const names = ['NixOS', 'Setup', 'b/Setup', 'Flakes', 'diagram.png'];
    for (const notes of [files.notes, [...files.notes].reverse()]) {
      const both = { ...files, notes };
      expect(snapshot(bulk(both, options), names)).toEqual(snapshot(sequential(both, options), names));
    }
  });

  it('then changes exactly as a one-by-one graph, whether or not prepared in slices', () => {
    const names = ['Nix', 'Flakes', 'Brand new', 'nothing like it'];
    const missing = sequential(generated).unresolved()[0].name;
    const edits = (graph: LinkGraph) => [
      // First, before anything else could prepare the graph: captures the most linked missing name.
      graph.upsert(parseNote('Brand new.md', `---\naliases: [${missing}]\n---\n[[Nix]] [[Flakes]]`)),
      graph.upsert(parseNote(`${missing}.md`, '')),
      graph.remove('Flakes.md'),
      graph.upsert(parseNote('deep/Nix.md', '# Another Nix')),
      graph.upsert({ ...generated.notes[60], source: generated.notes[60].source, title: 'Retitled' }),
      graph.addAttachment('img/plot.png'),
      graph.remove(generated.notes[61].id),
    ];
    const one = sequential(generated);
    const expectedChanges = edits(one);
    const affected = (c: unknown) => (c as GraphChange).affected.length;
    expect(affected(expectedChanges[0])).toBeGreaterThan(3);
    expect(affected(expectedChanges[2])).toBeGreaterThan(10);
    const expected = snapshot(one, names);
    for (const slice of [Infinity, 0, 37]) {
      const graph = bulk(generated);
      if (slice !== 0) while (!graph.prepareForChanges(slice));
      expect(edits(graph)).toEqual(expectedChanges);
      expect(snapshot(graph, names)).toEqual(expected);
    }
  });

  const cases: Array<[string, Record<string, string>]> = [
    ['self links and headings', { 'a/Self.md': '[[#Top]] [[Self]] [[Self#Top]] [[./Self]]\n# Top', 'a/Other.md': '[[#Top]] [[]]', 'b/Self.md': '[[#Top]] [[Self]]' }],
    [
      'the same target from different folders',
      { 'x/Tie.md': '', 'y/Tie.md': '', 'x/A.md': '[[Tie]] [[../Tie]]', 'y/B.md': '[[Tie]] [[./Tie]]', 'C.md': '[[Tie]] [[x/Tie]]' },
    ],
    [
      'relative links and Markdown links',
      { 'p/q/Deep.md': '[up](../Top.md) [[../../Root]] [[../Missing]]', 'p/Top.md': '[down](q/Deep.md)', 'Root.md': '[[p/q/Deep]]' },
    ],
    [
      'concepts, aliases and titles that differ from stems',
      {
        '2025-01-02 Nix.md': '---\naliases: [Nix language]\n---\n[[Nix language]] [[nix]]',
        'Notes.md': '---\ntitle: Nix\n---\n[[2025-01-02 Nix]] [[Nix Language]] [[Flakes]]',
        'Flakes.markdown': '[[NIX]] [[Notes]]',
      },
    ],
    [
      'attachments, present and missing',
      { 'img/plot.png': '', 'Doc.md': '![[plot.png]] ![[img/plot.png]] ![[gone.png]] [[flake.lock]] [[report.pdf]]', 'sub/report.pdf': '' },
    ],
    ['case and extension variants of one path', { 'A.md': '[[b]] [[B.md]]', 'B.md': '', 'b.markdown': '[[a]]' }],
  ];

  it.each(cases)('for %s, in both orders', (_name, source) => {
    const files = fromFiles(source);
    const names = Object.keys(source);
    for (const notes of [files.notes, [...files.notes].reverse()]) {
      const both = { ...files, notes };
      expect(snapshot(bulk(both), names)).toEqual(snapshot(sequential(both), names));
    }
  });
});

describe('LinkGraph.upsertMany: changes and fall-backs', () => {
  it('reports each note of a bulk load as added, to listeners too, with nothing affected', () => {
    const graph = new LinkGraph();
    const seen: GraphChange[] = [];
    graph.onDidUpdate((c) => seen.push(c));
    const changes = graph.upsertMany([parseNote('A.md', '[[B]]'), parseNote('B.md', '')]);
    expect(changes).toEqual([
      { kind: 'added', id: 'A.md', affected: [] },
      { kind: 'added', id: 'B.md', affected: [] },
    ]);
    expect(seen).toEqual(changes);
    expect(graph.backlinks('B.md').map((b) => b.source)).toEqual(['A.md']);
  });

  it('into a graph that has notes, it upserts one by one and reports what each changed', () => {
    const graph = new LinkGraph();
    graph.upsert(parseNote('A.md', '[[B]] [[C]]'));
    const changes = graph.upsertMany([parseNote('B.md', ''), parseNote('A.md', '[[C]]')]);
    expect(changes).toEqual([
      { kind: 'added', id: 'B.md', affected: ['A.md'] },
      { kind: 'changed', id: 'A.md', affected: [] },
    ]);
    expect(graph.backlinks('B.md')).toEqual([]);
  });

  it('a batch that repeats an id ends with the last version, as one by one would', () => {
    const graph = new LinkGraph();
    const changes = graph.upsertMany([parseNote('A.md', '[[B]]'), parseNote('B.md', ''), parseNote('A.md', 'no links')]);
    expect(changes.map((c) => c.kind)).toEqual(['added', 'added', 'changed']);
    expect(graph.outgoing('A.md')).toEqual([]);
    expect(graph.size).toBe(2);
  });

  it('refuses a note without an id before changing anything', () => {
    const graph = new LinkGraph();
    expect(() => graph.upsertMany([parseNote('A.md', ''), { id: '' } as ParsedNote])).toThrow(/no id/);
    expect(graph.size).toBe(0);
  });
});
