// Recently opened notebooks: the list in userData (for the File > Open Recent
// menu) and the OS recent-documents list.

import { app } from 'electron';
import { join } from 'node:path';
import { addRecentNotebook, clearRecentNotebooks, readRecentNotebooks } from '../node/recent-notebooks-store';

const listFile = () => join(app.getPath('userData'), 'recent-notebooks.json');

export function recentNotebooks(): Promise<string[]> {
  return readRecentNotebooks(listFile());
}

export async function rememberNotebook(folder: string): Promise<string[]> {
  app.addRecentDocument(folder);
  return addRecentNotebook(listFile(), folder);
}

export async function forgetRecentNotebooks(): Promise<void> {
  app.clearRecentDocuments();
  await clearRecentNotebooks(listFile());
}
