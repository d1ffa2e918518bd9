// The desktop app's small persistent state, on real files: the window's
// remembered bounds (fitted to today's screens), the recent notebooks list,
// and the `--notebook DIR` argument.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notebookArg } from '../../electron/node/notebook-arg';
import { addRecentNotebook, MAX_RECENT_NOTEBOOKS, readRecentNotebooks } from '../../electron/node/recent-notebooks-store';
import { DEFAULT_WINDOW_STATE, fitToWorkAreas, loadWindowState, saveWindowState, type Rect } from '../../electron/node/window-bounds';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nb-desktop-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 };
const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window bounds', () => {
  it.each([
    ['no saved state: defaults, placed by the OS', null, [laptop], { ...DEFAULT_WINDOW_STATE }],
    ['a position on a present screen is kept', { x: 100, y: 50, width: 1000, height: 700, maximized: false }, [laptop], { x: 100, y: 50, width: 1000, height: 700, maximized: false }],
    ['a window on an unplugged monitor is placed by the OS', { x: 2000, y: 100, width: 1200, height: 800, maximized: true }, [laptop], { width: 1200, height: 800, maximized: true }],
    ['too large for every screen: shrunk to the largest', { x: 1500, y: 10, width: 5000, height: 3000, maximized: false }, [laptop, monitor], { x: 1440, y: 0, width: 2560, height: 1400, maximized: false }],
    ['hanging off the right edge: pulled back in', { x: 1300, y: 100, width: 800, height: 600, maximized: false }, [laptop], { x: 640, y: 100, width: 800, height: 600, maximized: false }],
    ['tiny: grown to the minimum', { x: 10, y: 10, width: 50, height: 20, maximized: false }, [laptop], { x: 10, y: 10, width: 400, height: 300, maximized: false }],
  ])('%s', (_label, saved, areas, expected) => {
    expect(fitToWorkAreas(saved, areas)).toEqual(expected);
  });

  it('saves and loads the state; a corrupt file gives null', async () => {
    const file = join(dir, 'sub', 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    saveWindowState(file, { x: 5, y: 6, width: 900, height: 600, maximized: true });
    expect(await loadWindowState(file)).toEqual({ x: 5, y: 6, width: 900, height: 600, maximized: true });
    await writeFile(file, '{"width": "wide"}');
    expect(await loadWindowState(file)).toBeNull();
    await writeFile(file, 'not json');
    expect(await loadWindowState(file)).toBeNull();
  });
});

describe('recent notebooks', () => {
  it('keeps the newest first, no duplicates, at most the limit, only existing folders', async () => {
    const file = join(dir, 'recent.json');
    const folders = await Promise.all(
      Array.from({ length: MAX_RECENT_NOTEBOOKS + 2 }, async (_, i) => {
        const folder = join(dir, `nb${i}`);
        await mkdir(folder);
        return folder;
      }),
    );
    for (const folder of folders) await addRecentNotebook(file, folder);
    await addRecentNotebook(file, folders[5]);
    const list = await readRecentNotebooks(file);
    expect(list).toHaveLength(MAX_RECENT_NOTEBOOKS);
    expect(list[0]).toBe(folders[5]);
    expect(list[1]).toBe(folders[folders.length - 1]);
    expect(new Set(list).size).toBe(list.length);

    await rm(folders[5], { recursive: true });
    expect(await readRecentNotebooks(file)).not.toContain(folders[5]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toContain(folders[5]);
  });

  it('a missing or corrupt list is empty', async () => {
    expect(await readRecentNotebooks(join(dir, 'none.json'))).toEqual([]);
    await writeFile(join(dir, 'bad.json'), '{"not": "a list"}');
    expect(await readRecentNotebooks(join(dir, 'bad.json'))).toEqual([]);
  });
});

describe('--notebook argument', () => {
  it.each([
    [['electron', '.', '--notebook', 'notes'], '/cwd/notes'],
    [['electron', '.', '--notebook=/abs/nb'], '/abs/nb'],
    [['app', '--notebook', '--other'], null],
    [['app', '--notebook'], null],
    [['app', 'notes'], null],
  ])('%j -> %s', (argv, expected) => {
    expect(notebookArg(argv, '/cwd')).toBe(expected);
  });
});
