// The notebook folder as the app may touch it: every path is checked to stay
// inside the root (real paths, so a symlink cannot lead out), every save is
// atomic and checked against the version the editor loaded, and nothing is
// ever overwritten silently: a stale save comes back as a conflict holding
// both texts, a new file never replaces an existing one.

import type { Stats } from 'node:fs';
import { link, lstat, mkdir, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApiError, type NoteVersion, type SaveResult } from '../../core/api';
import type { NoteId } from '../../core/model';
import { extensionOf, isNoteFileName } from '../../core/paths';
import { cleanStaleTemps, writeFileAtomic } from './atomic-write';
import { hashBytes, isNoteVersion, sameVersion, versionOf } from './file-version';
import { readFileWithStat } from './read-bytes';
import { decodeText, encodeForDisk, sameTextIgnoringEol, type Eol } from './text-file';
import { isExcludedPath, isInside } from './walk';
import { WriteQueue } from './write-queue';

export interface NoteFile {
  /** The text without a BOM, line endings as found (lossy when `readOnly` because of invalid UTF-8). */
  source: string;
  version: NoteVersion;
  /** Invalid UTF-8, binary, or a file without write permission: never written back. */
  readOnly: boolean;
  bom: boolean;
  eol: Eol;
}

/** Moves a file to the OS trash (Electron's shell.trashItem). */
export type TrashItem = (absolutePath: string) => Promise<void>;

export type TrashedTo = 'os-trash' | 'notebook-trash';

/** Called with the text a save is about to replace (the history snapshot). */
export type BeforeOverwrite = (id: NoteId, previousText: string) => unknown;

export interface FolderStoreOptions {
  trashItem?: TrashItem;
  beforeOverwrite?: BeforeOverwrite;
  /** Problems that must not fail the operation (a history snapshot that could not be written). */
  onWarning?: (message: string) => void;
  /** Remove temp files left by killed saves when opening. Default true. */
  cleanTemps?: boolean;
}

export interface SaveOptions {
  /** Replaces the store's `beforeOverwrite` for this save. */
  beforeOverwrite?: (previousText: string) => unknown;
}

export const NOTEBOOK_TRASH_FOLDER = '.trash';

export class FolderStore {
  /** Hook called before a save replaces content; may be set after opening. */
  beforeOverwrite: BeforeOverwrite | undefined;
  private readonly queue = new WriteQueue();

  private constructor(
    /** The real path of the notebook folder. */
    readonly root: string,
    private readonly options: FolderStoreOptions,
  ) {
    this.beforeOverwrite = options.beforeOverwrite;
  }

  /** Opens an existing folder. A missing or unmounted root is an error, never an empty notebook. */
  static async open(root: string, options: FolderStoreOptions = {}): Promise<FolderStore> {
    if (typeof root !== 'string' || root.trim() === '') {
      throw new ApiError('bad-argument', 'No notebook folder given.');
    }
    let real: string;
    let info: Stats;
    try {
      real = await realpath(resolve(root));
      info = await stat(real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new ApiError('not-found', `The notebook folder "${root}" does not exist (moved, deleted, or on a drive that is not mounted).`);
      }
      throw new ApiError('io', `Cannot open the notebook folder "${root}": ${messageOf(error)}`);
    }
    if (!info.isDirectory()) throw new ApiError('bad-argument', `"${root}" is a file, not a notebook folder.`);
    if (options.cleanTemps !== false) await cleanStaleTemps(real);
    return new FolderStore(real, options);
  }

