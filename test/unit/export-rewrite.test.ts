import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/core/api';
import { isSafeBundlePath, planExport, protectHugoShortcodes, protectLiquid } from '../../electron/core/export/plan';
import type { ExportOptions, Preset } from '../../electron/core/export/types';
import { bodyOf, notebookOf, pageOf, plan } from './export-fixtures';

const TARGET = `---
date: 2025-01-02
tags: [blog]
---
Intro of the target.

## Rolling back

Text.

## Héllo *World* \`code\`

## Notes

## Notes
`;
const OTHER = '---\ntags: [misc]\n---\nOther body text.\n\n## Part\n\nPart text ^blk1\n\nAfter the block.\n';
const SECRET = '---\ntags: [private]\n---\nSecret body.\n';
const ATTACHMENTS = ['img/pic.png', 'doc.pdf', 'unused.png'];

function sourceNote(body: string): string {
  return `---\ndate: 2025-01-03\ntags: [blog]\n---\n## Local heading\n\n${body}\n`;
}

function planWith(body: string, options: Partial<ExportOptions> & { preset: Preset }, extra: Record<string, string> = {}) {
  return plan(
    { 'Source.md': sourceNote(body), 'Target.md': TARGET, 'Other.md': OTHER, 'Secret.md': SECRET, ...extra },
    { tags: ['blog'], ...options },
    ATTACHMENTS,
  );
}

// Per preset: the href of the Target page, of img/pic.png, of doc.pdf.
const HREFS: Record<Preset, { T: string; P: string; D: string }> = {
  hugo: { T: '../target/', P: 'pic.png', D: 'doc.pdf' },
  jekyll: { T: '{% link _posts/2025-01-02-target.md %}', P: '{% link assets/pic.png %}', D: '{% link assets/doc.pdf %}' },
  astro: { T: '../target/', P: './assets/pic.png', D: '/attachments/doc.pdf' },
  plain: { T: 'target.md', P: 'assets/pic.png', D: 'assets/doc.pdf' },
};

// Written in Source.md -> what its page holds (T, P, D replaced per preset).
const LINK_TABLE: Array<[string, string]> = [
  ['[[Target]]', '[Target](T)'],
  ['[[target.md|the target]]', '[the target](T)'],
  ['[[Target#Rolling back]]', '[Target > Rolling back](T#rolling-back)'],
  ['[[Target#rolling BACK|back]]', '[back](T#rolling-back)'],
  ['[[Target#Héllo World code]]', '[Target > Héllo World code](T#héllo-world-code)'],
  ['[[Target#Notes]]', '[Target > Notes](T#notes)'],
  ['[text](Target.md)', '[text](T)'],
  ['[text](Target.md#rolling-back)', '[text](T#rolling-back)'],
  ['[[#Local heading]]', '[Local heading](#local-heading)'],
  ['[[Other]]', 'Other'],
  ['[[Other#Part|alias]]', 'alias'],
  ['[[Secret|x]]', 'x'],
  ['[[Nowhere]]', 'Nowhere'],
  ['[[Target]] in `code` and [[Other]]', '[Target](T) in `code` and Other'],
  ['![[pic.png]]', '![](P)'],
  ['![[pic.png|300]]', '![](P)'],
  ['![[img/pic.png|A pic]]', '![A pic](P)'],
  ['![alt text](img/pic.png)', '![alt text](P)'],
  ['[[doc.pdf]]', '[doc.pdf](D)'],
  ['![[doc.pdf]]', '[doc.pdf](D)'],
  ['[the manual](doc.pdf)', '[the manual](D)'],
  ['![[missing.png]]', ''],
  ['[[missing.pdf|the file]]', 'the file'],
  ['a %%hidden [[Target]]%% b', 'a  b'],
  ['%%\nmulti-line\ncomment\n%%\nafter', 'after'],
  ['`[[Target]] %%x%%` stays', '`[[Target]] %%x%%` stays'],
  ['```\n[[Target]] %%x%% ![[pic.png]]\n```', '```\n[[Target]] %%x%% ![[pic.png]]\n```'],
  ['    [[Target]] indented code', '    [[Target]] indented code'],
  ['A line with a block id ^block-1', 'A line with a block id'],
  ['\\[[not a link]]', '\\[[not a link]]'],
  ['[link with [brackets]](Target.md)', '[link with \\[brackets\\]](T)'],
];

