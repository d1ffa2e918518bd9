// Builds every bundle the app, the CLI, the web host and the tests run:
// dist/cli.mjs, dist/search-worker.mjs, dist/main/main.cjs,
// dist/preload/preload.cjs, dist/renderer/ and dist/bench/bench.mjs.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (p) => join(root, p);
const quiet = { logLevel: 'warning', sourcemap: 'linked', target: 'node20' };

rmSync(at('dist'), { recursive: true, force: true });

const nodeBundles = [
  { in: 'electron/node/cli/main.ts', out: 'dist/cli.mjs' },
  { in: 'electron/node/search-worker.ts', out: 'dist/search-worker.mjs' },
  { in: 'electron/node/parse-worker.ts', out: 'dist/parse-worker.mjs' },
  { in: 'test/bench/bench.ts', out: 'dist/bench/bench.mjs' },
];
for (const b of nodeBundles) {
  await build({
    ...quiet,
    entryPoints: [at(b.in)],
    outfile: at(b.out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
  });
}

// Electron's main process and the sandboxed preload load CommonJS, where
// import.meta is empty: give it the bundle's own file URL.
const cjsImportMeta = {
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundle_url' },
};
await build({
  ...quiet,
  ...cjsImportMeta,
  entryPoints: [at('electron/main/main.ts')],
  outfile: at('dist/main/main.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  packages: 'external',
});
await build({
  ...quiet,
  entryPoints: [at('electron/preload/preload.ts')],
  outfile: at('dist/preload/preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
});

await build({
  ...quiet,
  entryPoints: { app: at('renderer/src/main.ts') },
  outdir: at('dist/renderer'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome120',
  loader: { '.css': 'css' },
});
mkdirSync(at('dist/renderer'), { recursive: true });
cpSync(at('renderer/index.html'), at('dist/renderer/index.html'));
if (existsSync(at('renderer/styles'))) cpSync(at('renderer/styles'), at('dist/renderer/styles'), { recursive: true });
