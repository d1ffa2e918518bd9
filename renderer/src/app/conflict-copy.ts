// Saves a version that lost a conflict as a new note beside the original, so
// resolving a conflict never throws text away.

import type { NotebookApi } from '../../../electron/core/api';
import { folderOf, stemOf } from '../../../electron/core/paths';

type Client = Pick<NotebookApi, 'createNote'>;

function stamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/** The name of a conflict copy: `<stem> (conflict 2025-01-02 103000)`, numbered when taken. */
export function conflictCopyName(id: string, now: Date, attempt: number): string {
  return `${stemOf(id)} (conflict ${stamp(now)}${attempt > 0 ? ` ${attempt + 1}` : ''})`;
}

export async function saveConflictCopy(client: Client, id: string, content: string, now = new Date()): Promise<string> {
  const folder = folderOf(id);
  for (let attempt = 0; attempt < 20; attempt++) {
    const name = conflictCopyName(id, now, attempt);
    try {
      const result = await client.createNote({ kind: 'named', name, folder: folder || undefined, content });
      if (result.created) return result.id;
    } catch (error) {
      if ((error as { code?: string }).code !== 'exists') throw error;
    }
  }
  throw new Error(`Could not find a free name for a conflict copy of ${id}.`);
}
