import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type NoteVersion } from '../../electron/core/api';
import { hashBytes } from '../../electron/node/store/file-version';
import { FolderStore } from '../../electron/node/store/folder-store';
import { makeTempDir, permissionsApply, removeTempDir, writeTree } from './fs-helpers';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let base: string;
let root: string;
let outside: string;

const put = (rel: string, content: string | Buffer): Promise<void> => writeTree(root, { [rel]: content });
const disk = (rel: string): Promise<Buffer> => readFile(join(root, rel));

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  base = await makeTempDir('nb-folder-store-');
  root = join(base, 'vault');
  outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(outside, 'secret.md'), 'outside the notebook\n');
});

afterEach(async () => {
  await chmod(root, 0o755).catch(() => undefined);
  await removeTempDir(base);
});

describe('FolderStore.open', () => {
  it('refuses a missing root instead of treating it as empty', async () => {
    const error = await rejection(FolderStore.open(join(base, 'unmounted')));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('unmounted');
  });

  it('refuses a file as root', async () => {
    await writeFile(join(base, 'file.md'), 'x');
    expect((await rejection(FolderStore.open(join(base, 'file.md')))).code).toBe('bad-argument');
  });

  it('uses the real path of the root', async () => {
    await symlink(root, join(base, 'link-to-vault'));
    expect((await FolderStore.open(join(base, 'link-to-vault'))).root).toBe(root);
  });

  it('removes temp files left by a killed save, and nothing else', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    await put('a.md', 'kept');
    await put(`.a.md.nbtmp-${dead}-0badf00d`, 'half a save');
    await put(`sub/.b.md.nbtmp-${dead}-12345678`, 'half a save');
    await put('a.md.12345', 'a user file that only looks like a temp');
    await put(`.live.md.nbtmp-${process.pid}-abcdef01`, 'a save in progress in this process');
    await FolderStore.open(root);
    expect((await readdir(root)).sort()).toEqual([`.live.md.nbtmp-${process.pid}-abcdef01`, 'a.md', 'a.md.12345', 'sub']);
    expect(await readdir(join(root, 'sub'))).toEqual([]);
  });
});

describe('resolveInside', () => {
  it.each([
    '../outside/secret.md',
    'a/../../outside/secret.md',
    '..\\outside\\secret.md',
    '/etc/passwd',
    '\\\\server\\share\\x.md',
    'C:\\Windows\\x.md',
    'a\0.md',
  ])('refuses %j', async (path) => {
    const store = await FolderStore.open(root);
    expect((await rejection(store.resolveInside(path))).code).toBe('outside-root');
  });

  it('accepts paths inside, existing or not', async () => {
    const store = await FolderStore.open(root);
    expect(await store.resolveInside('a/b/new.md')).toBe(join(root, 'a', 'b', 'new.md'));
    expect(await store.resolveInside('./x.md')).toBe(join(root, 'x.md'));
  });

  it('refuses a symlinked folder or file that leads out, and a link to nothing', async () => {
    await symlink(outside, join(root, 'out'));
    await symlink(join(outside, 'secret.md'), join(root, 'leak.md'));
    await symlink(join(outside, 'not-yet.md'), join(root, 'ghost.md'));
    const store = await FolderStore.open(root);
    for (const path of ['out/secret.md', 'out/new.md', 'out/deeper/new.md', 'leak.md', 'ghost.md']) {
      expect((await rejection(store.resolveInside(path))).code).toBe('outside-root');
    }
    expect((await rejection(store.read('leak.md'))).code).toBe('outside-root');
    expect((await rejection(store.create('out/new.md', 'x'))).code).toBe('outside-root');
    expect((await rejection(store.create('ghost.md', 'x'))).code).toBe('outside-root');
    expect((await rejection(store.readBytes('out/secret.md'))).code).toBe('outside-root');
    expect((await readdir(outside)).sort()).toEqual(['secret.md']);
  });

  it('finds a file whose name is stored decomposed (NFD) by its NFC id', async () => {
    await put('Cafe\u0301.md', 'decomposed');
    const store = await FolderStore.open(root);
    expect((await store.read('Caf\u00e9.md')).source).toBe('decomposed');
  });
});

