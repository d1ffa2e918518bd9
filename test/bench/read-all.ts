// The read floor: list every Markdown file under a folder and read them all
// with bounded concurrency, with nothing else on top (no parsing, no hashing).

import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../../electron/node/store/concurrency';

export interface ReadFile {
  /** `/`-separated path relative to the root. */
  path: string;
  text: string;
}

export async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.toLowerCase().endsWith('.md') && !p.split('/').some((part) => part.startsWith('.')))
    .sort();
}

export async function readAll(root: string, paths: readonly string[], concurrency = 64): Promise<ReadFile[]> {
  return mapLimit(paths, concurrency, async (path) => ({ path, text: await readFile(join(root, path), 'utf8') }));
}

/** The same read, one file after another on the main thread: on a warm page cache the fastest way. */
export function readAllSync(root: string, paths: readonly string[]): ReadFile[] {
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
