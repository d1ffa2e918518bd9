// Every file below a fixture folder, with its note id (root-relative, `/`,
// NFC) and whether the app treats it as a note, in a stable order.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isNoteFileName } from '../../../electron/core/paths';

export interface FixtureFile {
  id: string;
  path: string;
  isNote: boolean;
}

export function filesUnder(root: string): FixtureFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .sort()
    .map((path) => {
      const id = relative(root, path).split('\\').join('/').normalize('NFC');
      return { id, path, isNote: isNoteFileName(id) };
    });
}
