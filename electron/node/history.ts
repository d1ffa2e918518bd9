// Note history: before a save replaces a note's content, the previous text is
// kept outside the notebook, in the app's data folder, so the notebook stays
// exactly what the user put there (Obsidian and git see nothing new).
// At most one snapshot per note per 5 minutes; snapshots live 14 days.
//
//   <dataDir>/history/<notebookKey>/<sha256(id)[0..32]>/<snapshotId>.md
//   <dataDir>/history/<notebookKey>/<sha256(id)[0..32]>/note-id.txt

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type HistoryEntry } from '../core/api';
import type { NoteId } from '../core/model';
import { writeFileAtomic } from './store/atomic-write';

export const SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;
export const HISTORY_KEEP_MS = 14 * 24 * 60 * 60 * 1000;

/** `20250102T030405123Z`: a UTC instant to the millisecond, sortable, and nothing a path could hide in. */
const SNAPSHOT_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/;
const NOTEBOOK_KEY = /^[A-Za-z0-9_-]{1,128}$/;
const ID_FILE = 'note-id.txt';

export class NoteHistory {
  private readonly folder: string;

  constructor(dataDir: string, notebookKey: string) {
    if (typeof dataDir !== 'string' || dataDir === '') throw new ApiError('bad-argument', 'The history needs a data folder.');
    if (!NOTEBOOK_KEY.test(notebookKey)) {
      throw new ApiError('bad-argument', `"${notebookKey}" is not a usable notebook key (letters, digits, - and _ only).`);
    }
    this.folder = join(dataDir, 'history', notebookKey);
  }

  /**
   * Keeps `text` as the version of `id` before a save; null when the last
   * snapshot is under 5 minutes old, unless `force` (a restore or an edit the
   * app makes on its own must never replace text that no snapshot holds).
   */
  async snapshot(id: NoteId, text: string, now: Date = new Date(), options: { force?: boolean } = {}): Promise<HistoryEntry | null> {
    const dir = this.noteFolder(id);
    const newest = (await this.list(id))[0];
    if (newest && !options.force) {
      const age = now.getTime() - Date.parse(newest.takenAt);
      if (age >= 0 && age < SNAPSHOT_INTERVAL_MS) return null;
    }
    const snapshotId = snapshotIdOf(now);
    const bytes = Buffer.from(text, 'utf8');
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, ID_FILE), Buffer.from(id, 'utf8'));
    await writeFileAtomic(join(dir, `${snapshotId}.md`), bytes);
    return { snapshotId, takenAt: now.toISOString(), size: bytes.length };
  }

  /** Snapshots of `id`, newest first. */
  async list(id: NoteId): Promise<HistoryEntry[]> {
    const dir = this.noteFolder(id);
    const names = await readdir(dir).catch(() => [] as string[]);
    const entries: HistoryEntry[] = [];
    for (const name of names) {
      const snapshotId = name.endsWith('.md') ? name.slice(0, -3) : '';
      const takenAt = instantOf(snapshotId);
      if (takenAt === null) continue;
      const size = await stat(join(dir, name)).then((s) => s.size, () => null);
      if (size !== null) entries.push({ snapshotId, takenAt: takenAt.toISOString(), size });
    }
    return entries.sort((a, b) => (a.snapshotId < b.snapshotId ? 1 : a.snapshotId > b.snapshotId ? -1 : 0));
  }

  async read(id: NoteId, snapshotId: string): Promise<string> {
    if (typeof snapshotId !== 'string' || instantOf(snapshotId) === null) {
      throw new ApiError('bad-argument', `"${String(snapshotId)}" is not a snapshot id.`);
    }
    try {
      return await readFile(join(this.noteFolder(id), `${snapshotId}.md`), 'utf8');
    } catch {
      throw new ApiError('not-found', `No snapshot ${snapshotId} of "${id}".`);
    }
  }

  /** The history follows a renamed note. Snapshots already at the new name are kept. */
  async rename(fromId: NoteId, toId: NoteId): Promise<void> {
    const from = this.noteFolder(fromId);
    const to = this.noteFolder(toId);
    const names = await readdir(from).catch(() => [] as string[]);
    if (names.length === 0) return;
    await mkdir(to, { recursive: true });
    for (const name of names) {
      if (name === ID_FILE) continue;
      const taken = await stat(join(to, name)).then(() => true, () => false);
      if (!taken) await rename(join(from, name), join(to, name));
    }
    await writeFileAtomic(join(to, ID_FILE), Buffer.from(toId, 'utf8'));
    await rm(from, { recursive: true, force: true });
  }

  /** Deletes snapshots older than 14 days (and folders left empty). Returns how many were deleted. */
  async prune(now: Date = new Date()): Promise<number> {
    let deleted = 0;
    const folders = await readdir(this.folder).catch(() => [] as string[]);
    for (const folder of folders) {
      const dir = join(this.folder, folder);
      const names = await readdir(dir).catch(() => [] as string[]);
      let kept = 0;
      for (const name of names) {
        const takenAt = name.endsWith('.md') ? instantOf(name.slice(0, -3)) : null;
        if (takenAt === null) continue;
        if (now.getTime() - takenAt.getTime() > HISTORY_KEEP_MS) {
          await unlink(join(dir, name)).then(() => deleted++, () => undefined);
        } else {
          kept++;
        }
      }
      if (kept === 0) await rm(dir, { recursive: true, force: true });
    }
    return deleted;
  }

  private noteFolder(id: NoteId): string {
    if (typeof id !== 'string' || id === '') throw new ApiError('bad-argument', 'A note id is needed for its history.');
    return join(this.folder, createHash('sha256').update(id.normalize('NFC')).digest('hex').slice(0, 32));
  }
}

function snapshotIdOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

function instantOf(snapshotId: string): Date | null {
  const m = SNAPSHOT_ID.exec(snapshotId);
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
