// The folder holding one notebook's caches (search index, parsed notes) under
// the user's cache folder: named by the SHA-256 of the notebook's real path,
// so the same folder reached through a link or a relative path shares it and
// nothing is ever written inside the notebook.

import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultCacheDir } from './user-dirs';

/** `<cacheRoot>/<notebookKey(root)>`; `cacheRoot` defaults to the platform's cache folder. */
export function notebookCacheDir(root: string, cacheRoot: string = defaultCacheDir()): string {
  return join(cacheRoot, notebookKey(root));
}

/** The SHA-256 (hex) of `root`'s real path: one name per notebook folder, however it is reached. */
export function notebookKey(root: string): string {
  let real = resolve(root);
  try {
    real = realpathSync.native(real);
  } catch {
    // A folder that is gone still gets a stable name.
  }
  return createHash('sha256').update(real).digest('hex');
}
