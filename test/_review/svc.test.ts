import { mkdtemp, writeFile, readFile, mkdir, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from 'vitest';
import { createNotebookService } from '../../electron/node/service';

async function nb(files: Record<string, string>, watch = false) {
  const root = await mkdtemp(join(tmpdir(), 'rv-'));
  const data = await mkdtemp(join(tmpdir(), 'rvd-'));
  for (const [p, t] of Object.entries(files)) { await mkdir(join(root, p, '..'), { recursive: true }); await writeFile(join(root, p), t); }
  const s = await createNotebookService({ root, dataDir: data, cacheDir: join(data, 'c'), watch });
  return { root, data, s };
}

test('linkMentions after an external edit', async () => {
  const { root, s } = await nb({ 'Target.md': '# Target\n', 'Src.md': 'I mention Target here.\n' });
  await writeFile(join(root, 'Src.md'), 'I mention Target here.\nEXTERNAL LINE typed in vim\n');
  const r = await s.linkMentions({ target: 'Target.md' });
  const after = await readFile(join(root, 'Src.md'), 'utf8');
  console.log('LINKMENTIONS result', JSON.stringify(r), 'disk now:', JSON.stringify(after));
  await s.close();
});

test('linkMentions after an external edit, watcher on, immediate call', async () => {
  const { root, s } = await nb({ 'Target.md': '# Target\n', 'Src.md': 'I mention Target here.\n' }, true);
  await writeFile(join(root, 'Src.md'), 'I mention Target here.\nEXTERNAL LINE\n');
  await s.linkMentions({ target: 'Target.md' });
  console.log('LINKMENTIONS watch disk now:', JSON.stringify(await readFile(join(root, 'Src.md'), 'utf8')));
  await s.close();
});

test('rename after an external edit of a linking note', async () => {
  const { root, s } = await nb({ 'Old.md': '# Old\n', 'Src.md': 'see [[Old]]\n' });
  await writeFile(join(root, 'Src.md'), 'see [[Old]]\nEXTERNAL WORK\n');
  const r = await s.renameNote({ id: 'Old.md', newId: 'New.md' });
  console.log('RENAME', JSON.stringify(r), 'disk now:', JSON.stringify(await readFile(join(root, 'Src.md'), 'utf8')));
  await s.close();
});

test('save of a linking note racing a rename', async () => {
  const { root, s } = await nb({ 'Old.md': '# Old\n', 'Src.md': 'see [[Old]]\n' });
  const page = await s.getNote({ id: 'Src.md' });
  const ren = s.renameNote({ id: 'Old.md', newId: 'New.md' });
  const save = s.saveNote({ id: 'Src.md', content: 'see [[Old]]\nUSER TYPED THIS\n', baseVersion: page.version });
  const [rr, sr] = await Promise.all([ren, save]);
  console.log('RACE save', JSON.stringify(sr.ok), 'rename', JSON.stringify(rr), 'disk now:', JSON.stringify(await readFile(join(root, 'Src.md'), 'utf8')));
  await s.close();
});

test('undoDelete when name retaken; createNote variants', async () => {
  const { root, s } = await nb({ 'A.md': 'original A\n' });
  const d = await s.deleteNote({ id: 'A.md' });
  await s.createNote({ kind: 'named', name: 'A', content: 'new A\n' });
  const u = await s.undoDelete({ undoToken: d.undoToken }).catch((e) => `ERR ${e.code}: ${e.message}`);
  console.log('UNDO', JSON.stringify(u), JSON.stringify(await readFile(join(root, 'A.md'), 'utf8')), await readdir(join(root, '.trash')));
  for (const name of ['2025-01-02', 'Caf\u0065\u0301', 'a#b', 'x^y', '[[z]]', 'A ', 'a.MD', 'CON', 'trailing.']) {
    const r = await s.createNote({ kind: 'named', name }).catch((e) => `ERR ${e.code}: ${e.message}`);
    console.log('CREATE', JSON.stringify(name), JSON.stringify(r));
  }
  console.log(await readdir(root));
  await s.close();
});

test('attachments with odd names', async () => {
  const { root, s } = await nb({ 'A.md': 'x\n' });
  for (const name of ['x.html', 'x.svg', 'note.md.', 'a\u202Egnp.exe', 'x.md ', 'NUL.png', 'x.png:stream', 'ok.png', 'ok.png']) {
    const r = await s.saveAttachment({ forNote: 'A.md', name, dataBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') }).catch((e) => `ERR ${e.code}: ${e.message}`);
    console.log('ATT', JSON.stringify(name), JSON.stringify(r));
  }
  console.log(await readdir(join(root, 'attachments')));
  await s.close();
});
