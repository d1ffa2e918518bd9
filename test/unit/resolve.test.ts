// Each resolution step of DESIGN.md section 2, its tie-breaks, relative
// paths, attachments and the concept layer, one row per case.

import { describe, expect, it } from 'vitest';
import type { Resolution } from '../../electron/core/model';
import { compareCodePoints, dependencyKeys, resolutionKey } from '../../electron/core/resolve';
import { graphOf } from './support/graph-of';

const graph = graphOf(
  {
    'Nix.md': '# Nix',
    'projects/Nix.md': '# Nix in projects',
    'projects/nix/Flakes.md': '# Flakes',
    'archive/nix/Flakes.md': '# Old flakes',
    'x/Tie.md': '',
    'y/Tie.md': '',
    'deep/er/Tie.md': '',
    'daily/02JAN25 - NixOS.md': '',
    'NixOS Guide.md': '---\naliases: [NixOS Linux]\n---\n',
    'docs/Node.js.md': '',
    'b/Caf\u00e9.md': '',
    'notes/Old.markdown': '',
    'attachments/diagram.png': '',
    'img.png': '',
    'assets/pic.png': '',
    'projects/pic.png': '',
    'config/configuration.nix': '',
  },
  { attachmentExists: (path) => path === 'files/report.pdf' },
);

const note = (id: string): Resolution => ({ kind: 'note', id });
const concept = (key: string): Resolution => ({ kind: 'concept', key });
const unresolved = (name: string, key = name.toLowerCase()): Resolution => ({ kind: 'unresolved', key, name });
const attachment = (path: string, exists = true): Resolution => ({ kind: 'attachment', path, exists });

describe('resolve: the rules in order', () => {
  it.each<[string, string, string, Resolution]>([
    // 1. relative to the linking note
    ['relative ../', 'projects/nix/Flakes.md', '../Nix', note('projects/Nix.md')],
    ['relative ../../ with .md', 'projects/nix/Flakes.md', '../../Nix.md', note('Nix.md')],
    ['relative ./ to itself', 'projects/nix/Flakes.md', './Flakes', note('projects/nix/Flakes.md')],
    ['relative miss stays that path', 'projects/nix/Flakes.md', '../Missing.md', unresolved('projects/Missing')],
    ['relative above the root', 'projects/nix/Flakes.md', '../../../Escape', unresolved('../../../Escape')],
    // 1. exact path from the root, with or without .md, any case
    ['root path beats another folder', 'projects/nix/Flakes.md', 'Nix', note('Nix.md')],
    ['root path beats the own folder', 'projects/Other.md', 'Nix', note('Nix.md')],
    ['path with odd-case extension', 'z.md', 'projects/nix/flakes.MD', note('projects/nix/Flakes.md')],
    ['leading slash is the root', 'z.md', '/projects/Nix', note('projects/Nix.md')],
    ['surrounding spaces trimmed', 'z.md', '  Nix ', note('Nix.md')],
    ['.markdown by stem', 'z.md', 'old', note('notes/Old.markdown')],
    ['.markdown by full path', 'z.md', 'notes/Old.markdown', note('notes/Old.markdown')],
    // 2. the linking note's own folder
    ['own folder by stem', 'y/Other.md', 'Tie', note('y/Tie.md')],
    ['own folder by sub-path', 'projects/Other.md', 'nix/Flakes', note('projects/nix/Flakes.md')],
    ['own folder to itself', 'projects/nix/Flakes.md', 'flakes', note('projects/nix/Flakes.md')],
    // 3. any path ending with /target: shortest, then code-point order
    ['shortest path wins', 'z.md', 'Flakes', note('archive/nix/Flakes.md')],
    ['shortest path with a folder part', 'z.md', 'nix/Flakes', note('archive/nix/Flakes.md')],
    ['equal lengths: code-point order', 'z.md', 'Tie', note('x/Tie.md')],
    ['suffix must start at a folder boundary', 'z.md', 'ie', unresolved('ie')],
    ['suffix names the deeper note', 'z.md', 'er/Tie', note('deep/er/Tie.md')],
    ['dated stem', 'z.md', '02jan25 - nixos', note('daily/02JAN25 - NixOS.md')],
    ['a dot in a note name is not an extension', 'z.md', 'Node.js', note('docs/Node.js.md')],
    ['NFD spelling finds the NFC file', 'z.md', 'Cafe\u0301', note('b/Caf\u00e9.md')],
    // 4. the concept: titles without the date, aliases
    ['title with the date stripped', 'z.md', 'NixOS', concept('nixos')],
    ['alias, inner spaces collapsed', 'z.md', 'nixos   LINUX', concept('nixos linux')],
    // 5. unresolved
    ['unknown name', 'z.md', 'Jellyfin', unresolved('Jellyfin')],
    ['unresolved keeps its folder, drops .md', 'z.md', 'ideas/Next Step.md', unresolved('ideas/Next Step')],
    ['self link', 'z.md', '', note('z.md')],
  ])('%s: [[%s]] from %s', (_label, from, target, expected) => {
    expect(graph.resolve(from, target)).toEqual(expected);
  });
});

describe('resolve: attachments', () => {
  it.each<[string, string, string, Resolution]>([
    ['by name anywhere', 'daily/x.md', 'diagram.png', attachment('attachments/diagram.png')],
    ['exact path from the root, any case', 'projects/a.md', 'IMG.PNG', attachment('img.png')],
    ['relative path', 'projects/nix/Flakes.md', '../pic.png', attachment('projects/pic.png')],
    ['own folder first', 'projects/a.md', 'pic.png', attachment('projects/pic.png')],
    ['then the shortest path', 'z.md', 'pic.png', attachment('assets/pic.png')],
    ['missing file of an attachment type', 'z.md', 'gone.pdf', attachment('gone.pdf', false)],
    ['missing relative file', 'projects/a.md', './gone.png', attachment('projects/gone.png', false)],
    ['injected check: exact path', 'z.md', 'files/report.pdf', attachment('files/report.pdf')],
    ['injected check: own folder', 'files/x.md', 'report.pdf', attachment('files/report.pdf')],
    ['unknown extension found as a file', 'z.md', 'configuration.nix', attachment('config/configuration.nix')],
    ['unknown extension, no file: a name', 'z.md', 'flake.lock', unresolved('flake.lock')],
  ])('%s: %s from %s', (_label, from, target, expected) => {
    expect(graph.resolve(from, target)).toEqual(expected);
  });
});

describe('resolve helpers', () => {
  it('orders by code point, not by UTF-16 unit', () => {
    // U+1F600 is above U+FFFF, though its first UTF-16 unit (0xD83D) is below 0xFFFF.
    expect(compareCodePoints('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });

  it.each<[string, string, string[]]>([
    ['[[Nix]]', 'Nix', ['s:nix', 'c:nix']],
    ['path and extension', 'projects/nix/Flakes.md', ['s:flakes', 'c:projects/nix/flakes']],
    ['relative: only the file', '../Home Manager.md', ['s:home manager']],
    ['attachment', 'img/Diagram.PNG', ['s:diagram.png', 'c:img/diagram.png']],
    ['self link', '', []],
  ])('dependency keys of %s', (_label, target, keys) => {
    expect(dependencyKeys('projects/x.md', target)).toEqual(keys);
  });

  it('gives each resolution a distinct key', () => {
    const keys = [note('a.md'), concept('a.md'), unresolved('a.md'), attachment('a.md'), attachment('a.md', false)].map(
      resolutionKey,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