describe('read and save', () => {
  it('reads the source and the version of the bytes', async () => {
    await put('n.md', '# Note\n');
    const store = await FolderStore.open(root);
    const file = await store.read('n.md');
    expect(file).toMatchObject({ source: '# Note\n', readOnly: false, bom: false, eol: '\n' });
    expect(file.version.hash).toBe(hashBytes(Buffer.from('# Note\n')));
    expect(file.version.size).toBe(7);
    expect((await rejection(store.read('missing.md'))).code).toBe('not-found');
    expect((await rejection(store.read('image.png'))).code).toBe('bad-argument');
  });

  it('saves atomically and returns the new version', async () => {
    await put('n.md', 'old\n');
    const store = await FolderStore.open(root);
    const { version } = await store.read('n.md');
    const result = await store.save('n.md', 'new\n', version);
    expect(result.ok).toBe(true);
    expect((await disk('n.md')).toString()).toBe('new\n');
    if (result.ok) expect(result.version).toMatchObject({ hash: hashBytes(Buffer.from('new\n')), size: 4 });
    expect(await readdir(root)).toEqual(['n.md']); // no temp left behind
  });

  it('returns a conflict holding both texts and writes nothing when the disk changed', async () => {
    await put('n.md', 'loaded\n');
    const store = await FolderStore.open(root);
    const { version } = await store.read('n.md');
    await put('n.md', 'changed by another program\n');
    let snapshots = 0;
    const result = await store.save('n.md', 'my edit\n', version, { beforeOverwrite: () => snapshots++ });
    expect(result).toEqual({
      ok: false,
      conflict: {
        disk: 'changed by another program\n',
        diskVersion: expect.objectContaining({ hash: hashBytes(Buffer.from('changed by another program\n')) }),
        mine: 'my edit\n',
      },
    });
    expect((await disk('n.md')).toString()).toBe('changed by another program\n');
    expect(snapshots).toBe(0);
  });

  it.each([
    { name: 'LF', bom: false, eol: '\n' },
    { name: 'CRLF', bom: false, eol: '\r\n' },
    { name: 'BOM + LF', bom: true, eol: '\n' },
    { name: 'BOM + CRLF', bom: true, eol: '\r\n' },
  ])('keeps $name byte for byte when the editor sends \\n text', async ({ bom, eol }) => {
    const onDisk = (text: string): Buffer => Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text.replace(/\n/g, eol))]);
    await put('n.md', onDisk('# Title\n\nfirst line\n'));
    const store = await FolderStore.open(root);
    const file = await store.read('n.md');
    expect(file).toMatchObject({ bom, eol, source: '# Title\n\nfirst line\n'.replace(/\n/g, eol) });
    const editorText = file.source.replace(/\r\n/g, '\n') + 'added line\n';
    const result = await store.save('n.md', editorText, file.version);
    expect(result.ok).toBe(true);
    expect(await disk('n.md')).toEqual(onDisk('# Title\n\nfirst line\nadded line\n'));
  });

  it('does not rewrite a file whose text did not change (mixed line endings stay mixed)', async () => {
    const mixed = Buffer.from('a\r\nb\r\nc\nd\r\n');
    await put('n.md', mixed);
    const store = await FolderStore.open(root);
    const file = await store.read('n.md');
    const before = await stat(join(root, 'n.md'));
    const result = await store.save('n.md', 'a\nb\nc\nd\n', file.version);
    expect(result).toEqual({ ok: true, version: file.version });
    expect(await disk('n.md')).toEqual(mixed);
    expect((await stat(join(root, 'n.md'))).ino).toBe(before.ino);
  });

  it('calls beforeOverwrite with the text being replaced', async () => {
    await put('n.md', 'v1\n');
    const seen: Array<[string, string]> = [];
    const store = await FolderStore.open(root, { beforeOverwrite: (id, previous) => seen.push([id, previous]) });
    const v1 = (await store.read('n.md')).version;
    const r = await store.save('n.md', 'v2\n', v1);
    if (!r.ok) throw new Error('save failed');
    await store.save('n.md', 'v3\n', r.version, { beforeOverwrite: (previous) => seen.push(['per-call', previous]) });
    expect(seen).toEqual([
      ['n.md', 'v1\n'],
      ['per-call', 'v2\n'],
    ]);
  });

  it('a failing history hook does not block the save', async () => {
    await put('n.md', 'v1\n');
    const warnings: string[] = [];
    const store = await FolderStore.open(root, { onWarning: (m) => warnings.push(m) });
    const result = await store.save('n.md', 'v2\n', (await store.read('n.md')).version, {
      beforeOverwrite: () => {
        throw new Error('history disk full');
      },
    });
    expect(result.ok).toBe(true);
    expect(warnings.join()).toContain('history disk full');
  });

  it('serialises saves of one file: of ten saves from one base version, one wins and nine conflict', async () => {
    await put('n.md', 'base\n');
    const store = await FolderStore.open(root);
    const base = (await store.read('n.md')).version;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.save('n.md', `edit ${i}\n`, base)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results[0].ok).toBe(true);
    expect((await disk('n.md')).toString()).toBe('edit 0\n');
    for (const r of results.slice(1)) expect(r.ok ? null : r.conflict.disk).toBe('edit 0\n');
  });

  it('opens invalid UTF-8 read-only and refuses to save it, bytes untouched', async () => {
    const bad = Buffer.from([0x61, 0xc3, 0x28, 0x0a]);
    await put('bad.md', bad);
    const store = await FolderStore.open(root);
    const file = await store.read('bad.md');
    expect(file.readOnly).toBe(true);
    expect(file.source).toBe('a\uFFFD(\n');
    expect((await rejection(store.save('bad.md', 'a?(\n', file.version))).code).toBe('read-only');
    expect(await disk('bad.md')).toEqual(bad);
  });

  it('respects a file marked read-only', async () => {
    await put('locked.md', 'locked\n');
    await chmod(join(root, 'locked.md'), 0o444);
    const store = await FolderStore.open(root);
    const file = await store.read('locked.md');
    expect(file.readOnly).toBe(true);
    expect((await rejection(store.save('locked.md', 'changed\n', file.version))).code).toBe('read-only');
    expect((await disk('locked.md')).toString()).toBe('locked\n');
  });

  it('keeps the old file and returns an io error naming it when the folder cannot be written', async (ctx) => {
    if (!permissionsApply()) ctx.skip(); // root ignores permissions: test/node/save-faults covers a real EFBIG failure
    await put('sub/n.md', 'old text\n');
    const store = await FolderStore.open(root);
    const { version } = await store.read('sub/n.md');
    await chmod(join(root, 'sub'), 0o555);
    try {
      const error = await rejection(store.save('sub/n.md', 'new text\n', version));
      expect(error.code).toBe('io');
      expect(error.message).toContain('sub/n.md');
    } finally {
      await chmod(join(root, 'sub'), 0o755);
    }
    expect((await disk('sub/n.md')).toString()).toBe('old text\n');
    expect(await readdir(join(root, 'sub'))).toEqual(['n.md']);
  });

  it('refuses a save when the file was deleted, and when the base version is malformed', async () => {
    await put('n.md', 'x');
    const store = await FolderStore.open(root);
    const { version } = await store.read('n.md');
    expect((await rejection(store.save('n.md', 'y', { hash: 'nope' } as NoteVersion))).code).toBe('bad-argument');
    await store.trash('n.md');
    expect((await rejection(store.save('n.md', 'y', version))).code).toBe('not-found');
  });

  it('writes through a symlinked note to its target inside the root, keeping the link', async () => {
    await put('real.md', 'real\n');
    await symlink(join(root, 'real.md'), join(root, 'alias.md'));
    const store = await FolderStore.open(root);
    const r = await store.save('alias.md', 'via alias\n', (await store.read('alias.md')).version);
    expect(r.ok).toBe(true);
    expect((await disk('real.md')).toString()).toBe('via alias\n');
    await expect(lstat(join(root, 'alias.md')).then((s) => s.isSymbolicLink())).resolves.toBe(true);
  });
});

