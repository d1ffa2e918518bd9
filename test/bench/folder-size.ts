import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Total bytes of the files under a folder (0 when it does not exist), optionally only the paths `keep` accepts. */
export async function folderBytes(dir: string, keep: (relPath: string) => boolean = () => true): Promise<number> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  let total = 0;
  for (const entry of entries) {
    if (!keep(entry.split('\\').join('/'))) continue;
    const info = await stat(join(dir, entry)).catch(() => null);
    if (info?.isFile()) total += info.size;
  }
  return total;
}
