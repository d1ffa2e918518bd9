// The layering of DESIGN.md section 3, enforced: each folder may import only
// the layers below it. A forbidden import fails here with its file and line.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
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
  /** The line of the module specifier (for a multi-line import, its `} from '...'` line). */
  line: number;
  specifier: string;
}

/**
 * Every import, re-export, side-effect import and dynamic import() of
 * `text`, found by TypeScript's own pre-processor: statements over several
 * lines are seen whole, and comments and strings are not mistaken for imports.
 */
function importsInText(text: string, file: string): ImportSite[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (pos: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= pos) line++;
    return line + 1;
  };
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ({ file, line: lineOf(ref.pos), specifier: ref.fileName }));
}

function importsOf(file: string): ImportSite[] {
  return importsInText(readFileSync(file, 'utf8'), relative(root, file));
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

function coreRule(site: ImportSite): string | null {
  if (site.specifier === 'electron' || site.specifier.startsWith('electron/')) return 'core must not use Electron';
  if (isBuiltin(site.specifier)) return 'core must not use Node built-ins';
  const layer = layerOf(site.file, site.specifier);
  if (layer && layer !== 'core') return `core must not import ${layer}/`;
  return null;
}

describe('layering', () => {
  it('electron/core imports no electron, no Node built-in and no outer layer', () => {
    const found = violations('electron/core', coreRule);
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
    expect(importsInText(`import type { X } from '../node/y';`, 'x.ts').map((site) => site.specifier)).toEqual(['../node/y']);
    // A forbidden import written over several lines, behind a comment that only looks like one.
    const multiLine = `// import { y } from '../main/not-real'\nimport type { A } from '../core/model';\nimport {\n  openNotebook,\n  type OpenedNotebook,\n} from '../node/open-notebook';\n`;
    expect(importsInText(multiLine, 'electron/core/x.ts')).toEqual([
      { file: 'electron/core/x.ts', line: 2, specifier: '../core/model' },
      { file: 'electron/core/x.ts', line: 6, specifier: '../node/open-notebook' },
    ]);
    expect(importsInText(multiLine, 'electron/core/x.ts').map(coreRule)).toEqual([null, 'core must not import node/']);
  });
});