describe('create, move, trash, attachments', () => {
  it('creates exclusively, with parent folders', async () => {
    const store = await FolderStore.open(root);
    const version = await store.create('2025/01/new.md', 'hello\n');
    expect((await disk('2025/01/new.md')).toString()).toBe('hello\n');
    expect(version.hash).toBe(hashBytes(Buffer.from('hello\n')));
    const error = await rejection(store.create('2025/01/new.md', 'other\n'));
    expect(error.code).toBe('exists');
    expect((await disk('2025/01/new.md')).toString()).toBe('hello\n');
  });

  it('of several simultaneous creates of one name, exactly one succeeds', async () => {
    const store = await FolderStore.open(root);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.create('race.md', `writer ${i}\n`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await disk('race.md')).toString()).toMatch(/^writer \d\n$/);
    expect(await readdir(root)).toEqual(['race.md']);
  });

  it('refuses to create hidden or non-note files as notes', async () => {
    const store = await FolderStore.open(root);
    expect((await rejection(store.create('.obsidian/x.md', 'x'))).code).toBe('bad-argument');
    expect((await rejection(store.create('node_modules/x.md', 'x'))).code).toBe('bad-argument');
    expect((await rejection(store.create('x.txt', 'x'))).code).toBe('bad-argument');
  });

  it('moves, and refuses to overwrite', async () => {
    await put('a.md', 'A');
    await put('b.md', 'B');
    const store = await FolderStore.open(root);
    await store.move('a.md', 'folder/renamed.md');
    expect((await disk('folder/renamed.md')).toString()).toBe('A');
    expect((await readdir(root)).sort()).toEqual(['b.md', 'folder']);
    expect((await rejection(store.move('b.md', 'folder/renamed.md'))).code).toBe('exists');
    expect((await disk('b.md')).toString()).toBe('B');
    expect((await disk('folder/renamed.md')).toString()).toBe('A');
    expect((await rejection(store.move('missing.md', 'c.md'))).code).toBe('not-found');
    expect((await rejection(store.move('b.md', '../escaped.md'))).code).toBe('outside-root');
  });

  it('trashes into .trash/ under a free name when there is no OS trash', async () => {
    await put('sub/n.md', 'first');
    const store = await FolderStore.open(root);
    expect(await store.trash('sub/n.md')).toBe('notebook-trash');
    await put('sub/n.md', 'second');
    expect(await store.trash('sub/n.md')).toBe('notebook-trash');
    expect((await disk('.trash/sub/n.md')).toString()).toBe('first');
    expect((await disk('.trash/sub/n 1.md')).toString()).toBe('second');
    expect(await readdir(join(root, 'sub'))).toEqual([]);
  });

  it('uses the injected OS trash, and falls back to .trash/ when it fails', async () => {
    await put('a.md', 'A');
    await put('b.md', 'B');
    const trashed: string[] = [];
    const store = await FolderStore.open(root, {
      trashItem: async (path) => {
        trashed.push(path);
        await rename(path, join(outside, 'os-trash.md'));
      },
    });
    expect(await store.trash('a.md')).toBe('os-trash');
    expect(trashed).toEqual([join(root, 'a.md')]);
    const failing = async (): Promise<void> => {
      throw new Error('no trash on this desktop');
    };
    expect(await store.trash('b.md', failing)).toBe('notebook-trash');
    expect((await disk('.trash/b.md')).toString()).toBe('B');
  });

  it('writes attachments under a free name and reads bytes back', async () => {
    const store = await FolderStore.open(root);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await store.writeAttachment('attachments/img.png', png)).toBe('attachments/img.png');
    expect(await store.writeAttachment('attachments/img.png', new Uint8Array([1]))).toBe('attachments/img 1.png');
    expect(await store.writeAttachment('attachments/img.png', new Uint8Array([2]))).toBe('attachments/img 2.png');
    expect(Buffer.from(await store.readBytes('attachments/img.png'))).toEqual(Buffer.from(png));
    expect((await rejection(store.readBytes('attachments/none.png'))).code).toBe('not-found');
    expect((await rejection(store.readBytes('attachments'))).code).toBe('not-found');
    expect((await rejection(store.writeAttachment('../x.png', png))).code).toBe('outside-root');
  });
});

