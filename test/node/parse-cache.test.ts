// The parse cache and the parallel open, on real folders: a reopen takes
// unchanged notes from the cache, an edited note is parsed again, a corrupt
// or outdated cache is ignored, the cache lives outside the notebook, and
// notes read and parsed by worker threads are the same as parsed in-process.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_PARSER_VERSION, parseNote } from '../../electron/core/note';
import { notebookCacheDir } from '../../electron/node/notebook-cache-dir';
import { openNotebookGraph, type NotebookGraph, type OpenOptions } from '../../electron/node/open-notebook';
import { PARSE_CACHE_FILE, ParseCache } from '../../electron/node/parse-cache';
import { defaultWorkerPlan, findParseWorkerScript } from '../../electron/node/parse-pool';
import { generateNotebook } from '../bench/generate-notebook';
import { makeTempDir, removeTempDir } from './fs-helpers';

const NOTES: Record<string, string> = {
  'Nix.md': '---\ntitle: Nix\naliases: [Nix language]\n---\n# Nix\nThe [[Flakes]] note and [[2025/2025-01-02 Start|the start]].\n',
  'Flakes.md': '---\ntags: [nix]\n---\nFlakes pin [[Nix]] and link [[Missing note]]. #til\n',
  '2025/2025-01-02 Start.md': 'Started with [[Nix]] and ![[diagram.png]].\n\n```\n[[not a link]]\n```\n',
  'Odd.md': '---\nweird: .inf\n---\nA note whose front matter JSON cannot carry: [[Nix]]\n',
};

let root = '';
let cacheRoot = '';

beforeEach(async () => {
  root = await makeTempDir('nb-parse-cache-');
  cacheRoot = await makeTempDir('nb-cache-root-');
  for (const [id, source] of Object.entries(NOTES)) {
    await mkdir(join(root, id, '..'), { recursive: true });
    await writeFile(join(root, id), source);
  }
  await writeFile(join(root, 'diagram.png'), 'png');
});

afterEach(async () => {
  await removeTempDir(root);
  await removeTempDir(cacheRoot);
});

/** Opens in-process (no threads), the cache under the test's own cache root, and waits for the cache write. */
async function open(options: OpenOptions = {}): Promise<NotebookGraph & { wrote: boolean }> {
  const nb = await openNotebookGraph(root, { cacheDir: cacheRoot, parseWorkers: 0, ...options });
  return { ...nb, wrote: await nb.parseCacheWritten };
}

const cacheFile = () => join(notebookCacheDir(root, cacheRoot), PARSE_CACHE_FILE);
const backlinksOf = (nb: NotebookGraph, id: string) => nb.graph.backlinks(id).map((b) => b.source);