  /**
   * The absolute path of `relPath` inside the root. Refuses absolute paths,
   * `..`, NUL, and any path whose deepest existing part really lives outside
   * the root (a symlink out, or a link to nothing).
   */
  async resolveInside(relPath: string): Promise<string> {
    const segments = relativeSegments(relPath);
    const wanted = join(this.root, ...segments);
    const logical = (await this.existingSpelling(segments)) ?? wanted;
    let probe = logical;
    for (;;) {
      let real: string;
      try {
        real = await realpath(probe);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw ioError(`resolve "${relPath}"`, error);
        if (probe === this.root) throw new ApiError('unavailable', `The notebook folder "${this.root}" is gone (deleted or unmounted).`);
        if (code === 'ENOENT' && (await lstat(probe).catch(() => null))?.isSymbolicLink()) {
          throw new ApiError('outside-root', `"${relPath}" goes through a link whose target does not exist.`);
        }
        probe = dirname(probe);
        continue;
      }
      if (!isInside(this.root, real)) throw new ApiError('outside-root', `"${relPath}" leads outside the notebook folder.`);
      return logical;
    }
  }

  async read(id: NoteId): Promise<NoteFile> {
    requireNoteName(id);
    const path = await this.resolveInside(id);
    const { bytes, info } = await readWithStat(path, id);
    return toNoteFile(bytes, info);
  }

  /**
   * Saves `text` if the file on disk is still `baseVersion`; otherwise returns
   * the conflict with both texts and writes nothing. Keeps the file's BOM and
   * line endings; an unchanged text is not rewritten.
   */
  async save(id: NoteId, text: string, baseVersion: NoteVersion, options: SaveOptions = {}): Promise<SaveResult> {
    requireNoteName(id);
    if (typeof text !== 'string') throw new ApiError('bad-argument', `The text to save for "${id}" is not a string.`);
    if (!isNoteVersion(baseVersion)) {
      throw new ApiError('bad-argument', `The base version for "${id}" must be { hash (sha256 hex), mtimeMs, size }.`);
    }
    // Join the file's queue before any await, so saves run in the order they were called.
    return this.queue.run([queueKey(join(this.root, id))], async () => {
      const path = await this.resolveInside(id);
      const { bytes, info } = await readWithStat(path, id, `"${id}" was deleted or moved on disk; your text was not saved.`);
      const disk = toNoteFile(bytes, info);
      if (disk.readOnly) throw readOnlyError(id, disk, info);
      if (!sameVersion(disk.version, baseVersion)) {
        return { ok: false, conflict: { disk: disk.source, diskVersion: disk.version, mine: text } };
      }
      const next = encodeForDisk(text, disk);
      if (Buffer.compare(next, bytes) === 0 || sameTextIgnoringEol(text, disk.source)) {
        return { ok: true, version: disk.version };
      }
      await this.keepPrevious(id, disk.source, options);
      // Write through a link to the file it points at, instead of replacing the link.
      const target = await realpath(path).catch(() => path);
      try {
        await writeFileAtomic(target, next, { mode: info.mode & 0o7777, owner: { uid: info.uid, gid: info.gid } });
      } catch (error) {
        throw ioError(`save "${id}"`, error, 'The file on disk is unchanged and your text was not lost.');
      }
      const after = await stat(target).catch(() => null);
      return { ok: true, version: { hash: hashBytes(next), mtimeMs: after?.mtimeMs ?? Date.now(), size: next.length } };
    });
  }

  /** Writes a new note; ApiError('exists') if anything already has that name. Creates parent folders. */
  async create(id: NoteId, text: string, format: { bom?: boolean; eol?: Eol } = {}): Promise<NoteVersion> {
    requireNoteName(id);
    if (typeof text !== 'string') throw new ApiError('bad-argument', `The text for "${id}" is not a string.`);
    const path = await this.resolveInside(id);
    requireVisiblePath(id);
    return this.queue.run([queueKey(path)], async () => {
      const bytes = encodeForDisk(text, { bom: format.bom ?? false, eol: format.eol ?? '\n' });
      await this.writeNew(path, id, bytes);
      const after = await stat(path).catch(() => null);
      return { hash: hashBytes(bytes), mtimeMs: after?.mtimeMs ?? Date.now(), size: bytes.length };
    });
  }

