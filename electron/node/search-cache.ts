// The search index cache: one file per shard, outside the notebook, in
// `<user cache>/research-notebook/<sha256 of the notebook's real path>/search/`
// ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
// %LOCALAPPDATA% on Windows; see notebookCacheDir). A shard file is named by
// its content key (sharding.ts): a hash of its notes' ids and content, so a
// file that exists is right for those notes, and an edited note simply makes
// its shard's key new. Files are written atomically (temp file + rename).
// Every failure (unreadable folder, truncated file, full disk) only means a
// shard is built again: the cache is never an error.

import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { notebookCacheDir } from './notebook-cache-dir';
import { cleanStaleTemps, writeFileAtomic } from './store/atomic-write';

const SHARD_FILE = /^shard-([0-9a-f]{16})\.json$/;
const MANIFEST = 'manifest.json';

export interface CacheManifest {
  /** The shard count used, kept while it suits the note count (see shardCount). */
  shards: number;
}

export class SearchIndexCache {
  private constructor(
    /** The folder, or null when it could not be created (nothing is cached then). */
    readonly dir: string | null,
  ) {}

  /** The cache of the notebook at `root`; `cacheRoot` defaults to the platform's cache folder. */
  static async open(root: string, cacheRoot?: string): Promise<SearchIndexCache> {
    const dir = join(notebookCacheDir(root, cacheRoot), 'search');
    try {
      await mkdir(dir, { recursive: true });
      return new SearchIndexCache(dir);
    } catch {
      return new SearchIndexCache(null);
    }
  }

  shardFile(key: string): string | null {
    return this.dir === null ? null : join(this.dir, `shard-${key}.json`);
  }

  /** Whether a file is cached under this key (reading it may still fail). */
  async has(key: string): Promise<boolean> {
    const file = this.shardFile(key);
    if (file === null) return false;
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  }

  /** The shard's JSON text, or null when it is not cached (or cannot be read). */
  async read(key: string): Promise<string | null> {
    const file = this.shardFile(key);
    if (file === null) return null;
    try {
      return await readFile(file, 'utf8');
    } catch {
      return null;
    }
  }

  /** Stores a shard; false when it could not be written. */
  async write(key: string, json: string): Promise<boolean> {
    const file = this.shardFile(key);
    if (file === null) return false;
    try {
      await writeFileAtomic(file, Buffer.from(json, 'utf8'));
      return true;
    } catch {
      return false;
    }
  }

  async readManifest(): Promise<CacheManifest | null> {
    if (this.dir === null) return null;
    try {
      const manifest = JSON.parse(await readFile(join(this.dir, MANIFEST), 'utf8')) as CacheManifest;
      return typeof manifest?.shards === 'number' ? manifest : null;
    } catch {
      return null;
    }
  }

  /** Records the shard count and removes shard files no current shard uses, and temp files of killed writes. */
  async settle(manifest: CacheManifest, keep: ReadonlySet<string>): Promise<void> {
    if (this.dir === null) return;
    try {
      await writeFileAtomic(join(this.dir, MANIFEST), Buffer.from(JSON.stringify(manifest), 'utf8'));
      for (const name of await readdir(this.dir)) {
        const match = SHARD_FILE.exec(name);
        if (match && !keep.has(match[1])) await unlink(join(this.dir, name)).catch(() => undefined);
      }
      await cleanStaleTemps(this.dir);
    } catch {
      // A cache left untidy costs disk space, nothing else.
    }
  }
}