describe('the parse cache', () => {
  it('is written after the first open and used by the second, with the same notes', async () => {
    const first = await open();
    expect(first.timings).toMatchObject({ fromCache: 0, parsed: 4 });
    expect(first.wrote).toBe(true);
    expect(existsSync(cacheFile())).toBe(true);

    const second = await open();
    // Odd.md's front matter cannot be cached: it is parsed every time.
    expect(second.timings).toMatchObject({ fromCache: 3, parsed: 1 });
    expect(second.parsed).toEqual(first.parsed);
    expect(second.parsed).toEqual(second.scan.notes.map((n) => parseNote(n.id, n.source)));
    expect(backlinksOf(second, 'Nix.md')).toEqual(['2025/2025-01-02 Start.md', 'Flakes.md', 'Odd.md']);
  });

  it('keeps nothing inside the notebook, and one cache folder per real path', async () => {
    await open();
    expect((await readdir(root)).sort()).toEqual(['2025', 'Flakes.md', 'Nix.md', 'Odd.md', 'diagram.png']);
    const link = join(cacheRoot, 'link-to-notebook');
    await symlink(root, link);
    expect(notebookCacheDir(link, cacheRoot)).toBe(notebookCacheDir(root, cacheRoot));
    const viaLink = await openNotebookGraph(link, { cacheDir: cacheRoot, parseWorkers: 0 });
    expect(viaLink.timings.fromCache).toBe(3);
  });

  it('parses an edited note again, and a new one, and forgets a deleted one', async () => {
    await open();
    await writeFile(join(root, 'Flakes.md'), '---\ntitle: Flake files\n---\nNow about [[Nix]] only.\n');
    await writeFile(join(root, 'New.md'), 'Links [[Flakes]].\n');
    await rm(join(root, '2025/2025-01-02 Start.md'));

    const reopened = await open();
    expect(reopened.timings).toMatchObject({ fromCache: 1, parsed: 3 });
    expect(reopened.graph.note('Flakes.md')!.title).toBe('Flake files');
    expect(reopened.parsed).toEqual(reopened.scan.notes.map((n) => parseNote(n.id, n.source)));
    expect(reopened.wrote).toBe(true);

    const cache = await ParseCache.load(notebookCacheDir(root, cacheRoot));
    expect(cache.size).toBe(3);
    expect(cache.hashOf('2025/2025-01-02 Start.md')).toBeUndefined();
    expect((await open()).timings).toMatchObject({ fromCache: 3, parsed: 1 });
  });

  it('is not rewritten when it is current', async () => {
    await rm(join(root, 'Odd.md'));
    expect((await open()).wrote).toBe(true);
    const again = await open();
    expect(again.timings).toMatchObject({ fromCache: 3, parsed: 0 });
    expect(again.wrote).toBe(false);
  });

  const corruptions: Array<[string, (text: string) => string]> = [
    ['garbage', () => 'not json at all \u0000\u0001'],
    ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['another shape', () => JSON.stringify({ notes: [] })],
    ['a wrong note count', (text) => text.replace(/"count":\d+/, '"count":99')],
    ['another record layout', (text) => text.replace(/"record":\d+/, '"record":999')],
  ];
  it.each(corruptions)('a corrupt cache (%s) is ignored: every note is parsed', async (_name, corrupt) => {
    await open();
    await writeFile(cacheFile(), corrupt(await readFile(cacheFile(), 'utf8')));
    const reopened = await open();
    expect(reopened.timings).toMatchObject({ fromCache: 0, parsed: 4 });
    expect(reopened.parsed).toEqual(reopened.scan.notes.map((n) => parseNote(n.id, n.source)));
    // And it is replaced by a good one.
    expect(reopened.wrote).toBe(true);
    expect((await open()).timings.fromCache).toBe(3);
  });

  it('a damaged entry costs only that note a parse', async () => {
    await open();
    const text = await readFile(cacheFile(), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('["Nix.md"'));
    lines[at] = `["Nix.md","${'0'.repeat(64)}",[1,2,3]]${lines[at].endsWith(',') ? ',' : ''}`;
    await writeFile(cacheFile(), lines.join('\n'));
    const damaged = JSON.parse(lines.join('\n'));
    expect(damaged[1].length).toBe(3);
    const reopened = await open();
    expect(reopened.timings).toMatchObject({ fromCache: 2, parsed: 2 });
    expect(reopened.graph.note('Nix.md')).toEqual(parseNote('Nix.md', NOTES['Nix.md']));
  });

  it('a record that does not fit the text is refused even when the hash matches', async () => {
    await open();
    const text = await readFile(cacheFile(), 'utf8');
    const data = JSON.parse(text);
    const entry = data[1].find((e: [string]) => e[0] === 'Flakes.md');
    entry[2][10] = [0, 10_000, 4, 'Nix']; // a link far past the end of the note
    await writeFile(cacheFile(), JSON.stringify(data));
    const reopened = await open();
    expect(reopened.timings).toMatchObject({ fromCache: 2, parsed: 2 });
    expect(reopened.graph.note('Flakes.md')).toEqual(parseNote('Flakes.md', NOTES['Flakes.md']));
  });

  it('a cache from another parser version is ignored', async () => {
    await open();
    const text = await readFile(cacheFile(), 'utf8');
    await writeFile(cacheFile(), text.replace(`"parser":${NOTE_PARSER_VERSION}`, `"parser":${NOTE_PARSER_VERSION + 1}`));
    expect((await open()).timings).toMatchObject({ fromCache: 0, parsed: 4 });
    // Loading with a bumped version sees nothing either.
    expect((await ParseCache.load(notebookCacheDir(root, cacheRoot), NOTE_PARSER_VERSION + 1)).size).toBe(0);
    expect((await ParseCache.load(notebookCacheDir(root, cacheRoot))).size).toBe(3);
  });

  it('an unwritable cache folder only means no cache', async () => {
    const blocked = join(cacheRoot, 'file-not-folder');
    await writeFile(blocked, 'x');
    const nb = await openNotebookGraph(root, { cacheDir: blocked, parseWorkers: 0 });
    expect(nb.timings.parsed).toBe(4);
    expect(await nb.parseCacheWritten).toBe(false);
  });

  it('parseCache: false reads and writes nothing', async () => {
    await open();
    const nb = await open({ parseCache: false });
    expect(nb.timings).toMatchObject({ fromCache: 0, parsed: 4 });
    expect(nb.wrote).toBe(false);
  });
});

