// The renderer's note session against the real notebook service on a temp
// folder: autosave, reload of a clean buffer, conflicts that keep both texts.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NotePage } from '../../electron/core/api';
import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';
import { NoteSession, type SaveState } from '../../renderer/src/app/note-session';

let base: string;
let root: string;
let service: NotebookService;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'note-session-'));
  root = join(base, 'notes');
  await mkdir(root);
  await writeFile(join(root, 'Nix.md'), '# Nix\n\nThe package manager.\n');
  service = await createNotebookService({ root, watch: false, dataDir: join(base, 'data'), cacheDir: join(base, 'cache') });
});

afterEach(async () => {
  await service.close();
  await rm(base, { recursive: true, force: true });
});

const disk = () => readFile(join(root, 'Nix.md'), 'utf8');

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function open(): Promise<{ session: NoteSession; states: SaveState[]; reloads: NotePage[]; conflicts: number[] }> {
  const page = await service.getNote({ id: 'Nix.md' });
  const states: SaveState[] = [];
  const reloads: NotePage[] = [];
  const conflicts: number[] = [];
  const session = new NoteSession(service, page, {
    delayMs: 20,
    onState: (s) => states.push(s),
    onReload: (p) => reloads.push(p),
    onConflict: () => conflicts.push(Date.now()),
  });
  return { session, states, reloads, conflicts };
}

describe('NoteSession', () => {
  test('autosaves after typing stops, through unsaved and saving to saved', async () => {
    const { session, states } = await open();
    session.edit('# Nix\n\nThe package manager.\nMore.\n');
    expect(session.saveState).toBe('unsaved');
    await until(() => session.saveState === 'saved', 'the autosave');
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
    expect(await disk()).toBe('# Nix\n\nThe package manager.\nMore.\n');
  });

  test('flush saves at once; its own write is not taken for an outside change', async () => {
    const { session, reloads, conflicts } = await open();
    session.edit('flushed\n');
    await session.flush();
    expect(await disk()).toBe('flushed\n');
    await session.externalChange();
    expect(reloads).toEqual([]);
    expect(conflicts).toEqual([]);
    expect(session.saveState).toBe('saved');
  });

  test('a clean buffer reloads what another program wrote, and later saves build on it', async () => {
    const { session, reloads } = await open();
    await writeFile(join(root, 'Nix.md'), 'changed outside\n');
    await session.externalChange();
    expect(reloads.map((p) => p.source)).toEqual(['changed outside\n']);
    expect(session.text).toBe('changed outside\n');
    session.edit('changed outside\nand by me\n');
    await session.flush();
    expect(session.saveState).toBe('saved');
    expect(await disk()).toBe('changed outside\nand by me\n');
  });

  test.each(['event', 'save'] as const)('a dirty buffer under an outside change (noticed by %s) becomes a conflict; keepMine writes mine over the disk version', async (how) => {
    const { session, conflicts } = await open();
    session.edit('mine\n');
    await writeFile(join(root, 'Nix.md'), 'theirs\n');
    if (how === 'event') await session.externalChange();
    else await session.flush();
    expect(session.saveState).toBe('conflict');
    expect(conflicts).toHaveLength(1);
    expect(session.conflict).toMatchObject({ mine: 'mine\n', disk: 'theirs\n' });
    // Nothing is written while the conflict stands.
    session.edit('mine, still typing\n');
    await session.flush();
    expect(await disk()).toBe('theirs\n');
    await session.keepMine();
    expect(session.saveState).toBe('saved');
    expect(await disk()).toBe('mine, still typing\n');
  });

  test('useDisk shows the disk version and writes nothing', async () => {
    const { session } = await open();
    session.edit('mine\n');
    await writeFile(join(root, 'Nix.md'), 'theirs\n');
    await session.externalChange();
    expect(session.useDisk()).toBe('theirs\n');
    expect(session.text).toBe('theirs\n');
    expect(session.saveState).toBe('saved');
    expect(await disk()).toBe('theirs\n');
  });

  test('the same outside change reported twice raises one conflict', async () => {
    const { session, conflicts } = await open();
    session.edit('mine\n');
    await writeFile(join(root, 'Nix.md'), 'theirs\n');
    await session.externalChange();
    await session.externalChange();
    expect(conflicts).toHaveLength(1);
  });
});
