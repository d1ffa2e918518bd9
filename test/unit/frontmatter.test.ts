import { describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../electron/core/frontmatter';

describe('readFrontmatter: well-formed blocks', () => {
  it.each([
    // [name, source, data, body]
    ['plain', '---\ntitle: Nix\ntags: [a, b]\n---\nBody\n', { title: 'Nix', tags: ['a', 'b'] }, 'Body\n'],
    ['CRLF', '---\r\ntitle: Nix\r\ndate: 2025-01-02\r\n---\r\nBody\r\n', { title: 'Nix', date: '2025-01-02' }, 'Body\r\n'],
    ['closed by ...', '---\ntitle: Nix\n...\nBody', { title: 'Nix' }, 'Body'],
    ['fence with trailing spaces', '---  \ntitle: Nix\n---  \nBody', { title: 'Nix' }, 'Body'],
    ['empty block', '---\n---\nBody', {}, 'Body'],
    ['only comments', '---\n# nothing\n---\nBody', {}, 'Body'],
    ['ends at the fence', '---\ntitle: Nix\n---', { title: 'Nix' }, ''],
    ['dates stay strings (core schema)', '---\ndate: 2025-01-02\nupdated: 2025-01-02T10:00:00Z\n---\n', { date: '2025-01-02', updated: '2025-01-02T10:00:00Z' }, ''],
    ['a later --- in the body is not front matter', '---\na: 1\n---\ntext\n---\nmore', { a: 1 }, 'text\n---\nmore'],
  ])('%s', (_name, source, data, body) => {
    const fm = readFrontmatter(source);
    expect(fm.warnings).toEqual([]);
    expect(fm.data).toEqual(data);
    expect(source.slice(fm.bodyOffset)).toBe(body);
  });

  it.each([
    // [source, bodyLine]
    ['---\ntitle: Nix\n---\nBody', 4],
    ['---\r\na: 1\r\nb: 2\r\n---\r\nBody', 5],
    ['No front matter', 1],
    ['', 1],
  ])('bodyLine of %j is %i', (source, bodyLine) => {
    expect(readFrontmatter(source).bodyLine).toBe(bodyLine);
  });

  it.each([
    ['text first\n---\na: 1\n---\n'],
    [' ---\na: 1\n---\n'],
    ['----\na: 1\n----\n'],
    ['--- title\na: 1\n---\n'],
  ])('%j has no front matter', (source) => {
    const fm = readFrontmatter(source);
    expect(fm).toMatchObject({ data: {}, bodyOffset: 0, bodyLine: 1, warnings: [] });
  });
});

describe('readFrontmatter: malformed blocks still load, with a warning naming the file line', () => {
  it.each([
    // [name, source, file line, words in the message, data that could still be read]
    ['unclosed flow list', '---\ntitle: Nix\ntags: [a, b\n---\nBody', 3, 'Flow sequence', { title: 'Nix' }],
    ['duplicate key', '---\ntitle: A\ntitle: B\n---\n', 3, 'unique', {}],
    ['tab indentation', '---\ntitle: x\n\tbad: tab\n---\n', 3, 'Tabs', {}],
    ['unterminated quote', '---\na: 1\nb: 2\nkey: "oops\n---\n', 4, 'quote', { a: 1, b: 2 }],
    ['CRLF error line', '---\r\na: 1\r\nb: [\r\n---\r\nBody', 3, 'Flow sequence', { a: 1 }],
    ['compact nested map', '---\na: b: c\n---\n', 2, 'Nested mappings', {}],
  ])('%s', (_name, source, line, words, readable) => {
    const fm = readFrontmatter(source);
    expect(fm.warnings.length).toBeGreaterThan(0);
    const [first] = fm.warnings;
    expect(first.code).toBe('frontmatter-yaml');
    expect(first.line).toBe(line);
    expect(first.message).toContain(`line ${line}`);
    expect(first.message).toContain(words);
    expect(fm.data).toMatchObject(readable);
    // The body still starts after the closing fence.
    expect(source.slice(0, fm.bodyOffset)).toMatch(/---\r?\n?$/);
  });

  it.each([
    ['a list', '---\n- a\n- b\n---\nBody', 'a list'],
    ['a string', '---\njust text\n---\nBody', 'a string'],
    ['a number', '---\n42\n---\nBody', 'a number'],
  ])('front matter that is %s is ignored with a warning', (_name, source, kind) => {
    const fm = readFrontmatter(source);
    expect(fm.data).toEqual({});
    expect(fm.warnings).toHaveLength(1);
    expect(fm.warnings[0]).toMatchObject({ code: 'frontmatter-yaml', line: 2 });
    expect(fm.warnings[0].message).toContain(kind);
    expect(source.slice(fm.bodyOffset)).toBe('Body');
  });

  it('an unclosed block is body text, with a warning on line 1', () => {
    const source = '---\ntitle: Nix\n\n# Heading\nno closing fence\n';
    const fm = readFrontmatter(source);
    expect(fm).toMatchObject({ data: {}, bodyOffset: 0, bodyLine: 1 });
    expect(fm.warnings).toEqual([expect.objectContaining({ code: 'frontmatter-unclosed', line: 1 })]);
    expect(fm.warnings[0].message).toContain('never closed');
  });
});