describe('link rewrites per preset', () => {
  for (const preset of ['hugo', 'jekyll', 'astro', 'plain'] as const) {
    it.each(LINK_TABLE)(`${preset}: %j`, (written, expected) => {
      const h = HREFS[preset];
      const want = expected.replace(/\((T|P|D)(#[^)]*)?\)/g, (_m, key: 'T' | 'P' | 'D', anchor = '') => `(${h[key]}${anchor})`);
      const result = planWith(written, { preset });
      expect(bodyOf(result, 'Source.md')).toBe(`## Local heading\n\n${want}`.trimEnd());
    });
  }

  it('a link to a heading that is not there points at the page and warns', () => {
    const result = planWith('[[Target#Nope]]', { preset: 'hugo' });
    expect(bodyOf(result, 'Source.md')).toContain('[Target > Nope](../target/)');
    expect(result.report.warnings).toEqual(['Source.md: no heading "Nope" in target; the link points at the page']);
  });

  it('reports rewritten, dropped and missing links', () => {
    const result = planWith('[[Target]] [[Other]] [[Secret|x]] [[Nowhere]] ![[missing.png]] ![[pic.png]]', { preset: 'plain' });
    expect(result.report.rewritten.map((r) => [r.raw, r.to])).toEqual([
      ['[[Target]]', '[Target](target.md)'],
      ['![[pic.png]]', '![](assets/pic.png)'],
    ]);
    expect(result.report.linksRewritten).toBe(2);
    expect(result.report.linksDropped.map((d) => [d.raw, d.reason])).toEqual([
      ['[[Other]]', 'not-exported'],
      ['[[Secret|x]]', 'never-exported'],
      ['[[Nowhere]]', 'unresolved'],
      ['![[missing.png]]', 'missing-attachment'],
    ]);
    expect(result.report.attachmentsMissing).toEqual([{ source: 'Source.md', target: 'missing.png' }]);
    expect(result.report.attachments).toEqual([{ source: 'img/pic.png', output: 'assets/pic.png' }]);
  });

  it('copies only referenced files, once per destination', () => {
    const result = planWith('![[pic.png]] ![x](img/pic.png) [[doc.pdf]]', { preset: 'plain' });
    expect(result.files.filter((f) => f.kind === 'attachment')).toEqual([
      { kind: 'attachment', path: 'assets/doc.pdf', source: 'doc.pdf' },
      { kind: 'attachment', path: 'assets/pic.png', source: 'img/pic.png' },
    ]);
  });

  it('hugo puts each page’s images beside it, in its leaf bundle', () => {
    const result = plan(
      { 'a.md': '---\ntags: [blog]\n---\n![[pic.png]]\n', 'b.md': '---\ntags: [blog]\n---\n![[pic.png]]\n' },
      { preset: 'hugo', tags: ['blog'] },
      ATTACHMENTS,
    );
    expect(result.files.map((f) => f.path)).toEqual(['a/index.md', 'a/pic.png', 'b/index.md', 'b/pic.png']);
  });
});

describe('links to notes that are not exported', () => {
  it('keep leaves them as written, except links to notes that may never be exported', () => {
    const result = planWith('[[Other]] [[Other#Part|p]] [[Secret|x]] [[Nowhere]]', { preset: 'plain', unexportedLinks: 'keep' });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading\n\n[[Other]] [[Other#Part|p]] x Nowhere');
    expect(result.report.linksDropped.map((d) => d.reason)).toEqual(['kept-as-written', 'kept-as-written', 'never-exported', 'unresolved']);
  });

  it('fail stops the export with an error naming the note and the link', () => {
    expect(() => planWith('Fine: [[Target]] [[Nowhere]].\n\nBad: [[Other|see other]]', { preset: 'hugo', unexportedLinks: 'fail' })).toThrowError(
      new ApiError(
        'bad-argument',
        'Source.md, line 9: the link [[Other|see other]] points to a note that is not exported; export it too, or use --links text or keep',
      ),
    );
    expect(() => planWith('[[Target]] [[Nowhere]]', { preset: 'hugo', unexportedLinks: 'fail' })).not.toThrow();
  });

  it('rejects an unknown mode or preset by name', () => {
    expect(() => planWith('x', { preset: 'wordpress' as Preset })).toThrow(/--preset "wordpress" is not one of hugo, jekyll, astro, plain/);
    expect(() => planWith('x', { preset: 'hugo', unexportedLinks: 'drop' as 'text' })).toThrow(/--links "drop" is not one of text, keep, fail/);
  });
});

describe('embeds', () => {
  it('inlines a note without its front matter, rewriting its links for the host page', () => {
    const result = planWith('Before.\n\n![[Embedded]]\n\nAfter.', { preset: 'hugo' }, {
      'Embedded.md': '---\ntitle: Do not show\nsecret_field: nope\n---\nEmbedded text with [[Target#Rolling back|a link]] and ![[pic.png]].\n',
    });
    expect(bodyOf(result, 'Source.md')).toBe(
      '## Local heading\n\nBefore.\n\nEmbedded text with [a link](../target/#rolling-back) and ![](pic.png).\n\nAfter.',
    );
    expect(pageOf(result, 'Source.md')).not.toContain('secret_field');
    expect(result.files.map((f) => f.path)).toContain('source/pic.png');
  });

  it('inlines one heading’s section, or one block', () => {
    const section = planWith('![[Target#Rolling back]]', { preset: 'plain' });
    expect(bodyOf(section, 'Source.md')).toBe('## Local heading\n\n## Rolling back\n\nText.');
    const block = planWith('![[Other#^blk1]]', { preset: 'plain' });
    expect(bodyOf(block, 'Source.md')).toBe('## Local heading\n\nPart text');
  });

  it('a heading inside a comment is no section to embed: nothing of the comment shows', () => {
    const result = planWith('![[Commented#Hidden heading]]', { preset: 'plain' }, {
      'Commented.md': 'Visible.\n\n%%\n## Hidden heading\n\nhidden words\n%%\nshown after\n\n## Next\n',
    });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading');
    expect(result.report.warnings).toEqual([
      'Source.md: ![[Commented#Hidden heading]]: the heading "Hidden heading" is not in the embedded note; nothing is inlined',
    ]);
  });

  it('never inlines a private note, and leaves no trace of it', () => {
    const result = planWith('A ![[Secret]] B', { preset: 'plain' });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading\n\nA  B');
    expect(result.report.linksDropped).toEqual([{ source: 'Source.md', raw: '![[Secret]]', reason: 'never-exported' }]);
  });

  it('stops loops: a note already being embedded becomes a link or text', () => {
    const result = plan(
      {
        'A.md': '---\ntags: [blog]\n---\nA starts. ![[B]] A ends.\n',
        'B.md': 'B starts.\n\n![[C]]\n\nB ends.\n',
        'C.md': 'C starts. ![[B]] ![[A]] ![[C]]\n',
      },
      { preset: 'plain', tags: ['blog'] },
    );
    expect(bodyOf(result, 'A.md')).toBe('A starts. \n\nB starts.\n\nC starts. B A C\n\nB ends.\n\n A ends.');
    expect(result.report.linksDropped.filter((d) => d.reason === 'embed-loop').map((d) => d.raw)).toEqual(['![[B]]', '![[A]]', '![[C]]']);
  });

  it('a loop back to an exported note links to its page', () => {
    const result = plan(
      {
        'A.md': '---\ntags: [blog]\n---\n![[B]]\n',
        'B.md': '---\ntags: [blog]\n---\nB text\n\n![[C]]\n',
        'C.md': 'C text ![[B]]\n',
      },
      { preset: 'plain', tags: ['blog'] },
    );
    expect(bodyOf(result, 'A.md')).toBe('B text\n\nC text [B](b.md)');
    // On B's own page the loop comes back to the page itself: plain text.
    expect(bodyOf(result, 'B.md')).toBe('B text\n\nC text B');
  });

  it('keeps quote markers and list indentation on every inlined line', () => {
    const result = planWith('> Quote:\n> ![[Multi]]\n\n- item\n- ![[Multi]]', { preset: 'plain' }, { 'Multi.md': 'one\n\ntwo\n' });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading\n\n> Quote:\n> one\n> \n> two\n\n- item\n- one\n  \n  two');
  });

  it('an embed inside a paragraph becomes blocks of its own', () => {
    const result = planWith('Text ![[Multi]] more', { preset: 'plain' }, { 'Multi.md': 'one\n' });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading\n\nText \n\none\n\n more');
  });
});

describe('attachment paths that try to leave the notebook or the bundle', () => {
  const notes = {
    'top.md':
      '---\ntags: [blog]\n---\n![[../../etc/passwd]] ![x](../../secret.png) ![[/etc/passwd]] [y](../outside.pdf) ![[..\\..\\win.png]] ![z](%2e%2e/%2e%2e/enc.png)\n',
    'a/b/deep.md': '---\ntags: [blog]\n---\n![ok](../../secret.png) ![[../../secret.png]]\n',
  };
  for (const preset of ['hugo', 'jekyll', 'astro', 'plain'] as const) {
    it(preset, () => {
      const result = plan(notes, { preset, tags: ['blog'] }, ['secret.png', 'etc/passwd']);
      for (const file of result.files) expect(isSafeBundlePath(file.path), file.path).toBe(true);
      const copied = result.files.filter((f) => f.kind === 'attachment').map((f) => f.source);
      // Only the file inside the notebook, reached legitimately from a/b/, is copied.
      expect(new Set(copied)).toEqual(new Set(['secret.png']));
      const top = pageOf(result, 'top.md');
      expect(top).not.toMatch(/\.\.\/\.\.|passwd|win\.png|enc\.png/);
      // Every link of top.md is dropped (unresolved or missing); deep.md's two are rewritten.
      expect(result.report.linksDropped.filter((d) => d.source === 'top.md')).toHaveLength(6);
      expect(result.report.rewritten.map((r) => r.source)).toEqual(['a/b/deep.md', 'a/b/deep.md']);
      expect(result.report.attachmentsMissing).toEqual([
        { source: 'top.md', target: '../../secret.png' },
        { source: 'top.md', target: '../../enc.png' },
      ]);
    });
  }
});

describe('front matter', () => {
  const note = `---
series: Nix
title: My Post
aliases: [Other name]
publish: true
draft: false
private: false
answer: "yes"
date: 2025-02-10
tags: [blog, nix/flakes]
---
First paragraph of the post, with a [[Target|link]] and **bold** text, long enough to need cutting because it goes on and on well past the limit of one hundred and sixty characters for a description.

Second paragraph.
`;
  it.each<[Preset, string]>([
    [
      'hugo',
      'title: My Post\ndate: 2025-02-10\nslug: my-post\ntags:\n  - blog\n  - nix/flakes\nnote_aliases:\n  - Other name\ndescription: First paragraph of the post, with a link and bold text, long enough to need cutting because it goes on and on well past the limit of one hundred and sixty…\nseries: Nix\nanswer: "yes"\n',
    ],
    [
      'astro',
      'title: My Post\ndate: 2025-02-10\npubDate: 2025-02-10\nslug: my-post\ntags:\n  - blog\n  - nix/flakes\naliases:\n  - Other name\ndescription: First paragraph of the post, with a link and bold text, long enough to need cutting because it goes on and on well past the limit of one hundred and sixty…\nseries: Nix\nanswer: "yes"\n',
    ],
  ])('%s: fixed fields first, then the note’s own, minus publish/draft/private', (preset, yaml) => {
    const result = plan({ 'post.md': note, 'Target.md': TARGET }, { preset, notes: ['post'] });
    expect(pageOf(result, 'post.md').startsWith(`---\n${yaml}---\n\n`)).toBe(true);
  });

  it('keeps the note’s own description and slug', () => {
    const result = plan({ 'p.md': '---\ntitle: T\ndescription: Mine.\nslug: Custom Slug\n---\nBody.\n' }, { preset: 'plain', notes: ['p'] });
    expect(pageOf(result, 'p.md')).toBe('---\ntitle: T\nslug: custom-slug\ndescription: Mine.\n---\n\nBody.\n');
    expect(result.files.map((f) => f.path)).toEqual(['custom-slug.md']);
  });
});

describe('engine specifics', () => {
  it('jekyll: an undated note becomes a page under notes/, with a warning', () => {
    const result = plan({ 'Undated.md': '---\ntags: [blog]\n---\nx [[Dated]]\n', 'Dated.md': '---\ndate: 2025-01-02\ntags: [blog]\n---\ny [[Undated]]\n' }, { preset: 'jekyll', tags: ['blog'] });
    expect(result.files.map((f) => f.path)).toEqual(['_posts/2025-01-02-dated.md', 'notes/undated.md']);
    expect(bodyOf(result, 'Dated.md')).toBe('y [Undated]({% link notes/undated.md %})');
    expect(result.report.warnings).toEqual(['Undated.md has no date, so it cannot be a Jekyll post; it is exported as the page notes/undated.md']);
  });

  it('CRLF notes come out with LF line ends, their links and comments rewritten at the right places', () => {
    const result = plan(
      {
        'crlf.md': '---\r\ntags: [blog]\r\n---\r\n## Head\r\n\r\n%%gone%%\r\nSee [[Target#Rolling back]] ^b1\r\n\r\n![[Other#Part]]\r\n',
        'Target.md': TARGET,
        'Other.md': OTHER.replace(/\n/g, '\r\n'),
      },
      { preset: 'plain', tags: ['blog'] },
    );
    expect(bodyOf(result, 'crlf.md')).toBe('## Head\n\nSee [Target > Rolling back](target.md#rolling-back)\n\n## Part\n\nPart text\n\nAfter the block.');
  });

  it('the description skips paragraphs without words, such as a lone image', () => {
    const result = plan({ 'p.md': '---\ntags: [blog]\n---\n# Title\n\n![[pic.png]]\n\nThe *real* first words.\n' }, { preset: 'plain', tags: ['blog'] }, ATTACHMENTS);
    expect(pageOf(result, 'p.md')).toContain('\ndescription: The real first words.\n');
  });
});

describe('engine syntax in note text', () => {
  it('jekyll: Liquid-looking text is wrapped in raw, so it shows as written', () => {
    const result = planWith('```\n{{ site.title }} {% if x %}\n```\nplain {{ y }} and [[Target]]', { preset: 'jekyll' });
    expect(bodyOf(result, 'Source.md')).toBe(
      '{% raw %}## Local heading\n\n```\n{{ site.title }} {% if x %}\n```\nplain {{ y }} and {% endraw %}[Target]({% link _posts/2025-01-02-target.md %})',
    );
    expect(protectLiquid('a {% endraw %} b')).toBe('{% raw %}a {% endraw %}{{ "{% endraw %}" }}{% raw %} b{% endraw %}');
    expect(protectLiquid('no liquid {here}')).toBe('no liquid {here}');
  });

  it('hugo: shortcode-looking text is commented out, so Hugo shows it as written', () => {
    expect(protectHugoShortcodes('```\n{{< youtube id >}} {{% note %}}x{{% /note %}}\n```')).toBe(
      '```\n{{</* youtube id */>}} {{%/* note */%}}x{{%/* /note */%}}\n```',
    );
    expect(protectHugoShortcodes('{{</* already */>}}')).toBe('{{</* already */>}}');
    const result = planWith('`{{< ref "x" >}}`', { preset: 'hugo' });
    expect(bodyOf(result, 'Source.md')).toBe('## Local heading\n\n`{{</* ref "x" */>}}`');
  });
});

describe('determinism', () => {
  it('the same notes in any order give the same plan', () => {
    const notes: Record<string, string> = {
      'Source.md': sourceNote('[[Target]] ![[pic.png]] [[Other]]'),
      'Target.md': TARGET,
      'Other.md': OTHER,
      'Same Title.md': '---\ntitle: Target\ntags: [blog]\n---\nClash.\n',
    };
    const reversed = Object.fromEntries(Object.entries(notes).reverse());
    for (const preset of ['hugo', 'jekyll', 'astro', 'plain'] as const) {
      const a = planExport(notebookOf(notes, ATTACHMENTS), { preset, tags: ['blog'] });
      const b = planExport(notebookOf(reversed, [...ATTACHMENTS].reverse()), { preset, tags: ['blog'] });
      expect(b).toEqual(a);
      expect(a.report.notes.map((n) => n.slug)).toEqual(['target', 'source', 'target-2']);
    }
  });
});
