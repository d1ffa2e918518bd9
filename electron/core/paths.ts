// Note ids and relative paths. Ids are root-relative, `/`-separated and NFC,
// so the same file gets the same id on every platform and in every cache.

import type { NoteId } from './model';

const NOTE_EXTENSIONS = ['.md', '.markdown'];

/**
 * Turns a root-relative path into a note id: backslashes become `/`, NFC,
 * `./` and `.` segments dropped, `..` folded. Throws an Error naming the path
 * when it is absolute, empty, or climbs above the root.
 */
export function normalizeId(relPath: string): NoteId {
  const slashed = relPath.replace(/\\/g, '/').normalize('NFC');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    throw new Error(`Path "${relPath}" is absolute; a note id must be relative to the notebook root`);
  }
  const segments = foldSegments(slashed.split('/'));
  if (segments === null) {
    throw new Error(`Path "${relPath}" leaves the notebook root`);
  }
  if (segments.length === 0) {
    throw new Error(`Path "${relPath}" names no file inside the notebook`);
  }
  return segments.join('/');
}

/** Folds `.`, empty and `..` segments; null when `..` climbs above the start. */
function foldSegments(parts: string[]): string[] | null {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out;
}

/** True for `.md` and `.markdown` file names, in any case. */
export function isNoteFileName(name: string): boolean {
  const ext = extensionOf(name);
  return NOTE_EXTENSIONS.includes(ext);
}

/** The last path segment. */
export function baseNameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Drops a trailing `.md`/`.markdown` (any case); other extensions are kept. */
export function withoutNoteExtension(path: string): string {
  const ext = extensionOf(path);
  return NOTE_EXTENSIONS.includes(ext) ? path.slice(0, path.length - ext.length) : path;
}

/** The file name without a `.md`/`.markdown` extension (other extensions are kept). */
export function stemOf(id: NoteId): string {
  return withoutNoteExtension(baseNameOf(id));
}

/** Extensions shown as images, by the reader (`![[x.png]]`) and in exported bundles. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.bmp', '.avif', '.ico']);

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.has(extensionOf(path));
}

/** The folder part of an id, '' at the root. */
export function folderOf(id: NoteId): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? '' : id.slice(0, slash);
}

/** The lower-cased extension of the last segment with its dot, '' if none (`.gitignore` has none). */
export function extensionOf(path: string): string {
  const base = baseNameOf(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Joins a folder ('' for the root) and a name. */
export function joinId(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/**
 * Resolves `target` against the folder of `fromId` (as a Markdown link or a
 * `./x` / `../x` wikilink is resolved), folding `.` and `..`. Null when the
 * result leaves the root, is absolute, or names nothing. The caller decides
 * which targets are relative; this only does the path arithmetic.
 */
export function resolveRelative(fromId: NoteId, target: string): string | null {
  const slashed = target.replace(/\\/g, '/').normalize('NFC');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return null;
  const folder = folderOf(fromId);
  const parts = (folder === '' ? [] : folder.split('/')).concat(slashed.split('/'));
  const segments = foldSegments(parts);
  if (segments === null || segments.length === 0) return null;
  return segments.join('/');
}
