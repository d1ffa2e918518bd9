import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'vitest';
import { notebookOf } from './export-fixtures';
import { planExport } from '../../electron/core/export/plan';

function walk(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
it('smoke', () => {
  const root = '/work/main/notes';
  const notes: Record<string, string> = {}; const att: string[] = [];
  for (const f of walk(root)) { const r = relative(root, f); if (r.endsWith('.md')) notes[r] = readFileSync(f, 'utf8'); else att.push(r); }
  for (const preset of ['hugo', 'jekyll'] as const) {
    const p = planExport(notebookOf(notes, att), { preset, tags: ['blog'], depth: Number(process.env.DEPTH ?? 0) });
    for (const f of p.files) console.log('=====', f.path, f.kind === 'note' ? '\n' + f.contents : f.source);
    console.log(JSON.stringify({ ...p.report, rewritten: p.report.rewritten.length }, null, 1));
  }
});