  /** Renames or moves a file inside the root; never replaces an existing file (ApiError('exists')). */
  async move(fromId: string, toId: string): Promise<void> {
    const from = await this.resolveInside(fromId);
    const to = await this.resolveInside(toId);
    requireVisiblePath(toId);
    await this.queue.run([queueKey(from), queueKey(to)], async () => {
      await lstat(from).catch((error: unknown) => {
        throw notFoundOr(error, `"${fromId}" does not exist.`, `move "${fromId}"`);
      });
      try {
        await mkdir(dirname(to), { recursive: true });
        await moveNoReplace(from, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError('exists', `"${toId}" already exists; nothing was moved.`);
        throw ioError(`move "${fromId}" to "${toId}"`, error);
      }
    });
  }

  /**
   * Deletes a file the recoverable way: the OS trash through `trashItem`
   * (the argument, else the store's option), else `<root>/.trash/<path>`
   * under a free name.
   */
  async trash(id: string, trashItem?: TrashItem): Promise<TrashedTo> {
    const path = await this.resolveInside(id);
    return this.queue.run([queueKey(path)], async () => {
      await lstat(path).catch((error: unknown) => {
        throw notFoundOr(error, `"${id}" does not exist.`, `delete "${id}"`);
      });
      const toOsTrash = trashItem ?? this.options.trashItem;
      if (toOsTrash) {
        try {
          await toOsTrash(path);
          return 'os-trash';
        } catch (error) {
          this.options.onWarning?.(`The system trash refused "${id}" (${messageOf(error)}); moved to ${NOTEBOOK_TRASH_FOLDER}/ instead.`);
        }
      }
      const relPath = relative(this.root, path).split(sep).join('/');
      for (let n = 0; n < 10_000; n++) {
        const target = join(this.root, NOTEBOOK_TRASH_FOLDER, ...numbered(relPath, n).split('/'));
        await this.prepareTrashFolder(dirname(target), id);
        try {
          await moveNoReplace(path, target);
          return 'notebook-trash';
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(`move "${id}" to ${NOTEBOOK_TRASH_FOLDER}/`, error);
        }
      }
      throw new ApiError('io', `No free name for "${id}" in ${NOTEBOOK_TRASH_FOLDER}/.`);
    });
  }

  /**
   * Writes a new file (a pasted image); when the name is taken, `name 1.png`,
   * `name 2.png`, ... Returns the relative path used (`/`-separated, NFC).
   */
  async writeAttachment(relPath: string, bytes: Uint8Array): Promise<string> {
    if (!(bytes instanceof Uint8Array)) throw new ApiError('bad-argument', `The content of "${relPath}" is not bytes.`);
    const first = await this.resolveInside(relPath);
    requireVisiblePath(relPath);
    const wanted = relative(this.root, first).split(sep).join('/').normalize('NFC');
    for (let n = 0; n < 10_000; n++) {
      const candidate = numbered(wanted, n);
      const path = await this.resolveInside(candidate);
      const written = await this.queue.run([queueKey(path)], async () => {
        try {
          await this.writeNew(path, candidate, bytes);
          return true;
        } catch (error) {
          if (error instanceof ApiError && error.code === 'exists') return false;
          throw error;
        }
      });
      if (written) return candidate;
    }
    throw new ApiError('io', `No free name for "${relPath}".`);
  }

  /**
   * The bytes of a notebook file. Dot-files, dot-folders (.git, .obsidian,
   * .trash) and node_modules are not part of the notebook and are never
   * served, neither by name nor through a link leading into them.
   */
  async readBytes(relPath: string): Promise<Uint8Array> {
    const path = await this.resolveInside(relPath);
    const hidden = () => new ApiError('not-found', `"${relPath}" is a hidden file or inside a hidden or node_modules folder; it is not part of the notebook.`);
    if (isExcludedPath(slashedPath(relPath))) throw hidden();
    const real = await realpath(path).catch(() => null);
    if (real !== null && real !== this.root && isExcludedPath(relative(this.root, real).split(sep).join('/'))) throw hidden();
    try {
      return await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') throw new ApiError('not-found', `"${relPath}" is a folder, not a file.`);
      throw notFoundOr(error, `"${relPath}" does not exist.`, `read "${relPath}"`);
    }
  }

  /**
   * Creates the folder of `.trash/` that will hold a trashed file. Refuses a
   * `.trash` (or a folder in it) that is a link: the move would follow it out
   * of the notebook.
   */
  private async prepareTrashFolder(folder: string, id: string): Promise<void> {
    const trashRoot = join(this.root, NOTEBOOK_TRASH_FOLDER);
    let current = trashRoot;
    for (const part of ['', ...relative(trashRoot, folder).split(sep).filter((p) => p !== '')]) {
      current = join(current, part);
      const info = await lstat(current).catch(() => null);
      if (info === null) break;
      if (info.isSymbolicLink()) {
        const shown = relative(this.root, current).split(sep).join('/');
        throw new ApiError('outside-root', `"${id}" was not deleted: ${shown} is a symbolic link, and the notebook trash must be a real folder inside the notebook. Remove or rename the link, then delete again.`);
      }
      if (!info.isDirectory()) {
        const shown = relative(this.root, current).split(sep).join('/');
        throw new ApiError('exists', `"${id}" was not deleted: ${shown} is a file, where the notebook trash needs a folder. Rename it, then delete again.`);
      }
    }
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      throw ioError(`move "${id}" to ${NOTEBOOK_TRASH_FOLDER}/`, error);
    }
    // A link swapped in meanwhile would still be caught here, before the move.
    if (!isInside(trashRoot, await realpath(folder))) {
      throw new ApiError('outside-root', `"${id}" was not deleted: ${NOTEBOOK_TRASH_FOLDER}/ leads outside the notebook folder.`);
    }
  }

