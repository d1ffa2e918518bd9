import { describe, expect, it } from 'vitest';
import { parseNote } from '../../electron/core/note';
import { extractInlineTags, frontmatterTags, isValidTag } from '../../electron/core/tags';
import { lineStartsOf } from '../../electron/core/text-position';

/** Inline tags as the note parser finds them (outside code, comments and links). */
function inlineTags(body: string): string[] {
  return parseNote('n.md', body).tagRefs.map((ref) => ref.tag);
}

describe('inline tags', () => {
  it.each<[string, string, string[]]>([
    ['simple', 'about #nix today', ['nix']],
    ['start of text', '#nix', ['nix']],
    ['start of a line', 'a\n#nix', ['nix']],
    ['nested', 'see #nix/flakes', ['nix/flakes']],
    ['deeply nested', '#a/b/c', ['a/b/c']],
    ['dash and underscore', '#tag-with_dash', ['tag-with_dash']],
    ['unicode letters', '#café #日本語 #русский', ['café', '日本語', 'русский']],
    ['digits with a letter', '#y1984 #2025-review', ['y1984', '2025-review']],
    ['stops at punctuation', '(#nix), #flakes. #lock!', ['nix', 'flakes', 'lock']],
    ['trailing slash dropped', '#nix/ x', ['nix']],
    ['after punctuation', 'x,#nix', ['nix']],
    ['in emphasis', '*#nix* **#flakes**', ['nix', 'flakes']],
    ['in a heading text', '## Setup #nix', ['nix']],
    ['tag-like heading without space', '#Heading', ['Heading']],
    ['in a list', '- item #todo', ['todo']],
    ['in a quote', '> quoted #idea', ['idea']],
    ['every occurrence kept', '#a #b #a', ['a', 'b', 'a']],
  ])('%s', (_name, body, tags) => {
    expect(inlineTags(body)).toEqual(tags);
  });

  it.each<[string, string]>([
    ['all digits', 'issue #123'],
    ['digits and slashes', '#2025/01'],
    ['ATX heading', '# Heading\n## Second\n###### Six'],
    ['glued to a word', 'C#sharp abc#def'],
    ['HTML entity', '&#x1F600; &#169;'],
    ['escaped', '\\#nottag'],
    ['URL fragment', 'http://x/#frag and https://example.com/page#section'],
    ['URL with a slash before #', 'see https://a.org/#/route'],
    ['inline code', '`#nix`'],
    ['fenced code', '```\n#nix\n```'],
    ['indented code', 'p\n\n    #nix'],
    ['HTML comment', '<!-- #nix -->'],
    ['%% comment', '%% #nix %%'],
    ['multi-line %% comment', '%%\n#nix\n%%'],
    ['wikilink heading', '[[Note#Heading]]'],
    ['markdown link fragment', '[x](#heading) [y](Note.md#part)'],
    ['markdown link text', '[#nix](Nix.md)'],
    ['front matter body', '---\ntitle: "#nix"\n---\n'],
    ['lone hash', '# \n#'],
    ['double hash', '##nix'],
  ])('not a tag: %s', (_name, body) => {
    expect(inlineTags(body)).toEqual([]);
  });

  it('gives 1-based lines, CRLF included', () => {
    const source = 'first #a\r\nsecond\r\n\r\nthird #b #c';
    expect(extractInlineTags(source, lineStartsOf(source), [])).toEqual([
      { tag: 'a', line: 1 },
      { tag: 'b', line: 4 },
      { tag: 'c', line: 4 },
    ]);
  });
});

describe('frontmatterTags', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ tags: ['nix', 'flakes'] }, ['nix', 'flakes']],
    [{ tags: ['#nix', '#nix/flakes'] }, ['nix', 'nix/flakes']],
    [{ tags: 'nix, flakes' }, ['nix', 'flakes']],
    [{ tags: 'nix flakes' }, ['nix', 'flakes']],
    [{ tags: '#nix #flakes' }, ['nix', 'flakes']],
    [{ tag: 'blog' }, ['blog']],
    [{ tags: ['a'], tag: 'b' }, ['a', 'b']],
    [{ tags: ['123', 'ok', '', null, { x: 1 }] }, ['ok']],
    [{ tags: 2025 }, []],
    [{ tags: null }, []],
    [{}, []],
  ])('%j', (data, tags) => {
    expect(frontmatterTags(data)).toEqual(tags);
  });
});

describe('note tags', () => {
  it('front matter tags come first, unique case-insensitively, first spelling kept', () => {
    const note = parseNote('n.md', '---\ntags: [Nix, blog]\n---\nText #nix #Flakes #flakes #new\n');
    expect(note.tags).toEqual(['Nix', 'blog', 'Flakes', 'new']);
    expect(note.tagRefs).toEqual([
      { tag: 'Nix', line: 0 },
      { tag: 'blog', line: 0 },
      { tag: 'nix', line: 4 },
      { tag: 'Flakes', line: 4 },
      { tag: 'flakes', line: 4 },
      { tag: 'new', line: 4 },
    ]);
  });
});

describe('isValidTag', () => {
  it.each([
    ['nix', true],
    ['a1', true],
    ['1a', true],
    ['123', false],
    ['12/34', false],
    ['/nix', false],
    ['', false],
  ])('%j -> %s', (tag, ok) => {
    expect(isValidTag(tag)).toBe(ok);
  });
});
