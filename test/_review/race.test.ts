import { mkdtemp, writeFile, readFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { createNotebookService } from '../../electron/node/service';

test('save racing rename: sweep delays', async () => {
  const outcomes: string[] = [];
  for (let delayUs = 0; delayUs < 40; delayUs++) {
    const root = await mkdtemp(join(tmpdir(), 'rv-'));
    const data = await mkdtemp(join(tmpdir(), 'rvd-'));
    await writeFile(join(root, 'Old.md'), '# Old\n');
    await writeFile(join(root, 'Src.md'), 'see [[Old]]\n');
    const s = await createNotebookService({ root, dataDir: data, cacheDir: join(data, 'c'), watch: false });
    const page = await s.getNote({ id: 'Src.md' });
    const ren = s.renameNote({ id: 'Old.md', newId: 'New.md' }).then((r) => 'renamed', (e) => 'renameErr');
    await new Promise((r) => setTimeout(r, delayUs / 4));
    const sr = await s.saveNote({ id: 'Src.md', content: 'see [[Old]]\nUSER TYPED THIS\n', baseVersion: page.version }).then((r) => (r.ok ? 'saveOk' : 'saveConflict'), (e) => 'saveErr:' + e.message);
    const rr = await ren;
    const disk = await readFile(join(root, 'Src.md'), 'utf8');
    const lost = sr === 'saveOk' && !disk.includes('USER TYPED');
    outcomes.push(`${delayUs / 4}ms ${sr} ${rr} lost=${lost} ${JSON.stringify(disk)}`);
    await s.close();
  }
  console.log(outcomes.join('\n'));
});
