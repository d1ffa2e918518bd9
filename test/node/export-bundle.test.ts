// The bundle on disk: byte-identical re-runs (folder and zip), the lock file,
// --check, stale files, and the writes the exporter refuses.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../electron/node/cli/export-command';
import type { ExportPlan, ExportReport } from '../../electron/core/export/types';
import { LOCK_FILE, materializeBundle, zipBundle, type BundleLock } from '../../electron/node/export/bundle-writer';
import { exportNotebook } from '../../electron/node/export/export-notebook';
import { useExportTemp } from '../unit/export-temp';

const tempDir = useExportTemp('export-bundle');

const PNG = Buffer.from('\x89PNG\r\n\x1a\nfake image bytes', 'latin1');

const NOTES: Record<string, string | Buffer> = {
  '2025/2025-01-10 First post.md': '---\ntags: [blog]\n---\n# First\n\nIntro with [[Second post#Details|details]] and ![[diagram.png]].\n',
  '2025/2025-01-20 Second post.md': '---\ntitle: Second post\ntags: [blog]\n---\nSecond intro.\n\n## Details\n\nMore. [[Not exported]]\n',
  'Not exported.md': 'Just a note.\n',
  'attachments/diagram.png': PNG,
  'attachments/unused.png': PNG,
};

async function notebook(files: Record<string, string | Buffer> = NOTES): Promise<string> {
  const root = await tempDir('nb-');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

async function outDir(): Promise<string> {
  return tempDir('out-');
}

/** Every file under `dir` (dot-files too), relative path -> bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return out;
}

function captureIo(root: string, json = false) {
  const io = { root, json, out: '', err: '', stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

describe('determinism', () => {
  it('a folder export run twice gives identical bytes, and the second run writes nothing', async () => {
    const root = await notebook();
    const out = await outDir();
    const first = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    const before = await snapshot(out);
    const second = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    expect(await snapshot(out)).toEqual(before);
    expect(first.files?.written).toEqual([
      LOCK_FILE,
      'first-post/diagram.png',
      'first-post/index.md',
      'second-post/index.md',
    ]);
    expect(second.files).toEqual({ written: [], unchanged: first.files!.written, removed: [] });
    // A fresh folder gets the very same bytes.
    const elsewhere = await outDir();
    await exportNotebook(root, { preset: 'hugo', out: elsewhere, tags: ['blog'] });
    expect(await snapshot(elsewhere)).toEqual(before);
  });

  it('a zip export run twice gives identical bytes, sorted entries dated 1980-01-01', async () => {
    const root = await notebook();
    const out = await outDir();
    for (const preset of ['hugo', 'jekyll', 'astro', 'plain'] as const) {
      await exportNotebook(root, { preset, out: join(out, `a-${preset}.zip`), zip: true, tags: ['blog'] });
      await exportNotebook(root, { preset, out: join(out, `b-${preset}.zip`), zip: true, tags: ['blog'] });
      const a = await readFile(join(out, `a-${preset}.zip`));
      expect(a.equals(await readFile(join(out, `b-${preset}.zip`)))).toBe(true);
      const names = Object.keys(unzipSync(a));
      expect(names).toEqual([...names].sort());
      expect(names).toContain(LOCK_FILE);
      // Local file header: DOS time 0 (00:00:00) and date 1980-01-01 ((0 << 9) | (1 << 5) | 1 = 0x21).
      expect(a.readUInt16LE(10)).toBe(0);
      expect(a.readUInt16LE(12)).toBe(0x21);
    }
  });

  it('the zip holds exactly the folder’s files', async () => {
    const root = await notebook();
    const out = await outDir();
    await exportNotebook(root, { preset: 'jekyll', out: join(out, 'site'), tags: ['blog'] });
    await exportNotebook(root, { preset: 'jekyll', out: join(out, 'site.zip'), tags: ['blog'] });
    const entries = unzipSync(await readFile(join(out, 'site.zip')));
    const fromZip = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    expect(fromZip).toEqual(await snapshot(join(out, 'site')));
  });

  it('zip bytes do not depend on the time zone', () => {
    const files = [{ path: 'a.md', bytes: new TextEncoder().encode('hello\n'), kind: 'note' as const, source: 'a.md' }];
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = Buffer.from(zipBundle(files));
      process.env.TZ = 'Asia/Tokyo';
      const east = Buffer.from(zipBundle(files));
      expect(west.equals(east)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('the lock file', () => {
  it('lists every file with its sha256 and source, sorted by path', async () => {
    const root = await notebook();
    const out = await outDir();
    await exportNotebook(root, { preset: 'plain', out, tags: ['blog'] });
    const lock = JSON.parse(await readFile(join(out, LOCK_FILE), 'utf8')) as BundleLock;
    expect(lock.lockVersion).toBe(1);
    expect(lock.preset).toBe('plain');
    expect(lock.files.map((f) => [f.path, f.kind, f.source])).toEqual([
      ['assets/diagram.png', 'attachment', 'attachments/diagram.png'],
      ['first-post.md', 'note', '2025/2025-01-10 First post.md'],
      ['second-post.md', 'note', '2025/2025-01-20 Second post.md'],
    ]);
    for (const file of lock.files) {
      const bytes = await readFile(join(out, file.path));
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // Nothing unreferenced is copied.
    expect(Object.keys(await snapshot(out)).sort()).toEqual([LOCK_FILE, ...lock.files.map((f) => f.path)].sort());
  });
});

describe('--check', () => {
  it('tells whether the bundle still matches the notebook, and what differs', async () => {
    const root = await notebook();
    const out = await outDir();
    await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    const clean = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'], check: true });
    expect(clean.check).toEqual({ upToDate: true, changed: [], missing: [], extra: [], found: true });
    expect(clean.written).toBe(false);

    // A note changes, another leaves the selection, a bundle file is deleted by hand.
    await writeFile(join(root, '2025/2025-01-10 First post.md'), '---\ntags: [blog]\n---\n# First\n\nRewritten. ![[diagram.png]]\n');
    await writeFile(join(root, '2025/2025-01-20 Second post.md'), '---\ntitle: Second post\n---\nNo longer on the blog.\n');
    await rm(join(out, 'first-post', 'diagram.png'));
    const before = await snapshot(out);
    const stale = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'], check: true });
    expect(stale.check).toEqual({
      upToDate: false,
      changed: [LOCK_FILE, 'first-post/index.md'],
      missing: ['first-post/diagram.png'],
      extra: ['second-post/index.md'],
      found: true,
    });
    expect(await snapshot(out)).toEqual(before);

    const io = captureIo(root);
    expect(await exportCommand(['--out', out, '--preset', 'hugo', '--tag', 'blog', '--check'], io)).toBe(1);
    expect(io.out).toContain('no longer matches the notebook');
    expect(io.out).toContain('Changed (2):\n  .bundle.lock.json\n  first-post/index.md\n');
    expect(io.out).toContain('Extra (no longer exported) (1):\n  second-post/index.md\n');

    // Writing brings it back in line, removing the stale page and its folder.
    const rewrite = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    expect(rewrite.files?.removed).toEqual(['second-post/index.md']);
    await expect(lstat(join(out, 'second-post'))).rejects.toThrow();
    expect(await exportCommand(['--out', out, '--preset', 'hugo', '--tag', 'blog', '--check'], captureIo(root))).toBe(0);
  });

  it('checks a zip, and reports a missing bundle', async () => {
    const root = await notebook();
    const out = await outDir();
    const zip = join(out, 'b.zip');
    expect((await exportNotebook(root, { preset: 'plain', out: zip, tags: ['blog'], check: true })).check?.found).toBe(false);
    await exportNotebook(root, { preset: 'plain', out: zip, tags: ['blog'] });
    expect((await exportNotebook(root, { preset: 'plain', out: zip, tags: ['blog'], check: true })).check?.upToDate).toBe(true);
    await writeFile(join(root, 'attachments/diagram.png'), Buffer.from('changed image'));
    const check = await exportNotebook(root, { preset: 'plain', out: zip, tags: ['blog'], check: true });
    expect(check.check).toMatchObject({ upToDate: false, changed: [LOCK_FILE, 'assets/diagram.png'], missing: [], extra: [] });
  });
});

describe('writes the exporter refuses', () => {
  it('into the notebook, or into a folder holding it', async () => {
    const root = await notebook();
    for (const out of [join(root, 'site'), root, dirname(root)]) {
      await expect(exportNotebook(root, { preset: 'plain', out, tags: ['blog'] })).rejects.toThrow(/inside the notebook|holds the notebook/);
    }
    await expect(lstat(join(root, 'site'))).rejects.toThrow();
    // Through a symbolic link that leads into the notebook, too.
    const out = await outDir();
    await symlink(root, join(out, 'link'));
    await expect(exportNotebook(root, { preset: 'plain', out: join(out, 'link', 'sub'), tags: ['blog'] })).rejects.toThrow(/inside the notebook/);
  });

  it('over a file an earlier export did not write, leaving the folder untouched', async () => {
    const root = await notebook();
    const out = await outDir();
    await mkdir(join(out, 'first-post'));
    await writeFile(join(out, 'first-post', 'index.md'), 'my own page\n');
    const before = await snapshot(out);
    await expect(exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] })).rejects.toThrow(
      /would replace a file it did not write: first-post\/index\.md/,
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('through a symbolic link inside the output folder', async () => {
    const root = await notebook();
    const out = await outDir();
    const elsewhere = await outDir();
    await symlink(elsewhere, join(out, 'first-post'));
    await expect(exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] })).rejects.toThrow(/leads outside the output folder/);
    expect(await readdir(elsewhere)).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['first-post']);
  });

  it('an attachment that is a link to a file outside the notebook is not copied', async () => {
    const root = await notebook();
    const outside = await outDir();
    await writeFile(join(outside, 'secret.png'), 'outside secret');
    await symlink(join(outside, 'secret.png'), join(root, 'attachments', 'linked.png'));
    await writeFile(join(root, 'Linker.md'), '---\ntags: [blog]\n---\n![[linked.png]]\n');
    const out = await outDir();
    const result = await exportNotebook(root, { preset: 'plain', out, tags: ['blog'] });
    expect(result.attachmentsMissing).toEqual([{ source: 'Linker.md', target: 'linked.png' }]);
    const files = await snapshot(out);
    expect(Object.values(files).some((b) => Buffer.from(b, 'base64').toString().includes('outside secret'))).toBe(false);
  });
});

describe('materializeBundle (the writer\'s own check)', () => {
  const report = (): ExportReport => ({
    preset: 'plain',
    notes: [],
    linksRewritten: 0,
    rewritten: [],
    linksDropped: [],
    attachments: [],
    attachmentsMissing: [],
    warnings: [],
    written: false,
  });
  const planCopying = (source: string): ExportPlan => ({ files: [{ kind: 'attachment', path: 'assets/copied.png', source }], report: report() });

  it('refuses a planned attachment that is a link to a file outside the notebook, even if the plan names it', async () => {
    // The scan drops such a link, so only a plan written by hand reaches the writer with it.
    const root = await realpath(await notebook());
    const outside = await outDir();
    await writeFile(join(outside, 'secret.png'), 'outside secret');
    await symlink(join(outside, 'secret.png'), join(root, 'attachments', 'linked.png'));
    await expect(materializeBundle(root, planCopying('attachments/linked.png'))).rejects.toThrow(
      /"attachments\/linked\.png" is a link to a file outside the notebook; it is not copied/,
    );
    // The same plan naming a file that is inside is copied: the refusal is about the link.
    const files = await materializeBundle(root, planCopying('attachments/diagram.png'));
    expect(files.find((f) => f.path === 'assets/copied.png')?.bytes).toEqual(new Uint8Array(PNG));
  });
});

describe('notebook export (the command)', () => {
  it.each<[string[], RegExp]>([
    [['--preset', 'hugo'], /--out PATH is required/],
    [['--out', 'x', '--preset', 'wordpress'], /--preset "wordpress" is not one of hugo, jekyll, astro, plain/],
    [['--out', 'x', '--links', 'maybe'], /--links "maybe" is not one of text, keep, fail/],
    [['--out', 'x', '--depth', 'two'], /--depth must be a whole number of 0 or more, got "two"/],
    [['--out', 'x', '--depth', '99'], /--depth must be a whole number from 0 to 50, got 99/],
    [['--out', 'x', '--since', '2025-13-01'], /--since "2025-13-01" is not a date; use YYYY-MM-DD/],
    [['--out', 'x', '--until', 'yesterday'], /--until "yesterday" is not a date/],
    [['--out', 'x', '--bogus'], /Unknown option --bogus/],
    [['--out', 'x', 'stray'], /Unexpected argument "stray"/],
    [['--out', '--zip'], /--out needs a value/],
    [['--out', 'x', '--out', 'y'], /--out is given 2 times/],
    [['--out', 'bundle', '--zip'], /--zip needs an --out file name ending in \.zip/],
    [['--out', 'x', '--note', 'No such note'], /--note "No such note": no note has that id, file name, title or alias/],
    [['--out', 'x', '--dry-run', '--check'], /--dry-run and --check/],
  ])('%j fails with a message naming the problem', async (argv, message) => {
    const root = await notebook();
    const io = captureIo(root);
    expect(await exportCommand(argv, io)).toBe(1);
    expect(io.err).toMatch(/^notebook export: /);
    expect(io.err).toMatch(message);
    expect(io.out).toBe('');
  });

  it('--dry-run reports without writing; --json prints one JSON document', async () => {
    const root = await notebook();
    const out = join(await outDir(), 'site');
    const io = captureIo(root, true);
    expect(await exportCommand(['--out', out, '--preset', 'hugo', '--tag', 'blog', '--dry-run', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report).toMatchObject({
      preset: 'hugo',
      dryRun: true,
      written: false,
      out,
      notes: [
        { id: '2025/2025-01-10 First post.md', output: 'first-post/index.md', slug: 'first-post' },
        { id: '2025/2025-01-20 Second post.md', output: 'second-post/index.md', slug: 'second-post' },
      ],
      linksRewritten: 2,
      linksDropped: [{ source: '2025/2025-01-20 Second post.md', raw: '[[Not exported]]', reason: 'not-exported' }],
      attachments: [{ source: 'attachments/diagram.png', output: 'first-post/diagram.png' }],
      attachmentsMissing: [],
    });
    await expect(lstat(out)).rejects.toThrow();

    const human = captureIo(root);
    expect(await exportCommand(['--out', out, '--preset', 'hugo', '--tag', 'blog', '--dry-run'], human)).toBe(0);
    expect(human.out).toContain(`Dry run: would export 2 notes to ${out} (hugo).`);
    expect(human.out).toContain('Links rewritten (2):');
    expect(human.out).toContain('  2025/2025-01-10 First post.md: [[Second post#Details|details]] -> [details](../second-post/#details)\n');
    expect(human.out).toContain('Links dropped (1):\n  2025/2025-01-20 Second post.md: [[Not exported]] (not-exported)\n');
    expect(human.out).toContain('Attachments to copy (1):\n  attachments/diagram.png -> first-post/diagram.png\n');
  });

  it('writes and reports what it wrote', async () => {
    const root = await notebook();
    const out = join(await outDir(), 'site', 'content', 'posts');
    const io = captureIo(root);
    expect(await exportCommand(['--tag', 'blog', '--preset', 'hugo', '--out', out], io)).toBe(0);
    expect(io.out).toContain(`Exported 2 notes to ${out} (hugo).`);
    expect(io.out).toContain('Files: 4 written, 0 unchanged, 0 removed.');
    expect(await readFile(join(out, 'first-post', 'diagram.png'))).toEqual(PNG);
  });

  it('refuses an astro collection folder or a jekyll _posts folder: those presets want the site root', async () => {
    const root = await notebook();
    const base = await outDir();
    for (const [preset, out] of [
      ['astro', join(base, 'site', 'src', 'content', 'blog')],
      ['jekyll', join(base, 'site', '_posts')],
    ]) {
      const io = captureIo(root);
      expect(await exportCommand(['--out', out, '--preset', preset, '--tag', 'blog'], io)).toBe(1);
      expect(io.err).toContain(`--out ${out}: for --preset ${preset} give the site's root folder`);
    }
    await expect(lstat(join(base, 'site'))).rejects.toThrow();
  });

  it('refuses an --out that is a file', async () => {
    const root = await notebook();
    const file = join(await outDir(), 'file.txt');
    await writeFile(file, 'keep me');
    const io = captureIo(root);
    expect(await exportCommand(['--out', file, '--tag', 'blog'], io)).toBe(1);
    expect(io.err).toContain('is a file, not a folder');
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('refuses a Hugo site root for --preset hugo, pointing at its content section', async () => {
    const root = await notebook();
    const site = await outDir();
    await writeFile(join(site, 'hugo.toml'), 'title = "x"\n');
    const io = captureIo(root);
    expect(await exportCommand(['--out', site, '--preset', 'hugo'], io)).toBe(1);
    expect(io.err).toContain(`is a Hugo site root; for --preset hugo give its content section, e.g. ${join(site, 'content', 'posts')}`);
  });
});

describe('files of an earlier export edited by hand since', () => {
  it('are neither replaced nor removed: the whole export is refused before anything is written', async () => {
    const root = await notebook();
    const out = await outDir();
    await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    // The user edits one exported page; the notebook changes so that a re-export would
    // rewrite that page and drop the other one (which the user edited too).
    await writeFile(join(out, 'first-post', 'index.md'), 'my hand edits\n');
    await writeFile(join(out, 'second-post', 'index.md'), 'more hand edits\n');
    await writeFile(join(root, '2025/2025-01-10 First post.md'), '---\ntags: [blog]\n---\n# First\n\nRewritten. ![[diagram.png]]\n');
    await writeFile(join(root, '2025/2025-01-20 Second post.md'), '---\ntitle: Second post\n---\nNo longer on the blog.\n');
    const before = await snapshot(out);
    const refused = exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    await expect(refused).rejects.toThrow(/edited by hand since: first-post\/index\.md, second-post\/index\.md/);
    await expect(exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] })).rejects.toThrow(/Move them away/);
    expect(await snapshot(out)).toEqual(before);

    // Once the edited files are moved away, the export runs.
    await rm(join(out, 'first-post', 'index.md'));
    await rm(join(out, 'second-post', 'index.md'));
    const result = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    expect(result.files?.written).toContain('first-post/index.md');
    expect(await readFile(join(out, 'first-post', 'index.md'), 'utf8')).toContain('Rewritten.');
  });

  it.each([
    ['a page still exported (would be rewritten)', 'first-post/index.md'],
    ['a page no longer exported (would be removed)', 'second-post/index.md'],
  ])('refuses to touch %s that was edited by hand', async (_label, path) => {
    const root = await notebook();
    const out = await outDir();
    await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    await writeFile(join(out, path), 'hand edit\n');
    await writeFile(join(root, '2025/2025-01-10 First post.md'), '---\ntags: [blog]\n---\n# First\n\nRewritten. ![[diagram.png]]\n');
    await writeFile(join(root, '2025/2025-01-20 Second post.md'), '---\ntitle: Second post\n---\nNo longer on the blog.\n');
    const before = await snapshot(out);
    await expect(exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] })).rejects.toThrow(
      new RegExp(`edited by hand since: ${path.replace(/[./]/g, '\\$&')} `),
    );
    expect(await snapshot(out)).toEqual(before);
    expect(await readFile(join(out, path), 'utf8')).toBe('hand edit\n');
  });
});
