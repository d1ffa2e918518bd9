// Atomic file replacement: write a temp file in the same folder, fsync it,
// rename it over the target, fsync the folder. A crash at any moment leaves
// the target with its old bytes or its new bytes, never a mix or nothing.
//
// Why not write-file-atomic: its temp files are named `note.md.<number>`,
// visible to Obsidian and to other watchers, and indistinguishable from a
// user's own `note.md.1` backup when cleaning up after a crash. Ours are
// dot-files (`.note.md.nbtmp-<pid>-<hex>`), which every notebook tool
// ignores, and they carry the writer's pid so a stale one is recognised
// safely. It also fsyncs the folder after the rename, which write-file-atomic
// does not.

import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { walkFolder } from './walk';

const TEMP_PATTERN = /^\..+\.nbtmp-(\d+)-[0-9a-f]{8}$/;
/** A temp file older than this is stale even if its pid looks alive (pids get reused). */
const STALE_AFTER_MS = 60 * 60 * 1000;

export interface AtomicWriteOptions {
  /** Permission bits for the new file (an existing file's mode is kept by passing it here). */
  mode?: number;
  /** Owner to give the new file when running with the right to (keeps a root-run save from stealing a file). */
  owner?: { uid: number; gid: number };
  /** Fail with EEXIST instead of replacing an existing target. */
  exclusive?: boolean;
}

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.nbtmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function writeFileAtomic(target: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o666);
  try {
    try {
      await handle.writeFile(bytes);
      if (options.mode !== undefined) await handle.chmod(options.mode);
      if (options.owner && process.getuid?.() === 0) await handle.chown(options.owner.uid, options.owner.gid).catch(() => undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) await linkExclusive(temp, target, bytes, options.mode);
    else await renameWithRetry(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));
}

/** Publishes the temp file under `target` only if nothing is there, without a window where `target` is partial. */
async function linkExclusive(temp: string, target: string, bytes: Uint8Array, mode?: number): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links (FAT, some network shares): exclusive create, then fill.
    const handle = await open(target, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (writeError) {
      await handle.close().catch(() => undefined);
      await unlink(target).catch(() => undefined);
      throw writeError;
    }
    await handle.close();
  }
  await unlink(temp);
}

/** Windows refuses a rename for a moment while a virus scanner or indexer holds the target. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 10 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable. Not possible on every platform (Windows): best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // fsync of a directory is unsupported here; the rename is still atomic.
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left by a save that was killed before its rename. The
 * target still holds its old content, so nothing of the user's is lost.
 * Returns the removed paths (relative to the root).
 */
export async function cleanStaleTemps(rootReal: string, now = Date.now()): Promise<string[]> {
  const files = await walkFolder(rootReal, { hiddenFiles: true, followSymlinks: false });
  const removed: string[] = [];
  for (const file of files) {
    const match = TEMP_PATTERN.exec(file.name);
    if (!match) continue;
    try {
      const age = now - (await lstat(file.absPath)).mtimeMs;
      if (processIsAlive(Number(match[1])) && age < STALE_AFTER_MS) continue;
      await unlink(file.absPath);
      removed.push(file.relPath);
    } catch {
      // already gone, or not ours to remove
    }
  }
  return removed;
}
