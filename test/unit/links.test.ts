import { describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../electron/core/frontmatter';
import { extractLinks, lineStartsOf, parseWikilinkInner, positionOf } from '../../electron/core/links';
import { nonProseRanges } from '../../electron/core/markdown-regions';
import type { RawLink } from '../../electron/core/model';

function linksOf(source: string): RawLink[] {
  const nonProse = nonProseRanges(source, readFrontmatter(source).bodyOffset);
  return extractLinks(source, lineStartsOf(source), nonProse);
}

/** The texts covered by the non-prose ranges, for readable expectations. */
function nonProseTexts(source: string): string[] {
  const ranges = nonProseRanges(source, readFrontmatter(source).bodyOffset);
  const out: string[] = [];
  for (let i = 0; i < ranges.length; i += 2) out.push(source.slice(ranges[i], ranges[i + 1]));
  return out;
}

describe('parseWikilinkInner', () => {
  it.each([
    ['Nix', { target: 'Nix' }],
    ['Nix ', { target: 'Nix' }],
    ['  Home Manager  ', { target: 'Home Manager' }],
    ['Nix|the Nix', { target: 'Nix', alias: 'the Nix' }],
    ['Nix\\|in a table', { target: 'Nix', alias: 'in a table' }],
    ['Nix#Install', { target: 'Nix', heading: 'Install' }],
    ['Nix#A#B', { target: 'Nix', heading: 'A#B' }],
    ['Nix#^abc123', { target: 'Nix', block: 'abc123' }],
    ['#Local heading', { target: '', heading: 'Local heading' }],
    ['#^blk', { target: '', block: 'blk' }],
    ['Nix#Install|how to install', { target: 'Nix', heading: 'Install', alias: 'how to install' }],
    ['../Nix', { target: '../Nix' }],
    ['folder/Nix.md', { target: 'folder/Nix.md' }],
    ['Nix|', { target: 'Nix' }],
  ])('%j', (inner, parts) => {
    expect(parseWikilinkInner(inner)).toEqual(parts);
  });
});

describe('extractLinks: every form, with exact positions', () => {
  it.each<[string, string, Partial<RawLink>]>([
    ['wikilink', 'See [[Nix]] now', { kind: 'wikilink', target: 'Nix', raw: '[[Nix]]', offset: 4, line: 1, column: 5 }],
    ['trailing space', 'See [[Note ]].', { kind: 'wikilink', target: 'Note', raw: '[[Note ]]', offset: 4 }],
    ['alias', '[[Nix|the Nix]]', { kind: 'wikilink', target: 'Nix', alias: 'the Nix', raw: '[[Nix|the Nix]]', offset: 0 }],
    ['heading', 'x [[Nix#Install]]', { target: 'Nix', heading: 'Install', offset: 2, column: 3 }],
    ['nested heading', '[[A#B#C]]', { target: 'A', heading: 'B#C' }],
    ['block', '[[Nix#^abc]]', { target: 'Nix', block: 'abc' }],
    ['same-note heading', '[[#Setup]]', { target: '', heading: 'Setup', kind: 'wikilink' }],
    ['embed', '![[diagram.png]]', { kind: 'embed', target: 'diagram.png', raw: '![[diagram.png]]', offset: 0 }],
    ['embed of a note with size alias', 'a ![[Nix|300]]', { kind: 'embed', target: 'Nix', alias: '300', offset: 2, column: 3 }],
    ['markdown', 'Read [the note](Other%20Note.md).', { kind: 'markdown', target: 'Other Note.md', alias: 'the note', raw: '[the note](Other%20Note.md)', offset: 5 }],
    ['markdown angle brackets', '[x](<Other Note.md>)', { kind: 'markdown', target: 'Other Note.md', raw: '[x](<Other Note.md>)' }],
    ['markdown fragment', '[x](Nix.md#Install%20it)', { kind: 'markdown', target: 'Nix.md', heading: 'Install it' }],
    ['markdown block fragment', '[x](Nix.md#^b1)', { kind: 'markdown', target: 'Nix.md', block: 'b1' }],
    ['markdown same-note', '[up](#Top)', { kind: 'markdown', target: '', heading: 'Top' }],
    ['markdown image', '![a cat](img/cat.png)', { kind: 'markdown', target: 'img/cat.png', alias: 'a cat', raw: '![a cat](img/cat.png)', offset: 0 }],
    ['markdown with title', '[x](Nix.md "The title")', { target: 'Nix.md', raw: '[x](Nix.md "The title")' }],
    ['markdown relative', '[x](../Nix.md)', { target: '../Nix.md' }],
    ['markdown, bad percent kept', '[x](50%.md)', { target: '50%.md' }],
    ['markdown parens in destination', '[x](Nix_(tool).md)', { target: 'Nix_(tool).md' }],
    ['table escaped pipe', '| [[Nix\\|the Nix]] | b |', { target: 'Nix', alias: 'the Nix', raw: '[[Nix\\|the Nix]]', offset: 2 }],
    ['escaped embed bang', '\\![[Nix]]', { kind: 'wikilink', target: 'Nix', raw: '[[Nix]]', offset: 2 }],
    ['unicode', 'Voir [[Café]]', { target: 'Café', column: 6 }],
  ])('%s', (_name, source, expected) => {
    const links = linksOf(source);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ line: 1, context: source.trim(), ...expected });
    expect(source.slice(links[0].offset, links[0].offset + links[0].raw.length)).toBe(links[0].raw);
  });

  it('gives line, column, offset and trimmed context for links on many lines, front matter included', () => {
    const source = [
      '---', //                                   line 1
      'title: Test [[not a link]]', //            line 2
      '---', //                                   line 3
      '# Heading', //                             line 4
      '', //                                      line 5
      '  Indented [[First]] and [[Second|2]]  ', // line 6
      '- item with ![[pic.png]]', //              line 7
      '> quote with [md](Third.md)', //           line 8
    ].join('\n');
    const links = linksOf(source);
    expect(links.map((l) => [l.kind, l.target, l.line, l.column, l.context])).toEqual([
      ['wikilink', 'First', 6, 12, 'Indented [[First]] and [[Second|2]]'],
      ['wikilink', 'Second', 6, 26, 'Indented [[First]] and [[Second|2]]'],
      ['embed', 'pic.png', 7, 13, '- item with ![[pic.png]]'],
      ['markdown', 'Third.md', 8, 14, '> quote with [md](Third.md)'],
    ]);
    for (const link of links) expect(source.slice(link.offset, link.offset + link.raw.length)).toBe(link.raw);
  });

  it('keeps CRLF offsets and columns exact', () => {
    const source = '---\r\ntitle: x\r\n---\r\nLine one\r\n\r\n```\r\n[[code]]\r\n```\r\nA [[Nix]] b `[[span]]` c [y](Y.md)\r\n';
    const links = linksOf(source);
    expect(links.map((l) => [l.raw, l.line, l.column, l.context])).toEqual([
      ['[[Nix]]', 9, 3, 'A [[Nix]] b `[[span]]` c [y](Y.md)'],
      ['[y](Y.md)', 9, 26, 'A [[Nix]] b `[[span]]` c [y](Y.md)'],
    ]);
    for (const link of links) expect(source.slice(link.offset, link.offset + link.raw.length)).toBe(link.raw);
  });

  it('returns links in source order', () => {
    const links = linksOf('[a](A.md) [[B]] ![c](C.png) ![[D]]');
    expect(links.map((l) => l.target)).toEqual(['A.md', 'B', 'C.png', 'D']);
  });
});

