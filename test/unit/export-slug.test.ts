import { describe, expect, it } from 'vitest';
import { nameAttachments } from '../../electron/core/export/attachment-names';
import { isSafeBundlePath } from '../../electron/core/export/plan';
import { assignSlugs, shortHash, SlugAllocator, slugify } from '../../electron/core/export/slug';

describe('slugify', () => {
  it.each([
    ['Generations and rollbacks on NixOS, explained', 'generations-and-rollbacks-on-nixos-explained'],
    ['A Jellyfin media server behind nginx on NixOS', 'a-jellyfin-media-server-behind-nginx-on-nixos'],
    ['Ĺódź café crème brûlée', 'lodz-cafe-creme-brulee'],
    ['Straße Øresund Æther', 'strasse-oresund-aether'],
    ['  --Hello,   World--  ', 'hello-world'],
    ['C++ & Rust: 2025!', 'c-rust-2025'],
    ['ﬁle ①', 'file-1'],
    ['日本語', '日本語'],
    ['../../etc/passwd', 'etc-passwd'],
    ['.hidden', 'hidden'],
    ['CON', 'con-note'],
    ['?!', ''],
    ['', ''],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles at a dash, at most 80 characters', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^word(-word)+$/);
  });

  it('never yields a path separator or a dot segment', () => {
    for (const title of ['a/b', 'a\\b', '..', '.', 'x/../y', 'a\u0000b']) {
      const slug = slugify(title);
      expect(slug === '' || isSafeBundlePath(slug)).toBe(true);
      expect(slug).not.toMatch(/[\\/.]/);
    }
  });
});

describe('SlugAllocator and assignSlugs', () => {
  it('numbers repeats -2, -3 in claim order', () => {
    const allocator = new SlugAllocator();
    expect(['x', 'x', 'x', 'x-2', ''].map((s) => allocator.claim(s))).toEqual(['x', 'x-2', 'x-3', 'x-2-2', 'note']);
  });

  const notes = [
    { id: 'b/NixOS.md', title: 'NixOS', frontmatter: {} },
    { id: 'a/NixOS.md', title: 'NixOS', frontmatter: {} },
    { id: 'c.md', title: 'Anything', frontmatter: { slug: 'nixos' } },
    { id: 'd.md', title: 'Escape', frontmatter: { slug: '../../Evil Path' } },
    { id: 'e.md', title: '?!', frontmatter: {} },
  ];

  it('serves front matter slugs first, then titles in id order, whatever the input order', () => {
    const expected = new Map([
      ['a/NixOS.md', 'nixos-2'],
      ['b/NixOS.md', 'nixos-3'],
      ['c.md', 'nixos'],
      ['d.md', 'evil-path'],
      ['e.md', 'e'],
    ]);
    expect(assignSlugs(notes)).toEqual(expected);
    expect(assignSlugs([...notes].reverse())).toEqual(expected);
  });
});

describe('nameAttachments', () => {
  it('keeps readable names and adds a path fingerprint only where two files collide', () => {
    const names = nameAttachments(['attachments/Pasted Image 1.PNG', 'a/img.png', 'b/img.png', 'x/unique.jpg', 'x/unique.jpg']);
    expect(names.get('attachments/Pasted Image 1.PNG')).toBe('pasted-image-1.png');
    expect(names.get('x/unique.jpg')).toBe('unique.jpg');
    expect(names.get('a/img.png')).toBe(`img-${shortHash('a/img.png')}.png`);
    expect(names.get('b/img.png')).toBe(`img-${shortHash('b/img.png')}.png`);
    expect(new Set(names.values()).size).toBe(names.size);
  });

  it('gives the same names in any order, and only safe single segments', () => {
    const paths = ['z/Ünïcode Ñame (1).PNG', 'q/.png', 'r/...', 'deep/a/b/c.tar.gz', 'n/no-extension'];
    const forward = nameAttachments(paths);
    expect(nameAttachments([...paths].reverse())).toEqual(forward);
    expect(forward.get('z/Ünïcode Ñame (1).PNG')).toBe('unicode-name-1.png');
    for (const name of forward.values()) {
      expect(isSafeBundlePath(name)).toBe(true);
      expect(name).not.toContain('/');
      expect(name.startsWith('.')).toBe(false);
    }
  });

  it('shortHash is stable FNV-1a hex', () => {
    expect(shortHash('')).toBe('811c9dc5');
    expect(shortHash('a/img.png')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('a/img.png')).not.toBe(shortHash('b/img.png'));
  });
});
