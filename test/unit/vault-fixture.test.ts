// The fixture vault (test/fixtures/vault) read from disk through parseNote and
// LinkGraph, with the exact backlinks, concepts, unresolved names and tags a
// reader of those files expects.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinkGraph } from '../../electron/core/graph';
import { unlinkedMentions } from '../../electron/core/mentions';
import type { Backlink } from '../../electron/core/model';
import { parseNote } from '../../electron/core/note';
import { filesUnder } from './support/read-folder';

const VAULT = fileURLToPath(new URL('../fixtures/vault', import.meta.url));

function loadVault(): LinkGraph {
  const graph = new LinkGraph({ attachmentExists: (path) => existsSync(join(VAULT, path)) });
  for (const file of filesUnder(VAULT)) {
    if (file.isNote) graph.upsert(parseNote(file.id, readFileSync(file.path, 'utf8')));
    else graph.addAttachment(file.id);
  }
  return graph;
}

/** The parts of a backlink a reader checks: where it is and what the line says. */
function brief(list: Backlink[]) {
  return list.map(({ source, line, raw, context }) => ({ source, line, raw, context }));
}

const D02 = 'daily/2025/02JAN25 - NixOS.md';
const D15 = 'daily/2025/2025-01-15 NixOS.md';
const D20 = 'daily/2025/2025-01-20 Setup log.md';
const FLAKES = 'projects/nix/Flakes.md';
const HOME = 'projects/nix/Home Manager.md';

let graph: LinkGraph;
beforeAll(() => {
  graph = loadVault();
});

describe('fixture vault: notes', () => {
  it('loads every Markdown file as a note', () => {
    expect([...graph.notes()].map((n) => n.id).sort()).toEqual([
      'Nix.md',
      'NixOS.md',
      'a/Setup.md',
      'b/Notes.md',
      'b/Setup.md',
      D02,
      D15,
      D20,
      FLAKES,
      HOME,
    ]);
  });
});

