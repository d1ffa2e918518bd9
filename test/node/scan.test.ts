import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanNotebook, type ScanResult } from '../../electron/node/store/scan';
import { makeTempDir, removeTempDir, writeTree } from './fs-helpers';

const INVALID_UTF8 = Buffer.from([0x23, 0x20, 0x42, 0x61, 0x64, 0x0a, 0xc3, 0x28, 0x20, 0xff, 0xfe, 0x0a]);

describe('scanNotebook', () => {
  let base: string;
  let root: string;
  let result: ScanResult;
  let invalidBefore: { bytes: Buffer; mtimeMs: number };

  const put = (rel: string, content: string | Buffer): Promise<void> => writeTree(root, { [rel]: content });

  beforeAll(async () => {
    base = await makeTempDir('nb-scan-');
    root = join(base, 'vault');
    const outside = join(base, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'secret.md'), '# outside\n');

    await put('Nix.md', '# Nix\n');
    await put('2025/02JAN25 - NixOS.md', '# NixOS\n');
    await put('2025/deep/Flakes.markdown', '# Flakes\n');
    await put('Upper.MD', '# upper-case extension\n');
    await put('crlf.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# BOM\r\n\r\nline\r\n')]));
    await put('Cafe\u0301.md', '# NFD name\n'); // decomposed é on disk, NFC id
    await put('attachments/diagram.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await put('notes.txt', 'plain text file');
    // Not part of the notebook.
    await put('.git/HEAD.md', 'ref');
    await put('.obsidian/workspace.md', '{}');
    await put('.trash/old.md', '# deleted');
    await put('.hidden.md', '# dot-file');
    await put('node_modules/pkg/README.md', '# pkg');
    await put('2025/node_modules/x.md', '# nested pkg');
    // Reported, not indexed.
    await put('binary.md', Buffer.from('abc\0def'));
    await put('huge.md', Buffer.alloc(6 * 1024 * 1024, 0x61));
    await put('bad-utf8.md', INVALID_UTF8);
    // Links.
    await symlink(join(root, 'Nix.md'), join(root, 'Nix alias.md')); // file inside: followed
    await symlink(join(outside, 'secret.md'), join(root, 'leak.md')); // file outside: not followed
    await symlink(outside, join(root, 'outside-folder')); // folder outside: not followed
    await symlink(root, join(root, '2025', 'loop')); // loop back to the root
    await symlink(join(root, '2025', 'deep'), join(root, 'deep-again')); // folder inside, already reachable
    await symlink(join(root, 'missing.md'), join(root, 'dangling.md')); // link to nothing

    const info = await stat(join(root, 'bad-utf8.md'));
    invalidBefore = { bytes: await readFile(join(root, 'bad-utf8.md')), mtimeMs: info.mtimeMs };
    result = await scanNotebook(root);
  });

  afterAll(async () => {
    await removeTempDir(base);
  });

  it('finds exactly the notes of the notebook, with NFC ids, sorted', () => {
    expect(result.notes.map((n) => n.id)).toEqual([
      '2025/02JAN25 - NixOS.md',
      '2025/deep/Flakes.markdown',
      'Caf\u00e9.md',
      'Nix alias.md',
      'Nix.md',
      'Upper.MD',
      'crlf.md',
    ]);
  });

  it('lists non-note files as attachments and nothing from hidden or node_modules folders', () => {
    expect(result.attachments).toEqual(['attachments/diagram.png', 'notes.txt']);
  });

  it('reports binary, too-large and invalid UTF-8 note files', () => {
    expect(result.skipped).toEqual([
      { path: 'bad-utf8.md', reason: 'invalid-utf8' },
      { path: 'binary.md', reason: 'binary' },
      { path: 'huge.md', reason: 'too-large' },
    ]);
  });

  it('never rewrites a file it cannot decode', async () => {
    const info = await stat(join(root, 'bad-utf8.md'));
    expect(await readFile(join(root, 'bad-utf8.md'))).toEqual(invalidBefore.bytes);
    expect(info.mtimeMs).toBe(invalidBefore.mtimeMs);
  });

  it('returns the text without BOM, line endings as found, and the version of the bytes', async () => {
    const crlf = result.notes.find((n) => n.id === 'crlf.md');
    expect(crlf).toMatchObject({ source: '# BOM\r\n\r\nline\r\n', bom: true, eol: '\r\n' });
    const bytes = await readFile(join(root, 'crlf.md'));
    expect(crlf?.version.size).toBe(bytes.length);
    expect(crlf?.version.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.notes.find((n) => n.id === 'Nix alias.md')?.source).toBe('# Nix\n');
  });

  it('reports how long it took', () => {
    expect(typeof result.ms).toBe('number');
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('honours the size limit and the ignore option', async () => {
    const small = await scanNotebook(root, { maxBytes: 6, ignore: (rel) => rel.startsWith('2025') });
    expect(small.notes.map((n) => n.id)).toEqual(['Nix alias.md', 'Nix.md']);
    expect(small.skipped.filter((s) => s.reason === 'too-large').map((s) => s.path)).toContain('crlf.md');
  });

  it('reads all 1000 notes in 20 folders, 8 files at a time', async () => {
    const many = join(base, 'many');
    for (let folder = 0; folder < 20; folder++) {
      await mkdir(join(many, `f${folder}`), { recursive: true });
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => writeFile(join(many, `f${folder}`, `note ${i}.md`), `# ${folder}/${i}\n`)),
      );
    }
    const scanned = await scanNotebook(many, { concurrency: 8 });
    expect(scanned.notes).toHaveLength(1000);
    expect(scanned.notes.find((n) => n.id === 'f7/note 42.md')?.source).toBe('# 7/42\n');
  });
});
