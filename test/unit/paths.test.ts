import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  folderOf,
  isNoteFileName,
  joinId,
  normalizeId,
  resolveRelative,
  stemOf,
} from '../../electron/core/paths';

describe('normalizeId', () => {
  it.each([
    ['2025/02JAN25 - NixOS.md', '2025/02JAN25 - NixOS.md'],
    ['2025\\02JAN25 - NixOS.md', '2025/02JAN25 - NixOS.md'],
    ['./Nix.md', 'Nix.md'],
    ['a/./b/./c.md', 'a/b/c.md'],
    ['a//b.md', 'a/b.md'],
    ['a/x/../b.md', 'a/b.md'],
    ['Cafe\u0301.md', 'Caf\u00e9.md'],
  ])('%j -> %j', (input, id) => {
    expect(normalizeId(input)).toBe(id);
  });

  it.each([
    ['../outside.md', 'leaves the notebook root'],
    ['a/../../outside.md', 'leaves the notebook root'],
    ['/etc/passwd', 'absolute'],
    ['\\\\server\\share.md', 'absolute'],
    ['C:\\notes\\a.md', 'absolute'],
    ['', 'names no file'],
    ['./', 'names no file'],
  ])('rejects %j', (input, why) => {
    expect(() => normalizeId(input)).toThrow(why);
    if (input !== '') expect(() => normalizeId(input)).toThrow(input);
  });
});

describe('isNoteFileName', () => {
  it.each([
    ['Nix.md', true],
    ['Nix.MD', true],
    ['Nix.markdown', true],
    ['Nix.Markdown', true],
    ['image.png', false],
    ['md', false],
    ['.md', false],
    ['notes.md.bak', false],
  ])('%j -> %s', (name, ok) => {
    expect(isNoteFileName(name)).toBe(ok);
  });
});

describe('stemOf / folderOf / extensionOf', () => {
  it.each([
    // [id, stem, folder, extension]
    ['2025/02JAN25 - NixOS.md', '02JAN25 - NixOS', '2025', '.md'],
    ['Nix.markdown', 'Nix', '', '.markdown'],
    ['a/b/Flake.lock notes.MD', 'Flake.lock notes', 'a/b', '.md'],
    ['assets/photo.PNG', 'photo.PNG', 'assets', '.png'],
    ['.hidden/.gitignore', '.gitignore', '.hidden', ''],
    ['README', 'README', '', ''],
  ])('%j', (id, stem, folder, ext) => {
    expect(stemOf(id)).toBe(stem);
    expect(folderOf(id)).toBe(folder);
    expect(extensionOf(id)).toBe(ext);
  });
});

describe('joinId', () => {
  it.each([
    ['', 'Nix.md', 'Nix.md'],
    ['2025', 'Nix.md', '2025/Nix.md'],
    ['a/b', 'c.md', 'a/b/c.md'],
  ])('%j + %j', (folder, name, id) => {
    expect(joinId(folder, name)).toBe(id);
  });
});

describe('resolveRelative', () => {
  it.each([
    ['2025/a.md', './b.md', '2025/b.md'],
    ['2025/a.md', '../Nix.md', 'Nix.md'],
    ['2025/01/a.md', '../../x/y.md', 'x/y.md'],
    ['a.md', './b', 'b'],
    ['2025/a.md', 'sub/c.md', '2025/sub/c.md'],
    ['a.md', '../b.md', null],
    ['2025/a.md', '../../b.md', null],
    ['2025/a.md', '/etc/passwd', null],
    ['2025/a.md', './', '2025'], // the folder itself
    ['a.md', './', null],
  ])('from %j, %j -> %j', (from, target, result) => {
    expect(resolveRelative(from, target)).toBe(result);
  });
});
