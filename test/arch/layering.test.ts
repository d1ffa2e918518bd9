// The layering of DESIGN.md section 3, enforced: each folder may import only
// the layers below it. A forbidden import fails here with its file and line.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/;

function importsOf(file: string): ImportSite[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = IMPORT.exec(text);
      if (!m) return [];
      return [{ file: relative(root, file), line: i + 1, specifier: m[3] ?? m[4] ?? m[5], typeOnly: Boolean(m[2]) }];
    });
}

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (s: string) => s.startsWith('node:') || nodeBuiltins.has(s.split('/')[0]);

/** The top-level layer a relative import lands in: core, node, main, preload or renderer. */
function layerOf(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = relative(root, resolve(root, fromFile, '..', specifier)).split(sep);
  if (target[0] === 'electron') return target[1];
  return target[0];
}

function violations(dir: string, rule: (site: ImportSite) => string | null): string[] {
  return sourceFiles(join(root, dir))
    .flatMap(importsOf)
    .map((site) => {
      const why = rule(site);
      return why ? `${site.file}:${site.line} imports "${site.specifier}": ${why}` : null;
    })
    .filter((v): v is string => v !== null);
}

describe('layering', () => {
  it('electron/core imports no electron, no Node built-in and no outer layer', () => {
    const found = violations('electron/core', (site) => {
      if (site.specifier === 'electron' || site.specifier.startsWith('electron/')) return 'core must not use Electron';
      if (isBuiltin(site.specifier)) return 'core must not use Node built-ins';
      const layer = layerOf(site.file, site.specifier);
      if (layer && layer !== 'core') return `core must not import ${layer}/`;
      return null;
    });
    expect(found).toEqual([]);
  });

  it('electron/core compiles with no DOM and no Node types', () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'electron/core/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);

  it('electron/node never imports electron, main or preload', () => {
    const found = violations('electron/node', (site) => {
      if (site.specifier === 'electron') return 'node/ must run without Electron';
      const layer = layerOf(site.file, site.specifier);
      if (layer === 'main' || layer === 'preload' || layer === 'renderer') return `node/ must not import ${layer}/`;
      return null;
    });
    expect(found).toEqual([]);
  });

  it('the renderer imports only core (never node, main, preload) and no Node built-in', () => {
    const found = violations('renderer/src', (site) => {
      if (isBuiltin(site.specifier) || site.specifier === 'electron') return 'the renderer runs in a sandboxed page';
      const layer = layerOf(site.file, site.specifier);
      if (layer === 'node' || layer === 'main' || layer === 'preload') return `renderer must not import electron/${layer}/`;
      return null;
    });
    expect(found).toEqual([]);
  });

  it('the rule itself catches a forbidden import', () => {
    expect(isBuiltin('node:fs')).toBe(true);
    expect(isBuiltin('fs/promises')).toBe(true);
    expect(isBuiltin('lunr')).toBe(false);
    expect(layerOf('electron/core/x.ts', '../node/store/scan')).toBe('node');
    expect(layerOf('renderer/src/a/b.ts', '../../../electron/main/ipc')).toBe('main');
    expect(IMPORT.exec(`import type { X } from '../node/y';`)?.[3]).toBe('../node/y');
  });
});