describe('extractLinks: what is not a link', () => {
  it.each([
    ['escaped brackets', '\\[\\[x]]'],
    ['escaped first bracket', '\\[[x]]'],
    ['escaped markdown link', '\\[x](Y.md)'],
    ['empty wikilink', '[[]]'],
    ['spaces only', '[[  ]]'],
    ['line break inside', '[[Ni\nx]]'],
    ['http URL', '[site](https://nixos.org)'],
    ['mailto', '[me](mailto:me@example.com)'],
    ['protocol-relative', '[x](//example.com/a.md)'],
    ['obsidian URL', '[x](obsidian://open?vault=v)'],
    ['empty destination', '[x]()'],
    ['inline code', 'Use `[[Nix]]` and `[x](Y.md)`'],
    ['double-backtick code', 'Use ``a ` [[Nix]]`` here'],
    ['fenced code', '```nix\n[[Nix]]\n[x](Y.md)\n```'],
    ['tilde fence', '~~~\n[[Nix]]\n~~~'],
    ['unclosed fence runs to the end', 'text\n```\n[[Nix]]\n\nmore [[Flakes]]'],
    ['indented code', 'Para\n\n    [[Nix]]\n    more'],
    ['fence in a list', '- item\n\n  ```\n  [[Nix]]\n  ```'],
    ['fence in a quote', '> ```\n> [[Nix]]\n> ```'],
    ['code in a table cell', '| a | `[[Nix]]` |\n|---|---|\n| c | d |'],
    ['HTML comment', 'a <!-- [[Nix]] --> b'],
    ['multi-line HTML comment', '<!--\n[[Nix]]\n[x](Y.md)\n-->'],
    ['%% comment', 'a %% [[Nix]] %% b'],
    ['multi-line %% comment', '%%\n[[Nix]]\n\nstill hidden [[Flakes]]\n%%'],
    ['unclosed %% runs to the end', 'text %% [[Nix]]\n\n[[Flakes]]'],
    ['front matter', '---\nsee: "[[Nix]]"\nlink: "[x](Y.md)"\n---\nbody'],
  ])('%s', (_name, source) => {
    expect(linksOf(source)).toEqual([]);
  });

  it('finds links right after code, comments and escapes', () => {
    const source = '`[[a]]` [[b]] %%[[c]]%% [[d]] <!--[[e]]--> [[f]] \\[\\[g]] [[h]]\n```\n[[i]]\n```\n[[j]]';
    expect(linksOf(source).map((l) => l.target)).toEqual(['b', 'd', 'f', 'h', 'j']);
  });

  it('a %% inside code does not open a comment', () => {
    expect(linksOf('`%%` [[Nix]] `%%`').map((l) => l.target)).toEqual(['Nix']);
  });
});

