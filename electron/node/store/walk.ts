// Lists the files of a notebook folder the way every part of the app sees it:
// dot-folders (.git, .obsidian, .trash) and node_modules are not part of the
// notebook; a symlink is followed only when its real path stays inside the
// root's real path, and each real folder is entered once, so link loops end.

import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface WalkedFile {
  /** Path relative to the root through the links that reached it, `/`-separated, as on disk (not normalised). */
  relPath: string;
  absPath: string;
  /** The file name. */
  name: string;
}

export interface WalkOptions {
  /** Also list dot-files (still never entering dot-folders). Default false. */
  hiddenFiles?: boolean;
  /** Follow symlinks that stay inside the root. Default true. */
  followSymlinks?: boolean;
  /** Skip a path (relative, `/`-separated); a skipped folder is not entered. */
  ignore?: (relPath: string) => boolean;
}

const READDIR_CONCURRENCY = 16;

export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/** A folder that is never part of a notebook. */
export function isExcludedFolderName(name: string): boolean {
  return isHiddenName(name) || name === 'node_modules';
}

/** True when a relative path (`/`-separated) passes through an excluded folder or is a dot-file. */
export function isExcludedPath(relPath: string): boolean {
  const parts = relPath.split('/');
  return parts.some((part, i) => (i < parts.length - 1 ? isExcludedFolderName(part) : isHiddenName(part)));
}

export function isInside(parentReal: string, childReal: string): boolean {
  if (childReal === parentReal) return true;
  const prefix = parentReal.endsWith(sep) ? parentReal : parentReal + sep;
  return childReal.startsWith(prefix);
}

interface PendingDir {
  absPath: string;
  relPath: string;
  realPath: string;
}

/**
 * Every file under `rootReal` (which must already be a real path), sorted by
 * relative path. Throws when `rootReal` itself cannot be read. Folders reached only through links are walked after the
 * plain tree, so a link to a folder that is also reachable directly never
 * shadows the real location.
 */
export async function walkFolder(rootReal: string, options: WalkOptions = {}): Promise<WalkedFile[]> {
  const follow = options.followSymlinks ?? true;
  const files: WalkedFile[] = [];
  const visited = new Set<string>([rootReal]);
  const linkedDirs: PendingDir[] = [];
  let queue: PendingDir[] = [{ absPath: rootReal, relPath: '', realPath: rootReal }];

  const excludedReal = (real: string): boolean => {
    const rel = relative(rootReal, real).split(sep).join('/');
    return rel !== '' && rel.split('/').some(isExcludedFolderName);
  };

  const visit = async (dir: PendingDir, next: PendingDir[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir.absPath, { withFileTypes: true });
    } catch (error) {
      // A missing or unreadable root is an error, never an empty notebook (callers would see every note as deleted).
      if (dir.relPath === '') throw error;
      return; // vanished or unreadable folder: nothing to list
    }
    for (const entry of entries) {
      const name = entry.name;
      const relPath = dir.relPath === '' ? name : `${dir.relPath}/${name}`;
      if (options.ignore?.(relPath)) continue;
      const absPath = join(dir.absPath, name);
      if (entry.isDirectory()) {
        if (isExcludedFolderName(name)) continue;
        const realPath = join(dir.realPath, name);
        if (visited.has(realPath)) continue;
        visited.add(realPath);
        next.push({ absPath, relPath, realPath });
      } else if (entry.isFile()) {
        if (isHiddenName(name) && !options.hiddenFiles) continue;
        files.push({ relPath, absPath, name });
      } else if (entry.isSymbolicLink() && follow) {
        if (isHiddenName(name)) continue;
        let realPath: string;
        let isDir: boolean;
        try {
          realPath = await realpath(absPath);
          isDir = (await stat(realPath)).isDirectory();
        } catch {
          continue; // dangling link
        }
        if (!isInside(rootReal, realPath) || excludedReal(realPath)) continue;
        if (isDir) {
          if (name !== 'node_modules') linkedDirs.push({ absPath, relPath, realPath });
        } else {
          files.push({ relPath, absPath, name });
        }
      }
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const level = queue;
      queue = [];
      for (let i = 0; i < level.length; i += READDIR_CONCURRENCY) {
        await Promise.all(level.slice(i, i + READDIR_CONCURRENCY).map((dir) => visit(dir, queue)));
      }
    }
  };

  await drain();
  // Linked folders, in a stable order; each may reveal further links.
  while (linkedDirs.length > 0) {
    linkedDirs.sort((a, b) => (a.relPath < b.relPath ? 1 : a.relPath > b.relPath ? -1 : 0));
    const dir = linkedDirs.pop() as PendingDir;
    if (visited.has(dir.realPath)) continue;
    visited.add(dir.realPath);
    queue.push(dir);
    await drain();
  }
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return files;
}
