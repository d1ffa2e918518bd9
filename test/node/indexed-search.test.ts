import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/core/api';
import type { SearchDoc } from '../../electron/core/search/search-doc';
import { shardCount } from '../../electron/core/search/sharding';
import { IndexedSearch, type IndexedSearchOptions } from '../../electron/node/indexed-search';
import { notebookCacheDir } from '../../electron/node/notebook-cache-dir';
import { findSearchWorker } from '../../electron/node/segment-builder';
import { makeTempDir, removeTempDir } from './fs-helpers';

const TOPICS = ['nix', 'flakes', 'channels', 'derivations', 'generations', 'overlays', 'jellyfin', 'nginx'];

/** `count` notes; note i mentions `marker-i` and two topics. */
function notes(count: number): SearchDoc[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${2020 + (i % 5)}/note ${i}.md`,
    title: `Note ${i} on ${TOPICS[i % TOPICS.length]}`,
    aliases: [],
    tags: i % 3 === 0 ? ['nix/flakes'] : ['misc'],
    body: `Body of marker${i}: about ${TOPICS[(i * 3) % TOPICS.length]} and flake.lock handling with nix-shell.`,
    date: `${2020 + (i % 5)}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}

const ids = (result: SearchResult) => result.hits.map((h) => h.id).sort();

let root: string;
let cacheDir: string;
const opened: IndexedSearch[] = [];

beforeEach(async () => {
  root = await makeTempDir('nb-search-root-');
  cacheDir = await makeTempDir('nb-search-cache-');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await removeTempDir(root);
  await removeTempDir(cacheDir);
});

function open(docs: SearchDoc[], options: Partial<IndexedSearchOptions> = {}): IndexedSearch {
  const search = IndexedSearch.open({ root, docs, cacheDir, workers: 0, ...options });
  opened.push(search);
  return search;
}

/** The folder the shards of `root` are cached in, under `base`. */
function shardFolder(base: string): string {
  return join(notebookCacheDir(root, base), 'search');
}

async function shardFiles(base = cacheDir): Promise<string[]> {
  return (await readdir(shardFolder(base))).filter((n) => n.startsWith('shard-')).sort();
}

