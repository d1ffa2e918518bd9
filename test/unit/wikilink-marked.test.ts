import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { stripObsidianComments, wikilinkExtension, type WikilinkRef } from '../../electron/core/wikilink-marked';

const seen: WikilinkRef[] = [];

function render(markdown: string): string {
  const marked = new Marked(
    wikilinkExtension({
      link(link) {
        seen.push(link);
        if (link.target === 'Missing') return null;
        const href = `#/note/${encodeURIComponent(link.target)}${link.heading ? `#${encodeURIComponent(link.heading)}` : ''}`;
        return { href, className: link.target === 'Ghost' ? 'wikilink unresolved' : 'wikilink' };
      },
      tag(tag) {
        if (tag === 'silent') return null;
        return { href: `#/tag/${encodeURIComponent(tag)}`, className: 'tag' };
      },
    }),
  );
  return (marked.parse(markdown) as string).trim();
}

describe('wikilinkExtension: links', () => {
  it.each([
    ['plain', '[[Nix]]', '<p><a href="#/note/Nix" class="wikilink" data-target="Nix">Nix</a></p>'],
    ['trailing space', '[[Nix ]]', '<p><a href="#/note/Nix" class="wikilink" data-target="Nix">Nix</a></p>'],
    ['alias', '[[Nix|the Nix]]', '<p><a href="#/note/Nix" class="wikilink" data-target="Nix">the Nix</a></p>'],
    [
      'heading',
      '[[Nix#Install it]]',
      '<p><a href="#/note/Nix#Install%20it" class="wikilink" data-target="Nix" data-heading="Install it">Nix &gt; Install it</a></p>',
    ],
    [
      'nested heading',
      '[[A#B#C]]',
      '<p><a href="#/note/A#B%23C" class="wikilink" data-target="A" data-heading="B#C">A &gt; B &gt; C</a></p>',
    ],
    ['block', '[[Nix#^abc]]', '<p><a href="#/note/Nix" class="wikilink" data-target="Nix" data-block="abc">Nix &gt; ^abc</a></p>'],
    ['same-note heading', '[[#Setup]]', '<p><a href="#/note/#Setup" class="wikilink" data-target="" data-heading="Setup">Setup</a></p>'],
    ['unresolved class', '[[Ghost]]', '<p><a href="#/note/Ghost" class="wikilink unresolved" data-target="Ghost">Ghost</a></p>'],
    ['hook returns null: literal text', 'x [[Missing]] y', '<p>x [[Missing]] y</p>'],
    [
      'escapes HTML everywhere',
      '[[a"<b>&|<i>x</i>]]',
      '<p><a href="#/note/a%22%3Cb%3E%26" class="wikilink" data-target="a&quot;&lt;b&gt;&amp;">&lt;i&gt;x&lt;/i&gt;</a></p>',
    ],
    [
      'image embed',
      '![[photo.png]]',
      '<p><img src="#/note/photo.png" alt="photo.png" class="wikilink" data-target="photo.png"></p>',
    ],
    [
      'image embed with width',
      '![[photo.JPG|300]]',
      '<p><img src="#/note/photo.JPG" alt="photo.JPG" class="wikilink" data-target="photo.JPG" width="300"></p>',
    ],
    [
      'image embed with size',
      '![[photo.png|300x200]]',
      '<p><img src="#/note/photo.png" alt="photo.png" class="wikilink" data-target="photo.png" width="300" height="200"></p>',
    ],
    [
      'image embed with alt',
      '![[photo.png|A cat]]',
      '<p><img src="#/note/photo.png" alt="A cat" class="wikilink" data-target="photo.png"></p>',
    ],
    [
      'note embed placeholder',
      '![[Nix]]',
      '<p><a href="#/note/Nix" class="embed wikilink" data-target="Nix" data-embed="note">Nix</a></p>',
    ],
    [
      'in a table with an escaped pipe',
      '| a | b |\n|---|---|\n| [[Nix\\|the Nix]] | c |',
      '<td><a href="#/note/Nix" class="wikilink" data-target="Nix">the Nix</a></td>',
    ],
    [
      'next to emphasis',
      '*see [[Nix]]*',
      '<p><em>see <a href="#/note/Nix" class="wikilink" data-target="Nix">Nix</a></em></p>',
    ],
  ])('%s', (_name, markdown, html) => {
    expect(render(markdown)).toContain(html);
  });

  it.each([
    ['escaped', '\\[\\[x]]', '<p>[[x]]</p>'],
    ['escaped first bracket', '\\[[x]]', '<p>[[x]]</p>'],
    ['inline code', '`[[Nix]]`', '<p><code>[[Nix]]</code></p>'],
    ['fenced code', '```\n[[Nix]] #tag\n```', '<pre><code>[[Nix]] #tag\n</code></pre>'],
    ['indented code', 'p\n\n    [[Nix]]', '<p>p</p>\n<pre><code>[[Nix]]\n</code></pre>'],
    ['empty', '[[]]', '<p>[[]]</p>'],
    ['inside a markdown link text', '[see [[Nix]]](https://x.org)', '<p><a href="https://x.org">see [[Nix]]</a></p>'],
  ])('not a link: %s', (_name, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it('hands the hook the parsed parts and the raw text', () => {
    seen.length = 0;
    render('![[Nix#Install|how]]');
    expect(seen).toEqual([{ target: 'Nix', heading: 'Install', alias: 'how', embed: true, raw: '![[Nix#Install|how]]' }]);
  });

  it('lets the hook choose the text', () => {
    const marked = new Marked(
      wikilinkExtension({ link: () => ({ href: '/x', className: 'c', text: 'Chosen <text>' }), tag: () => null }),
    );
    expect(marked.parse('[[Nix]]')).toBe('<p><a href="/x" class="c" data-target="Nix">Chosen &lt;text&gt;</a></p>\n');
  });

  it('leaves ordinary Markdown links alone', () => {
    expect(render('[x](Y.md) and [[Nix]]')).toBe(
      '<p><a href="Y.md">x</a> and <a href="#/note/Nix" class="wikilink" data-target="Nix">Nix</a></p>',
    );
  });
});

describe('wikilinkExtension: tags', () => {
  it.each([
    ['simple', 'about #nix', '<p>about <a href="#/tag/nix" class="tag" data-tag="nix">#nix</a></p>'],
    ['start', '#nix/flakes here', '<p><a href="#/tag/nix%2Fflakes" class="tag" data-tag="nix/flakes">#nix/flakes</a> here</p>'],
    ['punctuation before and after', '(#nix).', '<p>(<a href="#/tag/nix" class="tag" data-tag="nix">#nix</a>).</p>'],
    ['unicode', '#café', '<p><a href="#/tag/caf%C3%A9" class="tag" data-tag="café">#café</a></p>'],
    ['in emphasis', '*#nix*', '<p><em><a href="#/tag/nix" class="tag" data-tag="nix">#nix</a></em></p>'],
    ['hook returns null', 'a #silent b', '<p>a #silent b</p>'],
  ])('%s', (_name, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it.each([
    ['all digits', 'issue #123', '<p>issue #123</p>'],
    ['glued to a word', 'C#sharp', '<p>C#sharp</p>'],
    ['heading', '# Title', '<h1>Title</h1>'],
    ['inline code', '`#nix`', '<p><code>#nix</code></p>'],
    ['escaped', '\\#nix', '<p>#nix</p>'],
    ['URL fragment', 'https://x.org/#frag', '<p><a href="https://x.org/#frag">https://x.org/#frag</a></p>'],
    ['markdown link fragment', '[x](#frag)', '<p><a href="#frag">x</a></p>'],
    ['inside link text', '[#nix](Y.md)', '<p><a href="Y.md">#nix</a></p>'],
    ['entity', '&#169;', '<p>&#169;</p>'],
  ])('not a tag: %s', (_name, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });
});

describe('%% comments', () => {
  it.each([
    ['inline', 'a %%hidden [[Nix]]%% b', '<p>a  b</p>'],
    ['multi-line', 'a\n\n%%\nhidden\n\n[[Nix]]\n%%\n\nb', '<p>a</p>\n<p>b</p>'],
    ['unclosed runs to the end', 'a\n\n%% hidden\n\nmore', '<p>a</p>'],
    ['kept inside code', '`%%x%%`', '<p><code>%%x%%</code></p>'],
    ['kept inside a fence', '```\n%%\nx\n%%\n```', '<pre><code>%%\nx\n%%\n</code></pre>'],
  ])('%s', (_name, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it('stripObsidianComments removes exactly the comments, CRLF included', () => {
    expect(stripObsidianComments('a %%x%% b\r\n`%%y%%`\r\n%%\r\nz\r\n%%\r\nc')).toBe('a  b\r\n`%%y%%`\r\n\r\nc');
    expect(stripObsidianComments('no comments')).toBe('no comments');
  });
});
