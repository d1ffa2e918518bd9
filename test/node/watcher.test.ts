import { mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore } from '../../electron/node/store/folder-store';
import { NotebookWatcher, type WatchEvent, type WatcherOptions } from '../../electron/node/watcher';
import { makeTempDir, removeTempDir, sleep, waitFor, writeTree } from './fs-helpers';

let root: string;
let events: WatchEvent[];
let watcher: NotebookWatcher | null;

const put = (rel: string, content: string): Promise<void> => writeTree(root, { [rel]: content });

async function startWatcher(options: WatcherOptions = {}): Promise<NotebookWatcher> {
  watcher = new NotebookWatcher(root, (event) => events.push(event), { reconcileMs: 0, ...options });
  await watcher.start();
  return watcher;
}

const summary = (): string[] => events.map((e) => `${e.kind} ${e.id}`);
const has = (line: string) => (): boolean => summary().includes(line);

beforeEach(async () => {
  root = await makeTempDir('nb-watch-');
  events = [];
  watcher = null;
  await put('a.md', '# A\n');
  await put('folder/b.md', '# B\n');
});

afterEach(async () => {
  await watcher?.stop();
  await removeTempDir(root);
});

describe('NotebookWatcher', () => {
  it('reports an external edit as one upsert', async () => {
    await startWatcher();
    await put('a.md', '# A edited\n');
    await waitFor('the upsert of a.md', has('upsert a.md'));
    await sleep(300);
    expect(summary()).toEqual(['upsert a.md']);
    expect(events[0].stat?.size).toBe(Buffer.byteLength('# A edited\n'));
  });

  it('reports an editor\'s atomic save (temp file renamed over the note) as one upsert, not a remove', async () => {
    await startWatcher();
    await writeFile(join(root, 'folder', 'b.md.tmp~'), '# B saved atomically\n');
    await rename(join(root, 'folder', 'b.md.tmp~'), join(root, 'folder', 'b.md'));
    await waitFor('the upsert of folder/b.md', has('upsert folder/b.md'));
    await sleep(300);
    expect(summary()).toEqual(['upsert folder/b.md']);
  });

  it('reports a created note, a delete and a rename', async () => {
    await startWatcher();
    await put('new/c.md', '# C\n');
    await waitFor('upsert new/c.md', has('upsert new/c.md'));
    await unlink(join(root, 'a.md'));
    await waitFor('remove a.md', has('remove a.md'));
    await rename(join(root, 'folder', 'b.md'), join(root, 'folder', 'renamed.md'));
    await waitFor('the rename', () => has('remove folder/b.md')() && has('upsert folder/renamed.md')());
    await sleep(300);
    expect(summary().sort()).toEqual(['remove a.md', 'remove folder/b.md', 'upsert folder/renamed.md', 'upsert new/c.md']);
  });

  it('reports the notes of a deleted folder', async () => {
    await put('folder/c.md', '# C\n');
    await startWatcher();
    await rm(join(root, 'folder'), { recursive: true });
    await waitFor('both removes', () => has('remove folder/b.md')() && has('remove folder/c.md')());
  });

  it('reports every note of a burst of 500 files (a git checkout), each once', async () => {
    await startWatcher();
    const ids = Array.from({ length: 500 }, (_, i) => `burst/${String(i).padStart(3, '0')}.md`);
    await mkdir(join(root, 'burst'));
    await Promise.all(ids.map((id) => writeFile(join(root, id), `# ${id}\n`)));
    await waitFor('500 upserts', () => new Set(events.map((e) => e.id)).size === 500, 5000);
    await sleep(300);
    expect(events.every((e) => e.kind === 'upsert')).toBe(true);
    expect(events.map((e) => e.id).sort()).toEqual(ids);
  });

  it('ignores dot-folders, dot-files, node_modules, non-note files and the ignore option', async () => {
    const attachments: string[] = [];
    await startWatcher({ ignore: (rel) => rel.startsWith('private'), onAttachment: (e) => attachments.push(`${e.path} ${e.exists}`) });
    await put('.git/x.md', 'x');
    await put('.obsidian/workspace.md', 'x');
    await put('.a.md.nbtmp-1-deadbeef', 'x');
    await put('node_modules/pkg/README.md', 'x');
    await put('private/diary.md', 'x');
    await put('image.png', 'x');
    await put('a.md', '# A again\n');
    await waitFor('upsert a.md', has('upsert a.md'));
    await sleep(300);
    expect(summary()).toEqual(['upsert a.md']);
    expect(attachments).toEqual(['image.png true']);
  });

  it('does not report the app\'s own save once told about it, but still reports a later external edit', async () => {
    const store = await FolderStore.open(root);
    const w = await startWatcher();
    const result = await store.save('a.md', '# A saved by the app\n', (await store.read('a.md')).version);
    if (!result.ok) throw new Error('save failed');
    w.expectWrite('a.md', result.version);
    await sleep(400);
    expect(summary()).toEqual([]);
    await put('a.md', '# A edited elsewhere\n');
    await waitFor('the external upsert', has('upsert a.md'));
  });

  it('reports what changed while it was stopped when it starts again', async () => {
    const w = await startWatcher();
    await w.stop();
    await put('a.md', '# A changed while stopped\n');
    await unlink(join(root, 'folder', 'b.md'));
    await put('c.md', '# C\n');
    await w.start();
    expect(summary().sort()).toEqual(['remove folder/b.md', 'upsert a.md', 'upsert c.md']);
  });

  it('a seeded watcher reports differences from the caller\'s scan when it starts', async () => {
    watcher = new NotebookWatcher(root, (event) => events.push(event), { reconcileMs: 0 });
    watcher.seed([{ id: 'a.md', version: { mtimeMs: 1, size: 1 } }, { id: 'gone.md', version: { mtimeMs: 1, size: 1 } }]);
    await watcher.start();
    expect(summary().sort()).toEqual(['remove gone.md', 'upsert a.md', 'upsert folder/b.md']);
  });

  it('the periodic reconcile catches a change no file event reported (a note reached through a link)', async () => {
    await symlink(join(root, 'a.md'), join(root, 'alias.md'));
    await startWatcher({ reconcileMs: 200 });
    await put('a.md', '# A, seen through alias.md as well\n');
    // chokidar does not follow links, so only the reconcile walk can see alias.md change.
    await waitFor('upsert alias.md', has('upsert alias.md'));
    await waitFor('upsert a.md', has('upsert a.md'));
  });
});

