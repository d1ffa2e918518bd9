// A stand-in renderer build for web host tests, so they do not depend on
// dist/renderer being built: index.html, app.js, app.css and a style sheet.
// A file beside the folder (`secret.txt`) must never be served.

import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RENDERER_SECRET = 'SECRET-BESIDE-THE-RENDERER';

export async function makeRendererDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'nb-renderer-')));
  const dir = join(base, 'renderer');
  await mkdir(join(dir, 'styles'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Research Notebook</title><script type="module" src="/app.js"></script>\n');
  await writeFile(join(dir, 'app.js'), 'console.log("app");\n');
  await writeFile(join(dir, 'app.css'), 'body { margin: 0; }\n');
  await writeFile(join(dir, 'styles', 'theme.css'), ':root { color: black; }\n');
  await writeFile(join(base, 'secret.txt'), `${RENDERER_SECRET}\n`);
  await writeFile(join(base, 'package.json'), `{"secret": "${RENDERER_SECRET}"}\n`);
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}
