import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/core/api';
import { NoteHistory } from '../../electron/node/history';
import { makeTempDir, removeTempDir } from './fs-helpers';

const T0 = new Date('2025-01-02T10:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);
const days = (n: number): Date => new Date(T0.getTime() + n * 86_400_000);

let dataDir: string;
let history: NoteHistory;

beforeEach(async () => {
  dataDir = await makeTempDir('nb-history-');
  history = new NoteHistory(dataDir, 'notebook-1');
});

afterEach(async () => {
  await removeTempDir(dataDir);
});

describe('NoteHistory', () => {
  it('keeps a snapshot under the data folder and reads it back', async () => {
    const entry = await history.snapshot('2025/02JAN25 - NixOS.md', 'version one ✓\n', T0);
    expect(entry).toEqual({ snapshotId: '20250102T100000000Z', takenAt: '2025-01-02T10:00:00.000Z', size: Buffer.byteLength('version one ✓\n') });
    expect(await history.read('2025/02JAN25 - NixOS.md', '20250102T100000000Z')).toBe('version one ✓\n');
    expect(await readdir(join(dataDir, 'history'))).toEqual(['notebook-1']);
  });

  it('takes at most one snapshot per note per 5 minutes, and lists newest first', async () => {
    expect(await history.snapshot('n.md', 'v1', T0)).not.toBeNull();
    expect(await history.snapshot('n.md', 'v2', minutes(4.9))).toBeNull();
    expect(await history.snapshot('other.md', 'o1', minutes(1))).not.toBeNull(); // per note
    expect(await history.snapshot('n.md', 'v3', minutes(5))).not.toBeNull();
    expect(await history.snapshot('n.md', 'v4', minutes(11))).not.toBeNull();
    const list = await history.list('n.md');
    expect(list.map((e) => e.takenAt)).toEqual([minutes(11), minutes(5), T0].map((d) => d.toISOString()));
    expect(await history.read('n.md', list[1].snapshotId)).toBe('v3');
    expect(await history.list('never-saved.md')).toEqual([]);
  });

  it('prunes snapshots older than 14 days and keeps the rest', async () => {
    await history.snapshot('n.md', 'old', T0);
    await history.snapshot('n.md', 'recent', days(10));
    await history.snapshot('only-old.md', 'old', T0);
    expect(await history.prune(days(15))).toBe(2);
    expect((await history.list('n.md')).map((e) => e.takenAt)).toEqual([days(10).toISOString()]);
    expect(await history.list('only-old.md')).toEqual([]);
    expect(await readdir(join(dataDir, 'history', 'notebook-1'))).toHaveLength(1);
  });

  it('follows a renamed note', async () => {
    await history.snapshot('old name.md', 'text', T0);
    await history.rename('old name.md', 'new name.md');
    expect(await history.list('old name.md')).toEqual([]);
    expect(await history.read('new name.md', '20250102T100000000Z')).toBe('text');
  });

  it.each(['../../../etc/passwd', '20250102T100000000Z/../x', '..', '', '20250102T100000000Z.md', '2025-01-02T10:00:00.000Z'])(
    'refuses snapshot id %j',
    async (snapshotId) => {
      await history.snapshot('n.md', 'v1', T0);
      const error = await history.read('n.md', snapshotId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('bad-argument');
    },
  );

  it('reports a missing snapshot as not found', async () => {
    await expect(history.read('n.md', '20250102T100000000Z')).rejects.toMatchObject({ code: 'not-found' });
  });

  it.each(['../x', 'a/b', '', '..'])('refuses notebook key %j', (key) => {
    expect(() => new NoteHistory(dataDir, key)).toThrow(ApiError);
  });
});
