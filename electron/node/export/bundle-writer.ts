// Writes an export plan to disk: a folder (atomic writes, every path checked
// to stay inside the output folder, never into the notebook, never over a
// file an earlier export did not write) or a `.zip` whose bytes depend only on
// the plan (fixed timestamps, sorted entries, fixed compression level). A
// lock file lists every file with its sha256 and source note, so
// `checkBundle` can tell whether a bundle still matches the notebook.

import { lstat, mkdir, readdir, readFile, realpath, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ApiError } from '../../core/api';
import { LOCK_FILE } from '../../core/export/presets';
import { isSafeBundlePath } from '../../core/export/bundle-path';
import type { ExportPlan, Preset } from '../../core/export/types';
import { compareCodePoints } from '../../core/resolve';
import { writeFileAtomic } from '../store/atomic-write';
import { hashBytes } from '../store/file-version';
import { isInside } from '../store/walk';

export { LOCK_FILE };

/** A file of the bundle with its bytes. */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
  kind: 'note' | 'attachment' | 'lock';
  /** The note id, or the notebook path of a copied file; '' for the lock file. */
  source: string;
}

export interface LockEntry {
  path: string;
  sha256: string;
  kind: 'note' | 'attachment';
  source: string;
}

export interface BundleLock {
  lockVersion: 1;
  preset: Preset;
  files: LockEntry[];
}

export interface BundleCheck {
  /** True when every file is present with the expected bytes and nothing stale is left. */
  upToDate: boolean;
  /** Bundle paths whose bytes differ from what the notebook gives now. */
  changed: string[];
  /** Expected paths that are not in the bundle. */
  missing: string[];
  /** Paths an earlier export wrote (or a zip holds) that the notebook no longer gives. */
  extra: string[];
  /** False when there is no bundle (no lock file) at the output. */
  found: boolean;
}

export interface WriteResult {
  /** Paths written (created or changed), sorted. */
  written: string[];
  /** Paths already holding the right bytes. */
  unchanged: string[];
  /** Stale paths of an earlier export removed (notes no longer exported, for instance). */
  removed: string[];
}

const ZIP_LEVEL = 6;

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

/**
 * The plan's files with their bytes, plus the lock file. Copied files are read
 * from the notebook by real path, refused when a link leads out of it.
 */
export async function materializeBundle(rootReal: string, plan: ExportPlan): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const file of plan.files) {
    if (!isSafeBundlePath(file.path)) throw new ApiError('outside-root', `Export path "${file.path}" would leave the output folder`);
    if (file.kind === 'note') {
      files.push({ path: file.path, bytes: strToU8(file.contents), kind: 'note', source: file.source });
      continue;
    }
    files.push({ path: file.path, bytes: await readNotebookFile(rootReal, file.source), kind: 'attachment', source: file.source });
  }
  const lock: BundleLock = {
    lockVersion: 1,
    preset: plan.report.preset,
    files: files
      .map((f) => ({ path: f.path, sha256: hashBytes(f.bytes), kind: f.kind as 'note' | 'attachment', source: f.source }))
      .sort((a, b) => compareCodePoints(a.path, b.path)),
  };
  files.push({ path: LOCK_FILE, bytes: strToU8(`${JSON.stringify(lock, null, 2)}\n`), kind: 'lock', source: '' });
  return files.sort((a, b) => compareCodePoints(a.path, b.path));
}

async function readNotebookFile(rootReal: string, relPath: string): Promise<Uint8Array> {
  if (!isSafeBundlePath(relPath)) throw new ApiError('outside-root', `Attachment "${relPath}" is not a path inside the notebook`);
  const absolute = join(rootReal, ...relPath.split('/'));
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    throw new ApiError('not-found', `Attachment "${relPath}" disappeared from the notebook during the export`);
  }
  if (!isInside(rootReal, real) || real === rootReal) {
    throw new ApiError('outside-root', `Attachment "${relPath}" is a link to a file outside the notebook; it is not copied`);
  }
  return new Uint8Array(await readFile(real));
}

