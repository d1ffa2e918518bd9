// Where a link target leads: DESIGN.md section 2's resolution rules, Obsidian's
// path rules first, then the concept layer. Pure: every lookup goes through a
// `NoteLookup` so the graph (and a "what if this note were renamed" overlay)
// can answer in O(1)-ish time from its maps instead of scanning every note.

import type { ConceptKey, NoteId, Resolution } from './model';
import { conceptKey } from './names';
import { baseNameOf, extensionOf, folderOf, isNoteFileName, resolveRelative, stemOf, withoutNoteExtension } from './paths';

/** The tables resolution reads. Keys are NFC and lower-cased. */
export interface NoteLookup {
  /** Notes whose id without its `.md`/`.markdown` extension, lower-cased, is `key`. */
  notesAtPath(key: string): Iterable<NoteId> | undefined;
  /** Notes whose lower-cased stem is `key`. */
  notesWithStem(key: string): Iterable<NoteId> | undefined;
  /** True when some note carries a name with this concept key. */
  hasConcept(key: ConceptKey): boolean;
  /** Attachment files whose lower-cased base name is `key` (real paths). */
  attachmentsNamed(key: string): Iterable<string> | undefined;
  /** An injected check for attachments the tables do not list. */
  attachmentExists?(path: string): boolean;
}

/**
 * Extensions Obsidian opens as attachments. A link to one of them is an
 * attachment even when the file is missing; any other extension (`Node.js`,
 * `flake.lock`) is a note name unless a file of that name exists.
 */
const ATTACHMENT_EXTENSIONS = new Set(
  'avif bmp gif jpeg jpg png svg webp ico tif tiff heic pdf flac m4a mp3 ogg wav webm 3gp mkv mov mp4 ogv zip csv'
    .split(' ')
    .map((e) => `.${e}`),
);

/** Lower-cased NFC: the form every lookup key takes. */
export function lookupKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** A note id without its note extension, lower-cased: the key of `notesAtPath`. */
export function pathKeyOf(id: NoteId): string {
  const folder = folderOf(id);
  return lookupKey(folder === '' ? stemOf(id) : `${folder}/${stemOf(id)}`);
}

/** True for targets written relative to the linking note: `./x`, `../x`. */
export function isRelativeTarget(target: string): boolean {
  return /^\.\.?(?:\/|\\|$)/.test(target);
}

