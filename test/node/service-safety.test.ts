// App-made edits (rename, link mentions, restore) never carry stale text over
// a change another program made, and never replace text no snapshot holds.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';
import { makeTempDir, removeTempDir, writeTree } from './fs-helpers';

let service: NotebookService | null = null;
const tempDirs: string[] = [];
afterEach(async () => {
  await service?.close();
  service = null;
  await Promise.all(tempDirs.splice(0).map(removeTempDir));
});

async function open(files: Record<string, string>) {
  const [root, dataDir, cacheDir] = await Promise.all(['nb-safety-', 'nb-safety-data-', 'nb-safety-cache-'].map(makeTempDir));
  tempDirs.push(root, dataDir, cacheDir);
  await writeTree(root, files);
  // No watcher: the external edit below is one the service has not been told about.
  service = await createNotebookService({ root, dataDir, cacheDir, watch: false });
  return { root, service };
}

describe('app-made edits and external changes', () => {
  it('link mentions re-reads a note another program changed and keeps its new text', async () => {
    const { root, service } = await open({ 'Target.md': '# Target\n', 'Src.md': 'I mention Target here.\n' });
    await writeFile(join(root, 'Src.md'), 'I mention Target here.\nIMPORTANT EXTERNAL PARAGRAPH\n');
    const result = await service.linkMentions({ target: 'Target.md' });
    expect(result.changed).toEqual(['Src.md']);
    expect(await readFile(join(root, 'Src.md'), 'utf8')).toBe('I mention [[Target]] here.\nIMPORTANT EXTERNAL PARAGRAPH\n');
  });

  it('link mentions with offsets from a stale mentions list refuses and writes nothing', async () => {
    const { root, service } = await open({ 'Target.md': '# Target\n', 'Src.md': 'I mention Target here.\n' });
    const [mention] = await service.mentions({ id: 'Target.md' });
    const offset = mention.offset;
    await writeFile(join(root, 'Src.md'), 'New first line.\nI mention Target here.\n');
    await expect(service.linkMentions({ target: 'Target.md', mentions: [{ source: 'Src.md', offset }] })).rejects.toMatchObject({ code: 'not-found' });
    expect(await readFile(join(root, 'Src.md'), 'utf8')).toBe('New first line.\nI mention Target here.\n');
  });

  it('rename rewrites links in a note changed by another program without losing that change', async () => {
    const { root, service } = await open({ 'Old.md': 'old\n', 'Src.md': 'see [[Old]]\n' });
    await writeFile(join(root, 'Src.md'), 'see [[Old]]\nEXTERNAL WORK\n');
    const result = await service.renameNote({ id: 'Old.md', newId: 'New.md' });
    expect(result).toEqual({ id: 'New.md', changed: ['Src.md'] });
    expect(await readFile(join(root, 'Src.md'), 'utf8')).toBe('see [[New]]\nEXTERNAL WORK\n');
  });

  it('restoring a snapshot keeps the text it replaces in the history', async () => {
    const { root, service } = await open({ 'N.md': 'v0\n' });
    const page = await service.getNote({ id: 'N.md' });
    const first = await service.saveNote({ id: 'N.md', content: 'v1\n', baseVersion: page.version });
    if (!first.ok) throw new Error('first save conflicted');
    const second = await service.saveNote({ id: 'N.md', content: 'v2\n', baseVersion: first.version });
    if (!second.ok) throw new Error('second save conflicted');
    const [snapshot] = await service.history({ id: 'N.md' });
    await service.restoreHistory({ id: 'N.md', snapshotId: snapshot.snapshotId });
    expect(await readFile(join(root, 'N.md'), 'utf8')).toBe('v0\n');
    expect((await service.history({ id: 'N.md' })).length).toBeGreaterThanOrEqual(2);
    // v2 (the text the restore replaced) can be restored in turn.
    const newest = (await service.history({ id: 'N.md' }))[0];
    await service.restoreHistory({ id: 'N.md', snapshotId: newest.snapshotId });
    expect(await readFile(join(root, 'N.md'), 'utf8')).toBe('v2\n');
  });
});

describe('where a page may export', () => {
  it('without an export destination a page can preview but not write an export', async () => {
    const { root, service } = await open({ 'Post.md': '---\npublish: true\n---\nHello\n' });
    const out = `${root}-out`;
    const preview = await service.exportBundle({ preset: 'plain', out, dryRun: true });
    expect(preview.notes.map((n) => n.id)).toEqual(['Post.md']);
    await expect(service.exportBundle({ preset: 'plain', out })).rejects.toMatchObject({ code: 'outside-root' });
    expect(existsSync(out)).toBe(false);
  });

  it('notebook serve lets the browser export only into its export folder', async () => {
    const { exportOnlyInto } = await import('../../electron/node/cli/serve-command');
    const allow = exportOnlyInto('/home/me/notes-export');
    await expect(allow('/home/me/notes-export/blog')).resolves.toBe('/home/me/notes-export/blog');
    for (const bad of ['/home/me/.config/autostart', '/home/me/notes-export/../.bashrc.d', '/home/me/notes-exportX']) {
      await expect(allow(bad), bad).rejects.toMatchObject({ code: 'outside-root' });
    }
  });
});