describe('the notebook trash and hidden files stay inside the notebook', () => {
  it.each([
    ['.trash is a link to a folder outside the notebook', async () => symlink(outside, join(root, '.trash'))],
    ['a folder inside .trash is a link outside', async () => {
      await mkdir(join(root, '.trash'));
      await symlink(outside, join(root, '.trash', 'sub'));
    }],
    ['.trash is a link to a folder inside the notebook', async () => {
      await mkdir(join(root, 'elsewhere'));
      await symlink(join(root, 'elsewhere'), join(root, '.trash'));
    }],
  ])('refuses to trash when %s, and leaves the note where it was', async (_label, arrange) => {
    await put('sub/n.md', 'keep me');
    await arrange();
    const before = (await readdir(outside)).sort();
    const store = await FolderStore.open(root);
    const error = await rejection(store.trash('sub/n.md'));
    expect(error.code).toBe('outside-root');
    expect(error.message).toMatch(/symbolic link/);
    expect((await disk('sub/n.md')).toString()).toBe('keep me');
    expect((await readdir(outside)).sort()).toEqual(before);
  });

  it('refuses to trash when .trash is a file, without touching either', async () => {
    await put('n.md', 'keep me');
    await put('.trash', 'not a folder');
    const store = await FolderStore.open(root);
    expect((await rejection(store.trash('n.md'))).code).toBe('exists');
    expect((await disk('n.md')).toString()).toBe('keep me');
    expect((await disk('.trash')).toString()).toBe('not a folder');
  });

  it.each([
    '.git/config',
    '.obsidian/app.json',
    '.env',
    'sub/.secret.png',
    'node_modules/pkg/readme.md',
    'sub\\.git\\config',
    './.git/config',
  ])('readBytes refuses the hidden path %s', async (path) => {
    await put('.git/config', '[remote "origin"]\n\turl = https://token@example.com/x.git\n');
    await put('sub/.git/config', 'token');
    await put('.obsidian/app.json', '{}');
    await put('.env', 'SECRET=1');
    await put('sub/.secret.png', 'x');
    await put('node_modules/pkg/readme.md', 'x');
    const store = await FolderStore.open(root);
    const error = await rejection(store.readBytes(path));
    expect(['not-found', 'outside-root']).toContain(error.code);
    expect(error.message).not.toContain('token');
  });

  it('readBytes refuses a visible link leading into a hidden folder, and still serves plain files', async () => {
    await put('.git/config', 'secret');
    await put('img.png', 'png bytes');
    await symlink(join(root, '.git', 'config'), join(root, 'config.png'));
    await symlink(join(root, '.git'), join(root, 'gitdir'));
    const store = await FolderStore.open(root);
    expect((await rejection(store.readBytes('config.png'))).code).toBe('not-found');
    expect((await rejection(store.readBytes('gitdir/config'))).code).toBe('not-found');
    expect(Buffer.from(await store.readBytes('img.png')).toString()).toBe('png bytes');
  });
});