describe('NotebookWatcher when the notebook folder goes away', () => {
  const goneMessage = /notebook folder .* is gone/;

  it.each([
    ['moved away', async (away: string) => rename(root, away)],
    // An unmounted drive leaves an empty mount point: a folder at the same path, but another one.
    ['replaced by another (empty) folder at the same path', async (away: string) => {
      await rename(root, away);
      await mkdir(root);
    }],
  ])('%s: no removals, one error; back again: changes are reported again', async (_label, takeAway) => {
    const errors: unknown[] = [];
    const away = `${root}-away`;
    await put('folder/c.md', '# C\n');
    const w = await startWatcher({ onError: (error) => errors.push(error), rootRetryMs: 50 });
    try {
      await takeAway(away);
      await w.reconcileNow(); // what the periodic reconcile would do
      await waitFor('the error', () => errors.length > 0);
      await w.reconcileNow();
      await sleep(400);
      expect(summary().filter((line) => line.startsWith('remove'))).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(String((errors[0] as Error).message)).toMatch(goneMessage);

      // Edited while away; then the folder comes back.
      await writeFile(join(away, 'a.md'), '# A edited while away\n');
      await unlink(join(away, 'folder', 'c.md'));
      await rm(root, { recursive: true, force: true });
      await rename(away, root);
      await waitFor('the edit made while away', has('upsert a.md'));
      await waitFor('the delete made while away', has('remove folder/c.md'));
      // Live events work again.
      await put('new.md', '# New\n');
      await waitFor('upsert new.md', has('upsert new.md'));
      await unlink(join(root, 'folder', 'b.md'));
      await waitFor('remove folder/b.md', has('remove folder/b.md'));
      await sleep(200);
      expect(summary().filter((line) => line.startsWith('remove')).sort()).toEqual(['remove folder/b.md', 'remove folder/c.md']);
      expect(errors).toHaveLength(1);
    } finally {
      await removeTempDir(away);
    }
  });

  it('a scan of a missing folder is an error, not an empty notebook', async () => {
    const { walkFolder } = await import('../../electron/node/store/walk');
    await expect(walkFolder(join(root, 'no-such-folder'))).rejects.toThrow(/ENOENT/);
    expect((await walkFolder(root)).map((f) => f.relPath)).toEqual(['a.md', 'folder/b.md']);
  });
});
