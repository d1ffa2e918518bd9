import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { createNotebookService } from '../../electron/node/service';

test('external edit lost with no snapshot when a save happened < 5 min ago', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rv-'));
  const data = await mkdtemp(join(tmpdir(), 'rvd-'));
  await writeFile(join(root, 'Target.md'), '# Target\n');
  await writeFile(join(root, 'Src.md'), 'I mention Target here.\n');
  const s = await createNotebookService({ root, dataDir: data, cacheDir: join(data, 'c'), watch: true });
  const p = await s.getNote({ id: 'Src.md' });
  await s.saveNote({ id: 'Src.md', content: 'I mention Target here.\nv1 from app\n', baseVersion: p.version });
  // another program (vim, git pull, sync client) writes the file
  await writeFile(join(root, 'Src.md'), 'I mention Target here.\nv1 from app\nIMPORTANT EXTERNAL PARAGRAPH\n');
  const r = await s.linkMentions({ target: 'Target.md' });
  const disk = await readFile(join(root, 'Src.md'), 'utf8');
  const hist = await s.history({ id: 'Src.md' });
  const texts = await Promise.all(hist.map((h) => readFile(join(data, 'history'), 'utf8').catch(() => '')));
  const { readdir } = await import('node:fs/promises');
  const { execSync } = await import('node:child_process');
  console.log('RESULT', JSON.stringify(r), '\nDISK', JSON.stringify(disk), '\nHISTORY', JSON.stringify(hist), '\nGREP', execSync(`grep -rl IMPORTANT ${data} || echo none`).toString());
  await s.close();
});
