// Reads a file of the renderer build (dist/renderer) for the web host and the
// Electron protocol. The decoded segments are already free of `..`; the real
// path is still checked to stay inside the build folder (a symlink could
// point out of it).

import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mimeTypeOf } from './mime';
import { isInside } from './store/walk';

export type StaticFile =
  | { kind: 'file'; bytes: Uint8Array; mime: string }
  | { kind: 'missing' }
  | { kind: 'outside' };

/** `segments` from decodeRequestPath; [] (or a trailing '') serves index.html of that folder. */
export async function readStaticFile(rendererDir: string, segments: readonly string[]): Promise<StaticFile> {
  const parts = segments.length === 0 || segments[segments.length - 1] === '' ? [...segments.filter((s) => s !== ''), 'index.html'] : [...segments];
  let base: string;
  let real: string;
  try {
    base = await realpath(rendererDir);
    real = await realpath(join(base, ...parts));
  } catch {
    return { kind: 'missing' };
  }
  if (!isInside(base, real)) return { kind: 'outside' };
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return { kind: 'missing' };
  return { kind: 'file', bytes: await readFile(real), mime: mimeTypeOf(real) };
}
