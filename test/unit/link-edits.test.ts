// Text edits for rename and "link mentions": the exact new sources, every
// link form kept intact, nothing else in the files changed.

import { describe, expect, it } from 'vitest';
import type { LinkGraph } from '../../electron/core/graph';
import {
  applyEdits,
  encodeLinkPath,
  linkMentionEdits,
  relativePath,
  renameEdits,
} from '../../electron/core/link-edits';
import { unlinkedMentions } from '../../electron/core/mentions';
import { graphOf, parseNote } from './support/graph-of';

/** Applies a rename and its edits to the graph, as the service would. */
function applyRename(graph: LinkGraph, oldId: string, newId: string): Map<string, string> {
  const edits = renameEdits(graph, oldId, newId);
  const moved = graph.note(oldId)!;
  graph.remove(oldId);
  graph.upsert(parseNote(newId, edits.get(newId) ?? moved.source));
  for (const [id, source] of edits) if (id !== newId) graph.upsert(parseNote(id, source));
  return edits;
}

describe('renameEdits: links to the renamed note', () => {
  const files = {
    'Old Note.md': '# Old',
    'links.md': [
      'A [[Old Note]] b [[Old Note|alias]] c [[Old Note#Heading]] d ![[Old Note]]',
      'e [[Old Note#^block]] f [[ Old Note ]] g [[old note]] h [[Old Note.md]]',
      '| table | [[Old Note\\|cell]] |',
      '`[[Old Note]]` stays: it is code',
    ].join('\n'),
    'sub/md.md': '[see](../Old%20Note.md#Part "title") and [again](<../Old Note.md>)',
    'crlf.md': 'x [[Old Note]] \t\r\ny\r\n',
    'other.md': '[[Something]] mentions Old Note',
  };

  it('rewrites each link form, keeping alias, heading, block, embed, spacing and line endings', () => {
    const edits = renameEdits(graphOf(files), 'Old Note.md', 'New Name.md');
    expect([...edits.keys()].sort()).toEqual(['crlf.md', 'links.md', 'sub/md.md']);
    expect(edits.get('links.md')).toBe(
      [
        'A [[New Name]] b [[New Name|alias]] c [[New Name#Heading]] d ![[New Name]]',
        'e [[New Name#^block]] f [[ New Name ]] g [[New Name]] h [[New Name]]',
        '| table | [[New Name\\|cell]] |',
        '`[[Old Note]]` stays: it is code',
      ].join('\n'),
    );
    expect(edits.get('sub/md.md')).toBe('[see](../New%20Name.md#Part "title") and [again](<../New%20Name.md>)');
    expect(edits.get('crlf.md')).toBe('x [[New Name]] \t\r\ny\r\n');
  });

  it('leaves the notebook consistent: every old backlink now reaches the new note', () => {
    const graph = graphOf(files);
    const before = graph.backlinks('Old Note.md').length;
    applyRename(graph, 'Old Note.md', 'New Name.md');
    expect(graph.backlinks('New Name.md')).toHaveLength(before);
    expect(graph.unresolved().map((u) => u.key)).toEqual(['something']);
  });

  it('writes the path when the new stem is shared, the stem when it is unique', () => {
    const graph = graphOf({
      'a/Setup.md': '',
      'c/Thing.md': '',
      'root.md': '[[Thing]]',
      'c/local.md': '[[Thing|it]]',
      'u/Unique.md': '',
      'v.md': '[[Unique]] and [[u/Unique]]',
    });
    const edits = renameEdits(graph, 'c/Thing.md', 'c/Setup.md');
    expect(Object.fromEntries(edits)).toEqual({ 'c/local.md': '[[c/Setup|it]]', 'root.md': '[[c/Setup]]' });
    // A move that keeps the stem unique leaves [[Unique]] alone and fixes the path link.
    expect(Object.fromEntries(renameEdits(graph, 'u/Unique.md', 'w/Unique.md'))).toEqual({ 'v.md': '[[Unique]] and [[Unique]]' });
  });

  it('gives Markdown links a relative path from each note, percent-encoded', () => {
    const graph = graphOf({
      'notes/Target.md': '',
      'notes/a.md': '[same folder](Target.md)',
      'deep/er/b.md': '![img](../../notes/Target.md#Top)',
      'c.md': '[root](notes/Target.md)',
    });
    expect(Object.fromEntries(renameEdits(graph, 'notes/Target.md', 'notes/sub dir/Target (v2) #1.md'))).toEqual({
      'notes/a.md': '[same folder](sub%20dir/Target%20%28v2%29%20%231.md)',
      'deep/er/b.md': '![img](../../notes/sub%20dir/Target%20%28v2%29%20%231.md#Top)',
      'c.md': '[root](notes/sub%20dir/Target%20%28v2%29%20%231.md)',
    });
  });
});