describe('nonProseRanges', () => {
  it.each<[string, string, string[]]>([
    ['front matter', '---\na: 1\n---\ntext', ['---\na: 1\n---\n']],
    ['inline code', 'a `b` c', ['`b`']],
    ['fence', 'a\n\n```\nx\n```\n\nb', ['```\nx\n```']],
    ['indented code', 'a\n\n    code\n\nb', ['    code']],
    ['HTML comment', 'a <!-- c --> b', ['<!-- c -->']],
    ['empty HTML comment', 'a <!--> b', ['<!-->']],
    ['%% inline', 'a %%c%% b', ['%%c%%']],
    ['code in a quote', '> a `b`\n> c `d`', ['`b`', '`d`']],
    ['code in a list', '- a `b`\n  - c `d`', ['`b`', '`d`']],
    ['code with an escaped pipe in a table', '| `a\\|[[b]]` | c |\n|---|---|\n| d | e |', ['`a\\|[[b]]`']],
    ['fence in a nested quote and list', '- > ```\n  > [[x]]\n  > ```', ['```\n  > [[x]]\n  > ```']],
    ['equal code spans in two table cells', '| `x` | `x` |\n|---|---|\n| `x` | y |', ['`x`', '`x`', '`x`']],
    ['CRLF fence', 'a\r\n\r\n```\r\nx\r\n```\r\nb', ['```\r\nx\r\n```\r\n']],
    ['nothing', 'plain *text* and [[link]]', []],
  ])('%s', (_name, source, texts) => {
    expect(nonProseTexts(source)).toEqual(texts);
  });

  it('is sorted and merged', () => {
    const ranges = nonProseRanges('`a``b` `c` %%x%%`d`', 0);
    for (let i = 2; i < ranges.length; i += 2) expect(ranges[i]).toBeGreaterThan(ranges[i - 1]);
  });
});

describe('positionOf', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nb', 2, 2, 1],
    ['a\r\nb', 3, 2, 1],
    ['a\rb', 2, 2, 1],
    ['a\n\nb', 3, 3, 1],
  ])('%j at %i is %i:%i', (source, offset, line, column) => {
    expect(positionOf(lineStartsOf(source), offset)).toEqual({ line, column });
  });
});
