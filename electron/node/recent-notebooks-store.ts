// The list of recently opened notebook folders (userData/recent-notebooks.json),
// newest first, without duplicates, at most 10; folders that no longer exist
// are left out when the list is read.

import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from './store/atomic-write';

export const MAX_RECENT_NOTEBOOKS = 10;

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

export async function readRecentNotebooks(file: string): Promise<string[]> {
  let list: unknown;
  try {
    list = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const paths = list.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, MAX_RECENT_NOTEBOOKS);
  const present = await Promise.all(paths.map(isFolder));
  return paths.filter((_, i) => present[i]);
}

/** Puts `folder` first and returns the new list. */
export async function addRecentNotebook(file: string, folder: string): Promise<string[]> {
  const absolute = resolve(folder);
  const list = [absolute, ...(await readRecentNotebooks(file)).filter((p) => p !== absolute)].slice(0, MAX_RECENT_NOTEBOOKS);
  await writeList(file, list);
  return list;
}

export async function clearRecentNotebooks(file: string): Promise<void> {
  await writeList(file, []);
}

async function writeList(file: string, list: string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, Buffer.from(JSON.stringify(list, null, 2) + '\n', 'utf8'));
}