  /** Resolves once every save, create, move and delete queued so far has finished. */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private async writeNew(path: string, label: string, bytes: Uint8Array): Promise<void> {
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, bytes, { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError('exists', `"${label}" already exists.`);
      throw ioError(`create "${label}"`, error);
    }
  }

  private async keepPrevious(id: NoteId, previous: string, options: SaveOptions): Promise<void> {
    try {
      if (options.beforeOverwrite) await options.beforeOverwrite(previous);
      else await this.beforeOverwrite?.(id, previous);
    } catch (error) {
      // A failed history snapshot must not block the save the user asked for.
      this.options.onWarning?.(`Could not keep the previous version of "${id}": ${messageOf(error)}`);
    }
  }

  /**
   * On a file system that stores names decomposed (NFD) while ids are NFC,
   * the path as actually spelled on disk; null when the plain path is fine.
   */
  private async existingSpelling(segments: string[]): Promise<string | null> {
    // eslint-disable-next-line no-control-regex
    if (segments.every((s) => /^[\x00-\x7f]*$/.test(s))) return null;
    if (await lstat(join(this.root, ...segments)).then(() => true, () => false)) return null;
    let folder = this.root;
    for (const segment of segments) {
      const names = await readdir(folder).catch(() => [] as string[]);
      const match = names.find((name) => name.normalize('NFC') === segment.normalize('NFC'));
      if (match === undefined) return null;
      folder = join(folder, match);
    }
    return folder;
  }
}

// ---- helpers ---------------------------------------------------------

/** The segments of a root-relative path, or ApiError for anything that could leave the root. */
function relativeSegments(relPath: string): string[] {
  if (typeof relPath !== 'string') throw new ApiError('bad-argument', 'A path must be a string.');
  if (relPath.includes('\0')) throw new ApiError('outside-root', `The path "${relPath.replace(/\0/g, '\\0')}" contains a NUL byte.`);
  if (isAbsolute(relPath) || /^[\\/]/.test(relPath) || /^[A-Za-z]:/.test(relPath)) {
    throw new ApiError('outside-root', `"${relPath}" is an absolute path; paths must be relative to the notebook folder.`);
  }
  const segments = relPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ApiError('outside-root', `"${relPath}" climbs out with "..".`);
  if (segments.length === 0) throw new ApiError('bad-argument', `"${relPath}" names no file.`);
  return segments;
}

function requireNoteName(id: string): void {
  if (typeof id !== 'string' || !isNoteFileName(id)) {
    throw new ApiError('bad-argument', `"${String(id)}" is not a note: note files end in .md or .markdown.`);
  }
}