describe('IndexedSearch', () => {
  it('indexes from nothing, then reopens from the cache, with the same answers', async () => {
    const docs = notes(50);
    const threads = { workers: 1, workerUrl: findSearchWorker() ?? undefined };
    const first = open(docs, threads);
    expect(first.isReady()).toBe(false);
    const ready = await first.ready;
    expect(ready).toMatchObject({ notes: 50, cache: 'none' });
    expect(ready.ms).toBeGreaterThan(0);
    expect(first.isReady()).toBe(true);
    expect(first.status().workersStarted).toBe(1);
    const answer = first.search('marker7');
    expect(answer).toMatchObject({ mode: 'index', total: 1 });
    expect(answer.hits[0].id).toBe('2022/note 7.md');
    await first.close();
    expect(await shardFiles()).toHaveLength(1);

    const second = open(docs, threads);
    expect(await second.ready).toMatchObject({ notes: 50, cache: 'all' });
    // A warm open starts no thread.
    expect(second.status().workersStarted).toBe(0);
    expect(second.search('marker7')).toEqual(answer);
    expect(second.search('flake.lock', { limit: 100 }).total).toBe(50);
  });

  it('rebuilds only the shard of an edited note (cache: part)', async () => {
    const docs = notes(1000);
    expect(shardCount(1000)).toBe(3);
    await open(docs).ready;
    await Promise.all(opened.splice(0).map((s) => s.close()));
    const before = await shardFiles();
    expect(before).toHaveLength(3);
    const mtimes = new Map(await Promise.all(before.map(async (f) => [f, (await stat(join(shardFolder(cacheDir), f))).mtimeMs] as const)));

    const edited = docs.map((d, i) => (i === 10 ? { ...d, body: 'Rewritten: only about guix now.' } : d));
    const search = open(edited);
    expect(await search.ready).toMatchObject({ notes: 1000, cache: 'part' });
    expect(ids(search.search('guix'))).toEqual([docs[10].id]);
    expect(ids(search.search('marker10'))).toEqual([]);
    await search.close();

    const after = await shardFiles();
    expect(after).toHaveLength(3);
    const kept = after.filter((f) => mtimes.has(f));
    expect(kept).toHaveLength(2);
    for (const f of kept) expect((await stat(join(shardFolder(cacheDir), f))).mtimeMs).toBe(mtimes.get(f));
  });

  it('a note added or removed since the last open rebuilds its shard only', async () => {
    const docs = notes(1000);
    await open(docs).ready;
    await Promise.all(opened.splice(0).map((s) => s.close()));
    const added = [...docs.slice(1), { ...docs[0], id: 'new/note.md', body: 'Brand new text about cachix.' }];
    const search = open(added);
    expect((await search.ready).cache).toBe('part');
    expect(ids(search.search('cachix'))).toEqual(['new/note.md']);
    expect(ids(search.search('marker0'))).toEqual([]);
  });

  it.each<[string, (file: string) => Promise<void>]>([
    ['garbage', (file) => writeFile(file, 'not json at all')],
    ['truncated JSON', async (file) => writeFile(file, (await readFile(file, 'utf8')).slice(0, 500))],
    ['valid JSON of another shape', (file) => writeFile(file, JSON.stringify({ format: 1, docs: [], index: {} }))],
    ['an empty file', (file) => writeFile(file, '')],
  ])('ignores and rebuilds a corrupt cache file (%s)', async (_name, corrupt) => {
    const docs = notes(50);
    await open(docs).ready;
    await Promise.all(opened.splice(0).map((s) => s.close()));
    const [file] = await shardFiles();
    await corrupt(join(shardFolder(cacheDir), file));
    await writeFile(join(shardFolder(cacheDir), 'manifest.json'), '{oops');

    const search = open(docs);
    expect(await search.ready).toMatchObject({ notes: 50, cache: 'none' });
    expect(ids(search.search('marker3'))).toEqual([docs[3].id]);
    await search.close();
    // Rewritten whole: the next open loads it.
    expect(await open(docs).ready).toMatchObject({ cache: 'all' });
  });

  it('a cached shard holding other notes under the expected name is not used', async () => {
    const docs = notes(50);
    await open(docs).ready;
    await Promise.all(opened.splice(0).map((s) => s.close()));
    const [file] = await shardFiles();
    const path = join(shardFolder(cacheDir), file);
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.docs[0].hash = '0000000000000000';
    await writeFile(path, JSON.stringify(json));
    const search = open(docs);
    expect((await search.ready).cache).toBe('none');
    expect(search.search('marker0').total).toBe(1);
  });

  it('answers by scan before it is ready, with the same matches', async () => {
    const docs = notes(300);
    const search = open(docs);
    const early = search.search('channels marker1*', { limit: 100 });
    expect(early.mode).toBe('scan');
    expect(search.isReady()).toBe(false);
    await search.ready;
    const late = search.search('channels marker1*', { limit: 100 });
    expect(late.mode).toBe('index');
    expect(ids(late)).toEqual(ids(early));
    expect(late.total).toBeGreaterThan(0);
  });

  it('reports a query error in both modes instead of throwing', async () => {
    const search = open(notes(20));
    expect(search.search('after:soon')).toMatchObject({ hits: [], error: "after: needs a date like 2025-01-31, got 'soon'.", mode: 'scan' });
    await search.ready;
    expect(search.search('"open')).toMatchObject({ hits: [], mode: 'index' });
    expect(search.search('"open').error).toMatch(/Unclosed quote/);
  });

  it('makes upserts and removals searchable at once, before and after ready', async () => {
    const docs = notes(300);
    const search = open(docs);
    // Before ready: the shard holding the old version must not bring it back.
    search.upsert({ ...docs[5], body: 'Replaced with hydra notes.' });
    search.remove(docs[6].id);
    expect(ids(search.search('hydra'))).toEqual([docs[5].id]);
    await search.ready;
    expect(ids(search.search('hydra'))).toEqual([docs[5].id]);
    expect(search.search('marker5').total).toBe(0);
    expect(search.search('marker6').total).toBe(0);

    search.upsert({ ...docs[7], id: 'renamed/note 7.md' });
    search.remove(docs[7].id);
    expect(ids(search.search('marker7'))).toEqual(['renamed/note 7.md']);
    search.upsert({ ...docs[8], body: 'Now about cachix.' });
    const result = search.search('cachix');
    expect(result.mode).toBe('index');
    expect(ids(result)).toEqual([docs[8].id]);
  });

  it('keeps answering while many edits seal fresh segments and merge them in the background', async () => {
    const docs = notes(200);
    const search = open(docs);
    await search.ready;
    for (let i = 0; i < 200; i++) {
      search.upsert({ ...docs[i], body: `${docs[i].body} revision${i}` });
      if (i % 10 === 0) expect(ids(search.search(`revision${i}`))).toEqual([docs[i].id]);
    }
    for (let tries = 0; tries < 200 && search.status().segments > 4; tries++) {
      search.search('nix');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(search.status().segments).toBeLessThanOrEqual(4);
    expect(search.search('revision*', { limit: 500 }).total).toBe(200);
    expect(search.search('marker42').hits[0].id).toBe(docs[42].id);
  });

  it('builds in worker threads when the bundle exists, with the same index', async () => {
    const workerUrl = findSearchWorker();
    expect(workerUrl, 'dist/search-worker.mjs (built by the test global setup)').not.toBeNull();
    const docs = notes(1000);
    const threaded = open(docs, { workers: 2, workerUrl: workerUrl! });
    expect((await threaded.ready).cache).toBe('none');
    expect(threaded.status().workersStarted).toBe(2);
    // Idle threads are stopped once the index is built.
    expect(threaded.status().workers).toBe(0);
    const inProcessCache = await makeTempDir('nb-search-cache-');
    try {
      const inProcess = open(docs, { workers: 0, cacheDir: inProcessCache });
      await inProcess.ready;
      expect(inProcess.status().workersStarted).toBe(0);
      for (const query of ['nix', 'marker12', 'flake*', 'tag:nix -channels', 'derivatoins~1']) {
        expect(threaded.search(query, { limit: 50 })).toEqual(inProcess.search(query, { limit: 50 }));
      }
      await inProcess.close();
      // Byte-identical shards whichever way they were built.
      const a = await shardFiles();
      const b = await shardFiles(inProcessCache);
      expect(a).toEqual(b);
      for (const f of a) {
        expect(await readFile(join(shardFolder(cacheDir), f), 'utf8')).toBe(await readFile(join(shardFolder(inProcessCache), f), 'utf8'));
      }
    } finally {
      await removeTempDir(inProcessCache);
    }
  });

  it('rebuilds in-process what a stale worker bundle sends back', async () => {
    const script = join(cacheDir, 'old-search-worker.mjs');
    await writeFile(
      script,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (m) => parentPort.postMessage({ job: m.job, json: '{"format":0,"docs":[],"index":{}}' }));`,
    );
    const search = open(notes(1000), { workers: 1, workerUrl: pathToFileURL(script) });
    expect(await search.ready).toMatchObject({ notes: 1000, cache: 'none' });
    expect(search.search('marker3')).toMatchObject({ mode: 'index', total: 1 });
    // And the cache holds the good shards.
    await search.close();
    expect(await open(notes(1000)).ready).toMatchObject({ cache: 'all' });
  });

  it('falls back to building in-process when the worker script is missing', async () => {
    const search = open(notes(30), { workers: 2, workerUrl: new URL('file:///nonexistent/search-worker.mjs') });
    expect((await search.ready).notes).toBe(30);
    expect(search.status().workersStarted).toBe(0);
    expect(search.search('marker3').total).toBe(1);
  });

  it('still indexes when the cache folder cannot be created', async () => {
    const blocker = join(cacheDir, 'a-file');
    await writeFile(blocker, 'x');
    const search = open(notes(20), { cacheDir: blocker });
    expect(await search.ready).toMatchObject({ notes: 20, cache: 'none' });
    expect(search.search('marker4').total).toBe(1);
  });

  it('settles ready when closed before it', async () => {
    const search = IndexedSearch.open({ root, docs: notes(500), cacheDir, workers: 0 });
    await search.close();
    const ready = await search.ready;
    expect(ready.notes).toBe(500);
    expect(search.isReady()).toBe(false);
  });

  it.runIf(process.platform === 'linux')('keeps the cache under $XDG_CACHE_HOME by default, outside the notebook', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cacheDir;
    try {
      const search = IndexedSearch.open({ root, docs: notes(10), workers: 0 });
      opened.push(search);
      await search.ready;
      await search.close();
      expect(existsSync(shardFolder(join(cacheDir, 'research-notebook')))).toBe(true);
      expect(await readdir(root)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