describe('fixture vault: backlinks', () => {
  it('NixOS.md: trailing space, lower case, heading, relative Markdown links; code, comments and escapes ignored', () => {
    expect(brief(graph.backlinks('NixOS.md'))).toEqual([
      { source: 'a/Setup.md', line: 3, raw: '[[NixOS]]', context: 'Steps for the laptop. Uses [[NixOS]].' },
      { source: D02, line: 3, raw: '[[NixOS ]]', context: 'Installed [[NixOS ]] on the laptop; see [[nixos#Installation]].' },
      { source: D02, line: 3, raw: '[[nixos#Installation]]', context: 'Installed [[NixOS ]] on the laptop; see [[nixos#Installation]].' },
      { source: D15, line: 5, raw: '[[NixOS]]', context: 'Back to [[NixOS]] after [[02JAN25 - NixOS|the first day]].' },
      {
        source: D20,
        line: 3,
        raw: '[the NixOS page](../../NixOS.md#Install)',
        context: 'Read [the NixOS page](../../NixOS.md#Install) and [flakes](../../projects/nix/Flakes.md).',
      },
      {
        source: FLAKES,
        line: 12,
        raw: '[NixOS](../../NixOS.md)',
        context: 'A flake pins its inputs in flake.lock. See [[Nix]] and [NixOS](../../NixOS.md).',
      },
    ]);
  });

  it('Nix.md: links in inline code, escaped links and code fences do not count', () => {
    expect(brief(graph.backlinks('Nix.md'))).toEqual([
      { source: 'NixOS.md', line: 7, raw: '[[Nix]]', context: 'NixOS is a Linux distribution built on [[Nix]].' },
      {
        source: 'b/Notes.md',
        line: 2,
        raw: '[root nix](../Nix.md)',
        context: 'Relative markdown: [Setup](Setup.md) and [root nix](../Nix.md).',
      },
      {
        source: FLAKES,
        line: 12,
        raw: '[[Nix]]',
        context: 'A flake pins its inputs in flake.lock. See [[Nix]] and [NixOS](../../NixOS.md).',
      },
      {
        source: HOME,
        line: 3,
        raw: '[[Nix]]',
        context: 'Manages dotfiles with [[Nix]]; see [[nix flakes]] and [[Nix Package Manager]].',
      },
    ]);
  });

  it('a/Setup.md wins [[Setup]] by code-point order where neither folder is the linking one', () => {
    expect(brief(graph.backlinks('a/Setup.md'))).toEqual([
      { source: 'NixOS.md', line: 9, raw: '[[Setup]]', context: 'See [[Setup]] for the install.' },
      { source: D20, line: 1, raw: '[[Setup]]', context: 'Setup today: [[Setup]] first, then [[b/Setup]].' },
      { source: D20, line: 2, raw: '[[Setup.md]]', context: 'Also [[Setup.md]] and [[./2025-01-15 NixOS.md]].' },
    ]);
  });

  it('b/Setup.md: reached from its own folder and by path; its self links are excluded', () => {
    expect(brief(graph.backlinks('b/Setup.md'))).toEqual([
      { source: 'b/Notes.md', line: 1, raw: '[[Setup]]', context: 'Local link: [[Setup]] is the server one.' },
      {
        source: 'b/Notes.md',
        line: 2,
        raw: '[Setup](Setup.md)',
        context: 'Relative markdown: [Setup](Setup.md) and [root nix](../Nix.md).',
      },
      { source: D20, line: 1, raw: '[[b/Setup]]', context: 'Setup today: [[Setup]] first, then [[b/Setup]].' },
    ]);
    const self = graph.outgoing('b/Setup.md').filter((l) => l.resolution.kind === 'note');
    expect(self.map((l) => l.link.raw)).toEqual(['[[#Firewall]]', '[[Setup#Firewall]]']);
    expect(self.every((l) => l.resolution.kind === 'note' && l.resolution.id === 'b/Setup.md')).toBe(true);
  });

  it('Flakes.md: `[[A#B#C]]` headings, own-folder links; a `%%` comment does not count', () => {
    expect(brief(graph.backlinks(FLAKES))).toEqual([
      { source: 'NixOS.md', line: 8, raw: '[[Flakes|flakes]]', context: 'It is configured with [[Flakes|flakes]] and #nix/nixos modules.' },
      { source: D15, line: 6, raw: '[[Flakes#Inputs#Follows]]', context: 'Rebuilt with [[A#B#C]] and [[Flakes#Inputs#Follows]].' },
      {
        source: D20,
        line: 3,
        raw: '[flakes](../../projects/nix/Flakes.md)',
        context: 'Read [the NixOS page](../../NixOS.md#Install) and [flakes](../../projects/nix/Flakes.md).',
      },
      { source: HOME, line: 4, raw: '[[Flakes]]', context: 'Links to [[NixOS Linux]] and [[Flakes]].' },
    ]);
    const heading = graph.outgoing(D15).find((l) => l.link.raw === '[[Flakes#Inputs#Follows]]')!;
    expect(heading.link.heading).toBe('Inputs#Follows');
  });

  it('dated notes: by stem with an alias, and by a relative wikilink with .md', () => {
    expect(brief(graph.backlinks(D02))).toEqual([
      { source: D15, line: 5, raw: '[[02JAN25 - NixOS|the first day]]', context: 'Back to [[NixOS]] after [[02JAN25 - NixOS|the first day]].' },
    ]);
    expect(brief(graph.backlinks(D15))).toEqual([
      {
        source: D02,
        line: 12,
        raw: '[[2025-01-15 NixOS|the follow-up]]',
        context: 'Next: [[2025-01-15 NixOS|the follow-up]] and ![[diagram.png]]. #daily',
      },
      { source: D20, line: 2, raw: '[[./2025-01-15 NixOS.md]]', context: 'Also [[Setup.md]] and [[./2025-01-15 NixOS.md]].' },
    ]);
  });
});

