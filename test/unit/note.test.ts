import { describe, expect, it } from 'vitest';
import { parseNote } from '../../electron/core/note';

const SAMPLE = [
  '---', //                                                  1
  'title: NixOS on the server', //                           2
  'date: 2025-01-03', //                                     3
  'aliases: [NixOS server, jellyfin box]', //                4
  'tags: [nixos, "#blog"]', //                               5
  '---', //                                                  6
  '# Setting up [[NixOS]]', //                               7
  '', //                                                     8
  'We use [[Nix|the Nix]] and #homelab.', //                 9
  '', //                                                     10
  '```nix', //                                               11
  '{ services.jellyfin.enable = true; } # [[not a link]]', // 12
  '```', //                                                  13
  '', //                                                     14
  'Setext heading', //                                       15
  '--------------', //                                       16
  '', //                                                     17
  '### Third level ###', //                                  18
].join('\n');

describe('parseNote', () => {
  it('fills every field of ParsedNote', () => {
    const note = parseNote('2025/02JAN25 - NixOS.md', SAMPLE);
    expect(Object.keys(note).sort()).toEqual(
      [
        'id', 'stem', 'folder', 'title', 'date', 'dateSource', 'aliases', 'tags', 'tagRefs', 'frontmatter',
        'source', 'bodyOffset', 'bodyLine', 'headings', 'links', 'nonProse', 'warnings',
      ].sort(),
    );
    expect(note).toMatchObject({
      id: '2025/02JAN25 - NixOS.md',
      stem: '02JAN25 - NixOS',
      folder: '2025',
      title: 'NixOS on the server',
      date: '2025-01-03',
      dateSource: 'frontmatter',
      aliases: ['NixOS server', 'jellyfin box'],
      tags: ['nixos', 'blog', 'homelab'],
      source: SAMPLE,
      bodyLine: 7,
      warnings: [],
    });
    expect(SAMPLE.slice(note.bodyOffset).startsWith('# Setting up')).toBe(true);
    expect(note.frontmatter).toEqual({
      title: 'NixOS on the server',
      date: '2025-01-03',
      aliases: ['NixOS server', 'jellyfin box'],
      tags: ['nixos', '#blog'],
    });
    expect(note.headings).toEqual([
      { level: 1, text: 'Setting up [[NixOS]]', line: 7 },
      { level: 2, text: 'Setext heading', line: 15 },
      { level: 3, text: 'Third level', line: 18 },
    ]);
    expect(note.links.map((l) => [l.target, l.alias, l.line, l.column])).toEqual([
      ['NixOS', undefined, 7, 14],
      ['Nix', 'the Nix', 9, 8],
    ]);
    expect(note.tagRefs).toEqual([
      { tag: 'nixos', line: 0 },
      { tag: 'blog', line: 0 },
      { tag: 'homelab', line: 9 },
    ]);
  });

  it('nonProse covers front matter, code and links, sorted and merged', () => {
    const note = parseNote('n.md', SAMPLE);
    const texts: string[] = [];
    for (let i = 0; i < note.nonProse.length; i += 2) {
      expect(note.nonProse[i]).toBeLessThan(note.nonProse[i + 1]);
      if (i > 0) expect(note.nonProse[i]).toBeGreaterThan(note.nonProse[i - 1]);
      texts.push(SAMPLE.slice(note.nonProse[i], note.nonProse[i + 1]));
    }
    expect(texts).toEqual([
      SAMPLE.slice(0, note.bodyOffset),
      '[[NixOS]]',
      '[[Nix|the Nix]]',
      '```nix\n{ services.jellyfin.enable = true; } # [[not a link]]\n```',
    ]);
  });

  it.each<[string, string, string, string | null, 'frontmatter' | 'filename' | null]>([
    // [id, source, title, date, dateSource]
    ['2025/02JAN25 - NixOS.md', 'body', 'NixOS', '2025-01-02', 'filename'],
    ['2025/2025-01-09 Flakes.md', 'body', 'Flakes', '2025-01-09', 'filename'],
    ['2025-01-09.md', 'body', '2025-01-09', '2025-01-09', 'filename'],
    ['2 January 2025 Trip.markdown', 'body', 'Trip', '2025-01-02', 'filename'],
    ['Nix.md', 'body', 'Nix', null, null],
    ['Nix.md', '---\ndate: 2025-02-01\n---\n', 'Nix', '2025-02-01', 'frontmatter'],
    ['Nix.md', '---\ndate: 2025-02-01T08:30:00\n---\n', 'Nix', '2025-02-01', 'frontmatter'],
    ['Nix.md', '---\ndate: 01FEB25\n---\n', 'Nix', '2025-02-01', 'frontmatter'],
    ['02JAN25 - NixOS.md', '---\ndate: 2025-03-04\ntitle: Other\n---\n', 'Other', '2025-03-04', 'frontmatter'],
    ['02JAN25 - NixOS.md', '---\ntitle: "  "\n---\n', 'NixOS', '2025-01-02', 'filename'],
    ['02JAN25 - NixOS.md', '---\ntitle: 1984\n---\n', '1984', '2025-01-02', 'filename'],
  ])('%s %j: title %j, date %j from %s', (id, source, title, date, dateSource) => {
    const note = parseNote(id, source);
    expect(note).toMatchObject({ title, date, dateSource, warnings: [] });
  });

  it.each([
    ['---\ndate: 2025-02-30\n---\n', '2025-02-30', 2],
    ['---\ntitle: x\ndate: someday\n---\n', 'someday', 3],
    ['---\ndate: [1, 2]\n---\n', '1,2', 2],
  ])('an invalid front matter date warns and falls back to the file name: %j', (source, written, line) => {
    const note = parseNote('02JAN25 - NixOS.md', source);
    expect(note.date).toBe('2025-01-02');
    expect(note.dateSource).toBe('filename');
    expect(note.warnings).toHaveLength(1);
    expect(note.warnings[0]).toMatchObject({ code: 'frontmatter-date', line });
    expect(note.warnings[0].message).toContain(written);
    expect(note.warnings[0].message).toContain(`line ${line}`);
  });

  it('an invalid front matter date on an undated file name leaves the note undated', () => {
    const note = parseNote('Nix.md', '---\ndate: soon\n---\n');
    expect(note).toMatchObject({ date: null, dateSource: null });
    expect(note.warnings.map((w) => w.code)).toEqual(['frontmatter-date']);
  });

  it.each<[Record<string, string>, string[]]>([
    [{ aliases: '[A, B]' }, ['A', 'B']],
    [{ aliases: 'A, B' }, ['A', 'B']],
    [{ aliases: 'Single' }, ['Single']],
    [{ alias: 'One' }, ['One']],
    [{ aliases: '[A]', alias: 'B' }, ['A', 'B']],
    [{ aliases: '[A, A, "", 42]' }, ['A', '42']],
    [{ aliases: '' }, []],
    [{}, []],
  ])('aliases from %j', (fields, aliases) => {
    const yaml = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n');
    expect(parseNote('n.md', `---\n${yaml}\n---\nbody`).aliases).toEqual(aliases);
  });

  it('a malformed front matter still loads the note, with a warning on the right line', () => {
    const source = '---\ntitle: Broken\ntags: [a, b\n---\n# Body\n\nSee [[Nix]] #tag\n';
    const note = parseNote('2025-01-05 Broken.md', source);
    expect(note.warnings).toEqual([expect.objectContaining({ code: 'frontmatter-yaml', line: 3 })]);
    expect(note.bodyLine).toBe(5);
    expect(note.headings).toEqual([{ level: 1, text: 'Body', line: 5 }]);
    expect(note.links.map((l) => [l.target, l.line])).toEqual([['Nix', 7]]);
    expect(note.tags).toContain('tag');
    expect(note.date).toBe('2025-01-05');
    expect(note.source).toBe(source);
  });

  it('an unclosed front matter block is read as body', () => {
    const note = parseNote('n.md', '---\ntitle: x\n[[Nix]]\n');
    expect(note.bodyOffset).toBe(0);
    expect(note.title).toBe('n');
    expect(note.links.map((l) => l.target)).toEqual(['Nix']);
    expect(note.warnings.map((w) => w.code)).toEqual(['frontmatter-unclosed']);
  });

  it('CRLF files parse like LF files, with exact offsets', () => {
    const lf = SAMPLE + '\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseNote('n.md', lf);
    const b = parseNote('n.md', crlf);
    expect(b.frontmatter).toEqual(a.frontmatter);
    expect(b.headings).toEqual(a.headings);
    expect(b.tagRefs).toEqual(a.tagRefs);
    expect(b.bodyLine).toBe(a.bodyLine);
    expect(b.links.map((l) => [l.raw, l.line, l.column, l.context])).toEqual(
      a.links.map((l) => [l.raw, l.line, l.column, l.context]),
    );
    for (const link of b.links) expect(crlf.slice(link.offset, link.offset + link.raw.length)).toBe(link.raw);
    const code = crlf.indexOf('```nix');
    const end = crlf.indexOf('```', code + 3) + 3;
    const i = b.nonProse.indexOf(code);
    expect(i).toBeGreaterThan(0);
    expect(b.nonProse[i + 1]).toBe(end);
  });

  it('strips a leading BOM defensively', () => {
    const note = parseNote('n.md', '\uFEFF---\ntitle: T\n---\n[[X]]');
    expect(note.source.startsWith('---')).toBe(true);
    expect(note.title).toBe('T');
    expect(note.links[0]).toMatchObject({ offset: 17, line: 4, column: 1 });
  });

  it('finds headings inside lists and quotes, ignores # lines in code', () => {
    const note = parseNote('n.md', '> ## Quoted\n\n- ### In list\n\n```\n# not a heading\n```\n\n    # indented code\n#nottag-heading\n');
    expect(note.headings).toEqual([
      { level: 2, text: 'Quoted', line: 1 },
      { level: 3, text: 'In list', line: 3 },
    ]);
  });

  it('ignores headings inside %% comments and joins multi-line setext headings', () => {
    const note = parseNote('n.md', '%%\n# Hidden\n%%\n\nFirst line\nsecond line\n===\n');
    expect(note.headings).toEqual([{ level: 1, text: 'First line second line', line: 5 }]);
  });

  it('handles an empty note', () => {
    expect(parseNote('Empty.md', '')).toMatchObject({
      title: 'Empty', date: null, links: [], headings: [], tags: [], nonProse: [], bodyOffset: 0, bodyLine: 1, warnings: [],
    });
  });

  it('finds every link and code span in a long note of quotes and lists', () => {
    // Quotes and lists take the raw locator's line-by-line path; nothing may be lost on the way.
    const block = '> quote `code` [[Nix]] #tag\n> more\n\n- item `x` [[Flakes]]\n  continued\n\n';
    const source = block.repeat(2000);
    const note = parseNote('big.md', source);
    expect(note.links).toHaveLength(4000);
    expect(note.nonProse.length / 2).toBeGreaterThanOrEqual(8000);
  });
});