/** Code-point order (not UTF-16 unit order), so ties break the same everywhere. */
export function compareCodePoints(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Shortest path first, then code-point order: the tie-break of rule 3. */
export function compareByPathLength(a: string, b: string): number {
  return [...a].length - [...b].length || compareCodePoints(a, b);
}

function first(ids: Iterable<string> | undefined, compare: (a: string, b: string) => number): string | null {
  let best: string | null = null;
  for (const id of ids ?? []) if (best === null || compare(id, best) < 0) best = id;
  return best;
}

/** A target as the rules read it: trimmed, NFC, `\` as `/`, a leading `/` meaning the root. */
interface ReadTarget {
  /** The path the rules look up (relative targets already resolved), note extension kept. */
  path: string;
  relative: boolean;
  /** `path` without a note extension. */
  base: string;
}

function readTarget(from: NoteId, target: string): ReadTarget | null {
  const written = target.trim().normalize('NFC').replace(/\\/g, '/');
  if (isRelativeTarget(written)) {
    const path = resolveRelative(from, written);
    return path === null ? null : { path, relative: true, base: withoutNoteExtension(path) };
  }
  const path = written.replace(/^\/+/, '');
  return { path, relative: false, base: withoutNoteExtension(path) };
}

/**
 * The keys a link's resolution depends on, so the graph can re-resolve only
 * the links a changed note could capture: `s:<stem>` (rules 1-3 and
 * attachments all need a file whose last segment matches) and `c:<concept>`
 * (rule 4). A self link (`[[#Heading]]`) depends on nothing.
 */
export function dependencyKeys(from: NoteId, target: string): string[] {
  const read = readTarget(from, target);
  if (read === null || read.base === '') return [];
  const keys = [`s:${lookupKey(baseNameOf(read.base))}`];
  if (!read.relative) keys.push(`c:${conceptKey(read.base)}`);
  return keys;
}

/** The dependency key a note's own file answers to (its stem). */
export function stemDependencyKey(stem: string): string {
  return `s:${lookupKey(stem)}`;
}

/** The dependency key an attachment file answers to (its base name). */
export function attachmentDependencyKey(path: string): string {
  return `s:${lookupKey(baseNameOf(path))}`;
}

/** The dependency key of a concept. */
export function conceptDependencyKey(key: ConceptKey): string {
  return `c:${key}`;
}

/** Rules 1-3 for notes: relative or exact path, own folder, shortest path ending with the target. */
function findNote(lookup: NoteLookup, from: NoteId, read: ReadTarget): NoteId | null {
  const exact = first(lookup.notesAtPath(lookupKey(read.base)), compareCodePoints);
  if (exact !== null || read.relative) return exact;

  const folder = folderOf(from);
  if (folder !== '') {
    const own = first(lookup.notesAtPath(lookupKey(`${folder}/${read.base}`)), compareCodePoints);
    if (own !== null) return own;
  }

  const suffix = `/${lookupKey(read.base)}`;
  const candidates = lookup.notesWithStem(lookupKey(baseNameOf(read.base)));
  let best: NoteId | null = null;
  for (const id of candidates ?? []) {
    if (!pathKeyOf(id).endsWith(suffix)) continue;
    if (best === null || compareByPathLength(id, best) < 0) best = id;
  }
  return best;
}

/** The same path rules for attachment files, from the tables, then the injected check. */
function findAttachment(lookup: NoteLookup, from: NoteId, read: ReadTarget): string | null {
  const named = [...(lookup.attachmentsNamed(lookupKey(baseNameOf(read.path))) ?? [])];
  const wanted = lookupKey(read.path);
  const folder = folderOf(from);
  const ownPath = folder === '' || read.relative ? null : `${folder}/${read.path}`;

  const atPath = (path: string) => first(named.filter((p) => lookupKey(p) === lookupKey(path)), compareCodePoints);
  const exact = atPath(read.path) ?? (lookup.attachmentExists?.(read.path) ? read.path : null);
  if (exact !== null || read.relative) return exact;
  if (ownPath !== null) {
    const own = atPath(ownPath) ?? (lookup.attachmentExists?.(ownPath) ? ownPath : null);
    if (own !== null) return own;
  }
  const suffix = `/${wanted}`;
  return first(
    named.filter((p) => lookupKey(p).endsWith(suffix)),
    compareByPathLength,
  );
}

/**
 * Resolves `target` (as written in a link of note `from`, without `#heading`)
 * by DESIGN.md section 2, case-insensitively:
 *  1. `./x`, `../x` relative to `from`; else an exact path from the root, with or without `.md`;
 *  2. a note in `from`'s folder with that stem (or that path below the folder);
 *  3. any note whose path ends with `/target` (`/target.md`): shortest path, then code-point order;
 *  then an attachment file found by the same path rules;
 *  4. the concept of that name (any note's stem, title or alias);
 *  5. an attachment (missing) when the extension is an attachment type, else unresolved.
 * An empty target (`[[#Heading]]`) is a link to `from` itself. A relative
 * target that names no file is unresolved: it means that one path only.
 */
export function resolveTarget(lookup: NoteLookup, from: NoteId, target: string): Resolution {
  const read = readTarget(from, target);
  if (read === null) {
    const name = withoutNoteExtension(target.trim());
    return { kind: 'unresolved', key: conceptKey(name), name };
  }
  if (read.base === '') return { kind: 'note', id: from };

  const note = findNote(lookup, from, read);
  if (note !== null) return { kind: 'note', id: note };

  const ext = extensionOf(read.path);
  const maybeFile = ext !== '' && !isNoteFileName(read.path);
  if (maybeFile) {
    const file = findAttachment(lookup, from, read);
    if (file !== null) return { kind: 'attachment', path: file, exists: true };
  }

  if (!read.relative) {
    const key = conceptKey(read.base);
    if (lookup.hasConcept(key)) return { kind: 'concept', key };
  }
  if (maybeFile && ATTACHMENT_EXTENSIONS.has(ext)) return { kind: 'attachment', path: read.path, exists: false };
  return { kind: 'unresolved', key: conceptKey(read.base), name: read.base };
}

/** A stable string for a resolution, to compare and to index by. */
export function resolutionKey(resolution: Resolution): string {
  switch (resolution.kind) {
    case 'note':
      return `n:${resolution.id}`;
    case 'concept':
      return `c:${resolution.key}`;
    case 'unresolved':
      return `u:${resolution.key}`;
    case 'attachment':
      return `a:${resolution.exists ? '+' : '-'}${resolution.path}`;
  }
}
