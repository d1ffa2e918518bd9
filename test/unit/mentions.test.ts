// Unlinked mentions: which plain-text occurrences of a note's names count,
// one row per kind of text around them.

import { describe, expect, it } from 'vitest';
import { mentionPattern, unlinkedMentions } from '../../electron/core/mentions';
import { graphOf } from './support/graph-of';

const TARGET = {
  'os/NixOS.md': '---\naliases: [NixOS Linux, OS]\n---\n# NixOS',
};

/** The texts found as mentions of os/NixOS.md in a note with `body`. */
function found(body: string): string[] {
  const graph = graphOf({ ...TARGET, 'other.md': body });
  return unlinkedMentions(graph, 'os/NixOS.md').map((m) => m.text);
}

describe('unlinkedMentions: what counts', () => {
  it.each<[string, string, string[]]>([
    ['a plain word', 'I use NixOS daily.', ['NixOS']],
    ['any case', 'nixos and NIXOS', ['nixos', 'NIXOS']],
    ['in punctuation', '(NixOS), "NixOS"!', ['NixOS', 'NixOS']],
    ['at the start and the end', 'NixOS\nthen NixOS', ['NixOS', 'NixOS']],
    ['longest name first', 'NixOS Linux rocks', ['NixOS Linux']],
    ['spaces inside a name may vary', 'NixOS \tLinux', ['NixOS \tLinux']],
    ['in a heading', '## Why NixOS', ['NixOS']],
    ['a letter after', 'NixOSes', []],
    ['a letter before', 'preNixOS', []],
    ['a non-Latin letter before', '\u00e9NixOS', []],
    ['a digit after', 'NixOS2', []],
    ['an underscore after', 'NixOS_config', []],
    ['already a wikilink', '[[NixOS]] and [[os/NixOS|NixOS]]', []],
    ['in a Markdown link text', '[NixOS](os/NixOS.md)', []],
    ['inline code', 'run `NixOS` here', []],
    ['a fenced block', '```\nNixOS\n```', []],
    ['a %% comment', '%% NixOS %%', []],
    ['an HTML comment', '<!-- NixOS -->', []],
    ['front matter', '---\ntitle: About NixOS\n---\nbody', []],
    ['a tag', '#NixOS and #os/NixOS', []],
    ['a bare URL', 'see https://nixos.org/NixOS and www.NixOS.org', []],
    ['names under three characters are ignored', 'OS is short', []],
  ])('%s', (_label, body, expected) => {
    expect(found(body)).toEqual(expected);
  });

  it('reports place, line, column and context, by source then offset, never in the note itself', () => {
    const graph = graphOf({
      ...TARGET,
      'b.md': 'first line\r\nabout  NixOS here\r\n',
      'a.md': '[[NixOS]] is linked, but NixOS is not',
      'os/NixOS.md': '---\naliases: [NixOS Linux]\n---\n# NixOS mentions NixOS',
    });
    expect(unlinkedMentions(graph, 'os/NixOS.md')).toEqual([
      { source: 'a.md', line: 1, column: 26, offset: 25, text: 'NixOS', context: '[[NixOS]] is linked, but NixOS is not' },
      { source: 'b.md', line: 2, column: 8, offset: 19, text: 'NixOS', context: 'about  NixOS here' },
    ]);
  });

  it('matches the stem of a dated note as well as its title', () => {
    const graph = graphOf({ 'd/02JAN25 - Flakes.md': '', 'x.md': 'From 02JAN25 - Flakes: Flakes!' });
    expect(unlinkedMentions(graph, 'd/02JAN25 - Flakes.md').map((m) => m.text)).toEqual(['02JAN25 - Flakes', 'Flakes']);
  });

  it('treats regular-expression characters in names literally', () => {
    const graph = graphOf({ 'C++ (lang).md': '', 'x.md': 'C++ (lang) yes, C+ (lang) no, Cxx (lang) no' });
    expect(unlinkedMentions(graph, 'C++ (lang).md').map((m) => [m.text, m.column])).toEqual([['C++ (lang)', 1]]);
  });

  it('throws a clear error for an unknown note', () => {
    expect(() => unlinkedMentions(graphOf({}), 'nope.md')).toThrow(/no note "nope.md"/);
  });

  it('builds no pattern when every name is too short', () => {
    expect(mentionPattern(['Go', 'js'])).toBeNull();
    expect(mentionPattern(['Nix', 'nix', 'Nix OS'])!.source).toContain('Nix[ \\t]+OS|Nix');
  });
});