/** New files go where the notebook can see them: not into .git, .obsidian, node_modules or as dot-files. */
/** `relPath` with `/` separators and no empty or `.` segments. */
function slashedPath(relPath: string): string {
  return relPath.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.').join('/');
}

function requireVisiblePath(relPath: string): void {
  if (typeof relPath !== 'string') throw new ApiError('bad-argument', 'A path must be a string.');
  if (isExcludedPath(slashedPath(relPath))) {
    throw new ApiError('bad-argument', `"${relPath}" is a hidden file or inside a hidden or node_modules folder.`);
  }
}

/** `a/name.png`, `a/name 1.png`, `a/name 2.png`, ... */
function numbered(relPath: string, n: number): string {
  if (n === 0) return relPath;
  const ext = extensionOf(relPath);
  const cut = ext === '' ? relPath.length : relPath.length - ext.length;
  return `${relPath.slice(0, cut)} ${n}${relPath.slice(cut)}`;
}

function queueKey(path: string): string {
  // Case- and normalisation-insensitive file systems map these to one file; serialising a little more is harmless.
  return path.normalize('NFC').toLowerCase();
}

async function readWithStat(path: string, id: string, missing = `No note "${id}".`): Promise<{ bytes: Buffer; info: Stats }> {
  try {
    const outcome = await readFileWithStat(path);
    if ('tooLarge' in outcome) throw new Error('unreachable: no size limit');
    return { bytes: outcome.bytes, info: outcome.stat };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new ApiError('not-found', `"${id}" is not a file.`);
    throw notFoundOr(error, missing, `read "${id}"`);
  }
}

function toNoteFile(bytes: Uint8Array, info: Stats): NoteFile {
  const decoded = decodeText(bytes);
  return {
    source: decoded.text,
    version: versionOf(bytes, info),
    readOnly: !decoded.valid || decoded.binary || !ownerMayWrite(info),
    bom: decoded.bom,
    eol: decoded.eol,
  };
}

/** The user marked the file read-only; respected even when running as root. */
function ownerMayWrite(info: Stats): boolean {
  return process.platform === 'win32' ? (info.mode & 0o200) !== 0 : (info.mode & 0o222) !== 0;
}

function readOnlyError(id: string, disk: NoteFile, info: Stats): ApiError {
  const why = !ownerMayWrite(info)
    ? 'the file is marked read-only'
    : disk.readOnly
      ? 'the file is not valid UTF-8 text and saving would damage it'
      : 'the file cannot be written';
  return new ApiError('read-only', `"${id}" was not saved: ${why}.`);
}

/** Moves without ever replacing: a hard link fails if the target exists; the rename fallback checks first. */
async function moveNoReplace(from: string, to: string): Promise<void> {
  const source = await lstat(from);
  if (!source.isSymbolicLink() && !source.isDirectory()) {
    try {
      await link(from, to);
      await unlink(from);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        // The same file under another case (`a.md` -> `A.md` on a case-insensitive disk) is a rename.
        const existing = await lstat(to).catch(() => null);
        if (!existing || existing.ino !== source.ino || existing.dev !== source.dev) throw error;
        await rename(from, to);
        return;
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV' && code !== 'EMLINK') {
        throw error;
      }
    }
  }
  // No hard links here (or a link/folder): check, then rename.
  const existing = await lstat(to).catch(() => null);
  if (existing && (existing.ino !== source.ino || existing.dev !== source.dev)) {
    throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
  }
  await rename(from, to);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ioError(what: string, error: unknown, suffix = ''): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'permission denied or read-only disk'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'the disk is full'
        : code === 'EFBIG'
          ? 'the file is too large for this disk'
          : messageOf(error);
  return new ApiError('io', `Could not ${what}: ${reason}${code ? ` (${code})` : ''}.${suffix ? ` ${suffix}` : ''}`);
}

function notFoundOr(error: unknown, missing: string, what: string): ApiError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ApiError('not-found', missing);
  return ioError(what, error);
}