describe('reading and parsing in worker threads', () => {
  let scratchDir = '';
  let script = '';
  let big = '';
  beforeAll(async () => {
    scratchDir = await makeTempDir('nb-parse-worker-');
    // The real worker bundle, dist/parse-worker.mjs (the global setup builds dist/).
    const built = findParseWorkerScript();
    if (built === null) throw new Error('dist/parse-worker.mjs is missing: run the build (npm run build) first.');
    script = built;
    big = await makeTempDir('nb-parse-big-');
    await generateNotebook(big, 400);
    await writeFile(join(big, 'Odd.md'), NOTES['Odd.md']);
    await writeFile(join(big, 'binary.md'), Buffer.from([0x61, 0, 0x62]));
    await writeFile(join(big, 'latin1.md'), Buffer.from([0x61, 0xe9, 0x62]));
  });
  afterAll(async () => {
    await removeTempDir(scratchDir);
    await removeTempDir(big);
  });

  it.each([
    ['threads that read and parse', true],
    ['threads that only read', false],
  ])('%s give the same scan, notes and graph as in-process, cold and warm', async (_name, workersParse) => {
    const inProcess = await openNotebookGraph(big, { parseCache: false, parseWorkers: 0 });
    expect(inProcess.timings.parseWorkers).toBe(0);
    const options = { cacheDir: cacheRoot, parseWorkers: 2, workersParse, parseWorkerScript: script };
    const cold = await openNotebookGraph(big, options);
    expect(cold.timings).toMatchObject({ parseWorkers: 2, fromCache: 0, parsed: 401 });
    expect(await cold.parseCacheWritten).toBe(true);
    const warm = await openNotebookGraph(big, options);
    expect(warm.timings).toMatchObject({ parseWorkers: 2, fromCache: 400, parsed: 1 });

    for (const nb of [cold, warm]) {
      expect(nb.scan.skipped).toEqual(inProcess.scan.skipped);
      expect(nb.scan.skipped.map((s) => s.reason).sort()).toEqual(['binary', 'invalid-utf8']);
      expect(nb.scan.attachments).toEqual(inProcess.scan.attachments);
      expect(nb.scan.notes.map(({ id, version, bom, eol }) => ({ id, hash: version.hash, size: version.size, bom, eol }))).toEqual(
        inProcess.scan.notes.map(({ id, version, bom, eol }) => ({ id, hash: version.hash, size: version.size, bom, eol })),
      );
      expect(nb.parsed).toEqual(inProcess.parsed);
      expect(nb.graph.unresolved()).toEqual(inProcess.graph.unresolved());
      expect(nb.graph.concepts()).toEqual(inProcess.graph.concepts());
    }
  });

  it('a worker script that cannot run leaves the work, and the cache, to the main thread', async () => {
    const broken = join(scratchDir, 'broken-worker.mjs');
    await writeFile(broken, 'throw new Error("this worker cannot start");\n');
    const inProcess = await openNotebookGraph(big, { parseCache: false, parseWorkers: 0 });
    const cold = await openNotebookGraph(big, { cacheDir: cacheRoot, parseWorkers: 2, workersParse: true, parseWorkerScript: broken });
    expect(cold.timings).toMatchObject({ parseWorkers: 0, fromCache: 0, parsed: 401 });
    expect(await cold.parseCacheWritten).toBe(true);
    const warm = await openNotebookGraph(big, { cacheDir: cacheRoot, parseWorkers: 2, workersParse: true, parseWorkerScript: broken });
    expect(warm.timings).toMatchObject({ parseWorkers: 0, fromCache: 400, parsed: 1 });
    for (const nb of [cold, warm]) {
      expect(nb.parsed).toEqual(inProcess.parsed);
      expect(nb.scan.skipped).toEqual(inProcess.scan.skipped);
    }
  });
});

describe('defaultWorkerPlan', () => {
  it.each([
    [1, { workers: 1, parse: false }],
    [2, { workers: 1, parse: false }],
    [3, { workers: 1, parse: false }],
    [4, { workers: 3, parse: true }],
    [8, { workers: 4, parse: true }],
    [64, { workers: 4, parse: true }],
  ])('%i cores: %j', (cores, plan) => {
    expect(defaultWorkerPlan(cores)).toEqual(plan);
  });
});