describe('fixture vault: concepts', () => {
  it('NixOS gathers its dated notes oldest first, the undated note last', () => {
    expect(graph.concept('nixos')).toEqual({ key: 'nixos', name: 'NixOS', notes: [D02, D15, 'NixOS.md'] });
    expect(graph.conceptOfNote(D02)).toBe('nixos');
    expect(graph.conceptOfNote('b/Setup.md')).toBe('server setup');
  });

  it('the NixOS concept has the backlinks of all its notes, links between them included', () => {
    expect(brief(graph.conceptBacklinks('nixos')).map((b) => `${b.source}:${b.line} ${b.raw}`)).toEqual([
      'a/Setup.md:3 [[NixOS]]',
      `${D02}:3 [[NixOS ]]`,
      `${D02}:3 [[nixos#Installation]]`,
      `${D02}:12 [[2025-01-15 NixOS|the follow-up]]`,
      `${D15}:5 [[NixOS]]`,
      `${D15}:5 [[02JAN25 - NixOS|the first day]]`,
      `${D20}:2 [[./2025-01-15 NixOS.md]]`,
      `${D20}:3 [the NixOS page](../../NixOS.md#Install)`,
      `${FLAKES}:12 [NixOS](../../NixOS.md)`,
    ]);
  });

  it('links to an alias resolve to the concept and count among its backlinks', () => {
    expect(graph.resolve(HOME, 'NixOS Linux')).toEqual({ kind: 'concept', key: 'nixos linux' });
    expect(graph.concept('nixos linux')).toEqual({ key: 'nixos linux', name: 'NixOS Linux', notes: ['NixOS.md'] });
    expect(brief(graph.conceptBacklinks('nix flakes')).map((b) => `${b.source}:${b.line} ${b.raw}`)).toEqual([
      'NixOS.md:8 [[Flakes|flakes]]',
      `${D15}:6 [[Flakes#Inputs#Follows]]`,
      `${D20}:3 [flakes](../../projects/nix/Flakes.md)`,
      `${HOME}:3 [[nix flakes]]`,
      `${HOME}:4 [[Flakes]]`,
    ]);
  });

  it('two notes named Setup share the concept; titles and aliases are listed, dated stems are not', () => {
    expect(graph.concept('setup')?.notes).toEqual(['a/Setup.md', 'b/Setup.md']);
    expect(graph.concepts().map((c) => c.key)).toEqual([
      'flakes',
      'home manager',
      'jellyfin server',
      'nix',
      'nix flakes',
      'nix package manager',
      'nixos',
      'nixos linux',
      'notes',
      'server setup',
      'setup',
      'setup log',
    ]);
  });
});

describe('fixture vault: unresolved, attachments, tags, mentions', () => {
  it('lists unresolved names with their count and sources, most linked first', () => {
    expect(graph.unresolved()).toEqual([
      { key: 'jellyfin', name: 'Jellyfin', count: 2, sources: [D15] },
      { key: 'a', name: 'A', count: 1, sources: [D15] },
      { key: 'firewall rules', name: 'Firewall rules', count: 1, sources: ['b/Setup.md'] },
    ]);
  });

  it('resolves attachments by name and by relative path, and reports the missing one', () => {
    const attachments = (id: string) =>
      graph
        .outgoing(id)
        .filter((l) => l.resolution.kind === 'attachment')
        .map((l) => [l.link.raw, l.resolution]);
    expect(attachments(D02)).toEqual([['![[diagram.png]]', { kind: 'attachment', path: 'attachments/diagram.png', exists: true }]]);
    expect(attachments(HOME)).toEqual([
      ['![diagram](../../attachments/diagram.png)', { kind: 'attachment', path: 'attachments/diagram.png', exists: true }],
      ['![[missing.png]]', { kind: 'attachment', path: 'missing.png', exists: false }],
    ]);
  });

  it('indexes tags lower-cased, nested tags under their parents, front matter and inline alike', () => {
    expect(graph.tags()).toEqual([
      { tag: 'daily', count: 2, notes: [D02, D15] },
      { tag: 'nix', count: 5, notes: ['Nix.md', 'NixOS.md', D15, FLAKES, HOME] },
      { tag: 'nix/flakes', count: 1, notes: [FLAKES] },
      { tag: 'nix/home-manager', count: 1, notes: [HOME] },
      { tag: 'nix/nixos', count: 1, notes: ['NixOS.md'] },
      { tag: 'os', count: 1, notes: ['NixOS.md'] },
    ]);
    expect(graph.notesWithTag('#NIX/Home-Manager')).toEqual([HOME]);
    expect(graph.notesWithTag('notatag')).toEqual([]);
  });

  it('finds unlinked mentions of Home Manager only in prose', () => {
    expect(unlinkedMentions(graph, HOME).map((m) => [m.source, m.line, m.column, m.text])).toEqual([
      [FLAKES, 13, 1, 'Home Manager'],
    ]);
  });

  it('finds notes by id, stem, title and alias', () => {
    expect(graph.findByName('projects/nix/Flakes')).toBe(FLAKES);
    expect(graph.findByName('setup')).toBe('a/Setup.md');
    expect(graph.findByName('Server Setup')).toBe('b/Setup.md');
    expect(graph.findByName('nixos')).toBe('NixOS.md');
    expect(graph.findByName('Setup log')).toBe(D20);
    expect(graph.findByName('nix flakes')).toBe(FLAKES);
    expect(graph.findByName('Jellyfin')).toBeNull();
  });
});