describe('renameEdits: links that must keep their destination', () => {
  it('the moved note keeps what its own links reach', () => {
    const graph = graphOf({
      'b/Note.md': '[rel](./Other.md) [[Sibling]] [[Note#Self]] [[#Top]] ![[pic.png]] [[Far]]',
      'b/Other.md': '[Back](Note.md)',
      'a/Sibling.md': '',
      'b/Sibling.md': '',
      'b/pic.png': '',
      'x/Far.md': '[[Note]]',
    });
    const edits = renameEdits(graph, 'b/Note.md', 'c/Note.md');
    expect(Object.fromEntries(edits)).toEqual({
      'c/Note.md': '[rel](../b/Other.md) [[b/Sibling]] [[Note#Self]] [[#Top]] ![[pic.png]] [[Far]]',
      'b/Other.md': '[Back](../c/Note.md)',
    });
    applyRename(graph, 'b/Note.md', 'c/Note.md');
    expect(graph.outgoing('c/Note.md').map((l) => l.resolution)).toEqual([
      { kind: 'note', id: 'b/Other.md' },
      { kind: 'note', id: 'b/Sibling.md' },
      { kind: 'note', id: 'c/Note.md' },
      { kind: 'note', id: 'c/Note.md' },
      { kind: 'attachment', path: 'b/pic.png', exists: true },
      { kind: 'note', id: 'x/Far.md' },
    ]);
  });

  it('links the new name would capture keep pointing where they did', () => {
    const graph = graphOf({ 'x/Tie.md': '', 'z.md': '[[Tie]]', 'x/In.md': 'see [[Tie|the tie]]', 'q/Other.md': '' });
    const edits = renameEdits(graph, 'q/Other.md', 'Tie.md');
    expect(Object.fromEntries(edits)).toEqual({ 'x/In.md': 'see [[x/Tie|the tie]]', 'z.md': '[[x/Tie]]' });
    applyRename(graph, 'q/Other.md', 'Tie.md');
    expect(graph.backlinks('x/Tie.md').map((b) => b.source)).toEqual(['x/In.md', 'z.md']);
  });

  it('rewrites the renamed note\'s links to itself under the new id; [[#Heading]] stays', () => {
    const graph = graphOf({ 'Old.md': 'Up to [[Old#h]] or [[#h]].\n\n## h' });
    expect(Object.fromEntries(renameEdits(graph, 'Old.md', 'New.md'))).toEqual({ 'New.md': 'Up to [[New#h]] or [[#h]].\n\n## h' });
  });

  it('refuses an unknown note and an existing destination; a same-name rename changes nothing', () => {
    const graph = graphOf({ 'a.md': '', 'b.md': '[[a]]' });
    expect(() => renameEdits(graph, 'nope.md', 'x.md')).toThrow(/no note "nope.md"/);
    expect(() => renameEdits(graph, 'a.md', 'b.md')).toThrow(/"b.md" already exists/);
    expect(renameEdits(graph, 'a.md', 'a.md').size).toBe(0);
  });
});

describe('linkMentionEdits', () => {
  const files = {
    'os/NixOS.md': '---\naliases: [NixOS Linux]\n---\n# NixOS',
    'x.md': 'I like nixos. NixOS Linux too.\n| col | NixOS Linux |\r\n',
    'a/Setup.md': '',
    'b/Setup.md': '---\ntitle: Server setup\n---\n',
    'y.md': 'The Server setup page.',
  };

  it('writes [[text]] when the text resolves to the note, [[Name|text]] otherwise, \\| in tables', () => {
    const graph = graphOf(files);
    const edits = linkMentionEdits(graph, 'os/NixOS.md', unlinkedMentions(graph, 'os/NixOS.md'));
    expect(Object.fromEntries(edits)).toEqual({
      'x.md': 'I like [[nixos]]. [[NixOS|NixOS Linux]] too.\n| col | [[NixOS\\|NixOS Linux]] |\r\n',
    });
    graph.upsert(parseNote('x.md', edits.get('x.md')!));
    expect(unlinkedMentions(graph, 'os/NixOS.md')).toEqual([]);
    expect(graph.backlinks('os/NixOS.md').map((b) => b.raw)).toEqual(['[[nixos]]', '[[NixOS|NixOS Linux]]', '[[NixOS\\|NixOS Linux]]']);
  });

  it('uses the path when the stem is shared by another note', () => {
    const graph = graphOf(files);
    const edits = linkMentionEdits(graph, 'b/Setup.md', unlinkedMentions(graph, 'b/Setup.md'));
    expect(edits.get('y.md')).toBe('The [[b/Setup|Server setup]] page.');
  });

  it('links only the mentions given, skips overlaps, and refuses stale ones', () => {
    const graph = graphOf(files);
    const [first] = unlinkedMentions(graph, 'os/NixOS.md');
    expect(Object.fromEntries(linkMentionEdits(graph, 'os/NixOS.md', [first, { ...first }]))).toEqual({
      'x.md': 'I like [[nixos]]. NixOS Linux too.\n| col | NixOS Linux |\r\n',
    });
    expect(() => linkMentionEdits(graph, 'os/NixOS.md', [{ ...first, offset: first.offset + 1 }])).toThrow(
      /"nixos" is no longer at offset 8 of "x.md"/,
    );
    expect(() => linkMentionEdits(graph, 'nope.md', [])).toThrow(/no note "nope.md"/);
  });
});

describe('link-edit helpers', () => {
  it.each<[string, string, string]>([
    ['a.md', 'b.md', 'b.md'],
    ['x/a.md', 'x/b.md', 'b.md'],
    ['x/a.md', 'b.md', '../b.md'],
    ['x/y/a.md', 'x/z/b.md', '../z/b.md'],
    ['a.md', 'x/y/b.md', 'x/y/b.md'],
    ['x/a.md', 'x/x/b.md', 'x/b.md'],
  ])('relativePath(%s, %s) = %s', (from, to, expected) => {
    expect(relativePath(from, to)).toBe(expected);
  });

  it('percent-encodes only what breaks a link destination', () => {
    expect(encodeLinkPath('a b/(c)#d?e%f/Café [x].md')).toBe('a%20b/%28c%29%23d%3Fe%25f/Café%20%5Bx%5D.md');
  });

  it('applies edits from the end and refuses overlapping ones', () => {
    expect(applyEdits('abcdef', [{ start: 0, end: 1, text: 'X' }, { start: 4, end: 6, text: 'YZW' }])).toBe('XbcdYZW');
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(/Overlapping/);
  });
});