/** The zip of a bundle: entries in path order, all dated 1980-01-01, deflate level 6. Same files, same bytes. */
export function zipBundle(files: readonly BundleFile[]): Uint8Array {
  // fflate writes DOS times from local-time fields: a local midnight is 00:00 in every zone.
  const time = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  for (const file of [...files].sort((a, b) => compareCodePoints(a.path, b.path))) {
    entries[file.path] = [file.bytes, { mtime: time, level: ZIP_LEVEL, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(entries, { mtime: time, level: ZIP_LEVEL });
}

/** The real path `path` will have once created: real path of the deepest existing folder, plus the rest. */
async function futureRealPath(path: string): Promise<string> {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

/**
 * Refuses an output inside the notebook (the pages would become notes) or
 * holding it (a stale-file cleanup must never reach a note).
 */
export async function assertOutsideNotebook(rootReal: string, out: string): Promise<void> {
  const outReal = await futureRealPath(out);
  if (isInside(rootReal, outReal)) {
    throw new ApiError('bad-argument', `--out ${out} is inside the notebook (${rootReal}); the exported pages would become notes. Choose a folder outside it.`);
  }
  if (isInside(outReal, rootReal)) {
    throw new ApiError('bad-argument', `--out ${out} holds the notebook (${rootReal}); choose a folder that does not contain it.`);
  }
}

function targetOf(outReal: string, path: string): string {
  if (!isSafeBundlePath(path)) throw new ApiError('outside-root', `Export path "${path}" would leave the output folder`);
  const target = resolve(outReal, ...path.split('/'));
  if (target === outReal || !isInside(outReal, target)) {
    throw new ApiError('outside-root', `Export path "${path}" would leave the output folder`);
  }
  return target;
}

async function readIfFile(path: string): Promise<Uint8Array | null> {
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) throw new ApiError('outside-root', `${path} is a symbolic link; the exporter does not write through links`);
    if (!info.isFile()) throw new ApiError('exists', `${path} exists and is not a file`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The lock of the bundle in `outReal`, or null; a lock that cannot be read is treated as absent. */
async function readLock(outReal: string): Promise<BundleLock | null> {
  const bytes = await readIfFile(join(outReal, LOCK_FILE)).catch(() => null);
  return bytes ? parseLock(bytes) : null;
}

function parseLock(bytes: Uint8Array): BundleLock | null {
  try {
    const lock = JSON.parse(strFromU8(bytes)) as BundleLock;
    if (lock?.lockVersion !== 1 || !Array.isArray(lock.files)) return null;
    return { ...lock, files: lock.files.filter((f) => typeof f?.path === 'string' && isSafeBundlePath(f.path)) };
  } catch {
    return null;
  }
}

/** The parent folders of `target` up to `outReal` must be real folders inside it (no links leading out). */
async function ensureFolder(outReal: string, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  const real = await realpath(folder);
  if (!isInside(outReal, real)) throw new ApiError('outside-root', `${folder} leads outside the output folder (a symbolic link?)`);
}

/**
 * Writes the bundle into the folder `out` (created if needed). Files already
 * holding the right bytes are left alone; files an earlier export listed in
 * its lock and this one does not are removed; a file this exporter did not
 * write, or wrote but the user edited since (its sha256 no longer matches the
 * lock), is never replaced or removed. Nothing is written when a check fails.
 */
export async function writeBundleFolder(rootReal: string, out: string, files: readonly BundleFile[]): Promise<WriteResult> {
  await assertOutsideNotebook(rootReal, out);
  const outInfo = await lstat(resolve(out)).catch(() => null);
  if (outInfo && !outInfo.isDirectory() && !outInfo.isSymbolicLink()) {
    throw new ApiError('exists', `--out ${out} is a file, not a folder; give a folder, or a name ending in .zip for a zip`);
  }
  await mkdir(resolve(out), { recursive: true });
  const outReal = await realpath(resolve(out));
  const previous = await readLock(outReal);
  // A file is the exporter's own only while it still holds the bytes the lock
  // recorded: a listed file edited by hand since is the user's, never replaced or removed.
  const recorded = new Map((previous?.files ?? []).map((f) => [f.path, f.sha256]));
  const isOwn = (path: string, bytes: Uint8Array) => path === LOCK_FILE || recorded.get(path) === hashBytes(bytes);

  // Check everything first, so a refusal leaves the folder as it was.
  const plannedWrites: Array<{ file: BundleFile; target: string }> = [];
  const unchanged: string[] = [];
  const foreign: string[] = [];
  const edited: string[] = [];
  for (const file of files) {
    const target = targetOf(outReal, file.path);
    if (!isInside(outReal, await futureRealPath(dirname(target)))) {
      throw new ApiError('outside-root', `${dirname(target)} leads outside the output folder (a symbolic link?); nothing was written`);
    }
    const existing = await readIfFile(target);
    if (existing !== null && bytesEqual(existing, file.bytes)) {
      unchanged.push(file.path);
      continue;
    }
    if (existing !== null && !isOwn(file.path, existing)) (recorded.has(file.path) ? edited : foreign).push(file.path);
    plannedWrites.push({ file, target });
  }

  const expected = new Set(files.map((f) => f.path));
  const plannedRemovals: Array<{ path: string; target: string }> = [];
  for (const entry of previous?.files ?? []) {
    if (expected.has(entry.path)) continue;
    const target = targetOf(outReal, entry.path);
    const info = await lstat(target).catch(() => null);
    if (!info || !info.isFile()) continue;
    const existing = await readIfFile(target);
    if (existing === null) continue;
    if (!isOwn(entry.path, existing)) edited.push(entry.path);
    else plannedRemovals.push({ path: entry.path, target });
  }
  if (foreign.length > 0 || edited.length > 0) throw refusal(outReal, foreign, edited.sort(compareCodePoints));

  const written: string[] = [];
  // The lock goes last: an interrupted export leaves the old lock, which still lists every file written before.
  for (const { file, target } of plannedWrites.sort((a, b) => Number(a.file.kind === 'lock') - Number(b.file.kind === 'lock'))) {
    await ensureFolder(outReal, dirname(target));
    await writeFileAtomic(target, file.bytes);
    written.push(file.path);
  }

  const removed: string[] = [];
  for (const { path, target } of plannedRemovals) {
    await unlink(target);
    removed.push(path);
    await removeEmptyFolders(outReal, dirname(target));
  }
  return { written: written.sort(compareCodePoints), unchanged: unchanged.sort(compareCodePoints), removed: removed.sort(compareCodePoints) };
}

/** The error refusing an export that would replace or remove files that are not the exporter's own. */
function refusal(outReal: string, foreign: readonly string[], edited: readonly string[]): ApiError {
  const parts: string[] = [];
  if (foreign.length > 0) {
    parts.push(`The export would replace ${foreign.length === 1 ? 'a file' : 'files'} it did not write: ${foreign.join(', ')} (in ${outReal}).`);
  }
  if (edited.length > 0) {
    parts.push(
      `${edited.length === 1 ? 'A file' : 'Files'} of an earlier export ${edited.length === 1 ? 'was' : 'were'} edited by hand since: ${edited.join(', ')} (in ${outReal}); the export would replace or remove ${edited.length === 1 ? 'it' : 'them'}.`,
    );
  }
  const count = foreign.length + edited.length;
  parts.push(`Nothing was written. Move ${count === 1 ? 'it' : 'them'} away (or delete ${count === 1 ? 'it' : 'them'}) and export again, or choose another --out.`);
  return new ApiError('exists', parts.join(' '));
}

async function removeEmptyFolders(outReal: string, folder: string): Promise<void> {
  let current = folder;
  while (current !== outReal && isInside(outReal, current)) {
    const entries = await readdir(current).catch(() => null);
    if (entries === null || entries.length > 0) return;
    await rmdir(current).catch(() => undefined);
    current = dirname(current);
  }
}

/** Writes the zip atomically; the same files give the same bytes. */
export async function writeBundleZip(rootReal: string, out: string, files: readonly BundleFile[]): Promise<WriteResult> {
  await assertOutsideNotebook(rootReal, out);
  const target = resolve(out);
  const bytes = zipBundle(files);
  const existing = await readIfFile(target);
  if (existing !== null && bytesEqual(existing, bytes)) return { written: [], unchanged: [target], removed: [] };
  if (existing !== null && readZip(existing) === null) {
    throw new ApiError('exists', `${target} exists and is not a bundle this exporter wrote (no ${LOCK_FILE} inside); choose another --out`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes);
  return { written: [target], unchanged: [], removed: [] };
}

function readZip(bytes: Uint8Array): Map<string, Uint8Array> | null {
  try {
    const entries = unzipSync(bytes);
    if (!(LOCK_FILE in entries)) return null;
    return new Map(Object.entries(entries));
  } catch {
    return null;
  }
}

/**
 * Compares a bundle on disk (a folder, or a `.zip` when `zip`) with the files
 * the notebook gives now. Extra files are those the bundle's own lock lists
 * (or the zip holds) but the notebook no longer gives; other files in the
 * folder (a site's own pages) are not the bundle's business.
 */
export async function checkBundle(out: string, expected: readonly BundleFile[], zip = false): Promise<BundleCheck> {
  let present: Map<string, Uint8Array | null>;
  let listed: string[];
  if (zip) {
    const existing = await readIfFile(resolve(out)).catch(() => null);
    const entries = existing ? readZip(existing) : null;
    if (!entries) return { upToDate: false, changed: [], missing: expected.map((f) => f.path), extra: [], found: false };
    present = entries;
    listed = [...entries.keys()];
  } else {
    const outReal = await realpath(resolve(out)).catch(() => null);
    const lock = outReal ? await readLock(outReal) : null;
    if (!outReal || !lock) return { upToDate: false, changed: [], missing: expected.map((f) => f.path), extra: [], found: false };
    listed = [LOCK_FILE, ...lock.files.map((f) => f.path)];
    present = new Map();
    for (const path of new Set([...listed, ...expected.map((f) => f.path)])) {
      present.set(path, await readIfFile(targetOf(outReal, path)).catch(() => null));
    }
  }
  const expectedPaths = new Set(expected.map((f) => f.path));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of expected) {
    const bytes = present.get(file.path) ?? null;
    if (bytes === null) missing.push(file.path);
    else if (!bytesEqual(bytes, file.bytes)) changed.push(file.path);
  }
  const extra = [...new Set(listed)].filter((path) => !expectedPaths.has(path) && (present.get(path) ?? null) !== null);
  const sort = (list: string[]) => list.sort(compareCodePoints);
  return {
    upToDate: changed.length === 0 && missing.length === 0 && extra.length === 0,
    changed: sort(changed),
    missing: sort(missing),
    extra: sort(extra),
    found: true,
  };
}
