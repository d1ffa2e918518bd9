// Reads `--notebook DIR` (or `--notebook=DIR`) from the Electron command line,
// also from a second instance's argv.

import { resolve } from 'node:path';

/** The absolute notebook folder named on the command line, or null. */
export function notebookArg(argv: readonly string[], cwd: string = process.cwd()): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--notebook' && i + 1 < argv.length && !argv[i + 1].startsWith('--')) return resolve(cwd, argv[i + 1]);
    if (arg.startsWith('--notebook=') && arg.length > '--notebook='.length) return resolve(cwd, arg.slice('--notebook='.length));
  }
  return null;
}
