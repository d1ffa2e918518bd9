// Validates the single argument object of every API call before it reaches
// the service. Every transport (Electron IPC, the web host) and the service
// itself call `validateArgs`, so a bad argument is refused in one place with
// a message naming the method, the field and what is wrong, and nothing is
// written. One table of per-method validators built from small combinators.

import { API_METHODS, ApiError } from './api';
import type { ApiArgs, ApiMethod } from './api';

/** Longest id, name, key or token accepted (characters). */
export const MAX_ID_LENGTH = 1024;
/** Longest note content accepted by saveNote/createNote (characters). */
export const MAX_CONTENT_LENGTH = 20 * 1024 * 1024;
/** Longest base64 attachment accepted by saveAttachment (characters). */
export const MAX_ATTACHMENT_BASE64_LENGTH = 25 * 1024 * 1024;
/** Longest search or export query (characters). */
export const MAX_QUERY_LENGTH = 10_000;
/** Longest file name of an attachment (characters, as most file systems allow). */
export const MAX_FILE_NAME_LENGTH = 255;
/** Longest absolute output path of an export. */
export const MAX_OUTPUT_PATH_LENGTH = 4096;
/** Most entries in an argument array (mentions, export notes and tags). */
export const MAX_ARRAY_LENGTH = 100_000;

/** Thrown by a validator: `where` is the field path (`baseVersion.hash`), `what` says what is wrong. */
class Invalid {
  constructor(
    readonly where: string,
    readonly what: string,
  ) {}
}

type Validator<T> = (value: unknown, where: string) => T;

/** Marks an object field that may be absent (or `undefined`, as IPC keeps it). */
interface OptionalField<T> {
  optional: true;
  validate: Validator<T>;
}
type Field<T> = Validator<T> | OptionalField<T>;

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// ---- combinators ---------------------------------------------------------

export function optional<T>(validate: Validator<T>): OptionalField<T> {
  return { optional: true, validate };
}

interface StrOptions {
  max: number;
  /** Refuse the empty string (after trimming). */
  nonEmpty?: boolean;
}

export function str(options: StrOptions): Validator<string> {
  return (value, where) => {
    if (typeof value !== 'string') throw new Invalid(where, `must be a string, got ${describe(value)}`);
    if (value.length > options.max) {
      throw new Invalid(where, `is too long: ${value.length} characters, at most ${options.max}`);
    }
    if (options.nonEmpty && value.trim() === '') throw new Invalid(where, 'must not be empty');
    return value;
  };
}

interface IntOptions {
  min: number;
  max: number;
}

export function int(options: IntOptions): Validator<number> {
  return (value, where) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new Invalid(where, `must be an integer, got ${describe(value)}`);
    }
    if (value < options.min || value > options.max) {
      throw new Invalid(where, `is out of range: ${value}, expected ${options.min} to ${options.max}`);
    }
    return value;
  };
}

export function num(options: { min: number }): Validator<number> {
  return (value, where) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Invalid(where, `must be a finite number, got ${describe(value)}`);
    }
    if (value < options.min) throw new Invalid(where, `is out of range: ${value}, expected at least ${options.min}`);
    return value;
  };
}

export const bool: Validator<boolean> = (value, where) => {
  if (typeof value !== 'boolean') throw new Invalid(where, `must be true or false, got ${describe(value)}`);
  return value;
};

export function oneOf<const T extends string>(choices: readonly T[]): Validator<T> {
  return (value, where) => {
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      throw new Invalid(where, `must be one of ${choices.map((c) => `"${c}"`).join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  };
}

export function arrayOf<T>(item: Validator<T>, options: { max: number }): Validator<T[]> {
  return (value, where) => {
    if (!Array.isArray(value)) throw new Invalid(where, `must be an array, got ${describe(value)}`);
    if (value.length > options.max) {
      throw new Invalid(where, `has too many entries: ${value.length}, at most ${options.max}`);
    }
    return value.map((entry, i) => item(entry, `${where}[${i}]`));
  };
}

type Shape = Record<string, Field<unknown>>;
type Validated<S extends Shape> = {
  [K in keyof S as S[K] extends OptionalField<unknown> ? never : K]: S[K] extends Validator<infer T> ? T : never;
} & {
  [K in keyof S as S[K] extends OptionalField<unknown> ? K : never]?: S[K] extends OptionalField<infer T> ? T : never;
};

/** An object with exactly these fields: missing required and unknown extra fields are refused. */
export function obj<S extends Shape>(shape: S): Validator<Validated<S>> {
  return (value, where) => {
    const label = where === '' ? 'the argument' : where;
    if (!isPlainObject(value)) throw new Invalid(label, `must be an object, got ${describe(value)}`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) {
        throw new Invalid(join(where, key), 'is not a known field');
      }
    }
    for (const [key, field] of Object.entries(shape)) {
      const at = join(where, key);
      const present = Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
      if (typeof field === 'function') {
        if (!present) throw new Invalid(at, 'is missing');
        out[key] = field(value[key], at);
      } else if (present) {
        out[key] = field.validate(value[key], at);
      }
    }
    return out as Validated<S>;
  };
}

/** A union of object shapes told apart by one string field (e.g. `kind`). */
export function variant<T>(tag: string, cases: Record<string, Validator<T>>): Validator<T> {
  const names = Object.keys(cases);
  return (value, where) => {
    const label = where === '' ? 'the argument' : where;
    if (!isPlainObject(value)) throw new Invalid(label, `must be an object, got ${describe(value)}`);
    const chosen = value[tag];
    oneOf(names)(chosen, join(where, tag));
    return cases[chosen as string](value, where);
  };
}

const join = (where: string, key: string): string => (where === '' ? key : `${where}.${key}`);

// ---- domain validators ---------------------------------------------------

/** Why a relative path is unsafe, or null when it stays inside the root. */
export function relativePathProblem(path: string): string | null {
  if (path.includes('\0')) return 'must not contain NUL';
  if (path.includes('\\')) return 'must use "/" and not contain backslashes';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative to the notebook, not absolute';
  for (const segment of path.split('/')) {
    if (segment === '..') return 'must not contain ".." segments';
    if (segment === '.' || segment === '') return 'must not contain empty or "." segments';
  }
  // Control characters never belong in a file name and confuse terminals and logs.
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'must not contain control characters';
  return null;
}

/** Windows device names: a file whose stem is one of these cannot be created or opened there. */
const RESERVED_DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])\s*(\..*)?$/i;
/** Characters Windows refuses in file names (besides `/`, `\` and control characters). */
const WINDOWS_FORBIDDEN = /[:*?"<>|]/;
/** Characters a wikilink cannot carry in its target: `#` heading, `^` block, `[` `]` brackets, `|` alias. */
const WIKILINK_UNREACHABLE = /[#^[\]|]/;

const codePoint = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why one path segment (a file or folder name) cannot be used portably, or
 * null: invisible format characters (a bidi override makes `gpj.exe` look
 * like `exe.jpg`), a trailing dot or space (Windows drops it: two names, one
 * file), a Windows device name as stem (`CON`, `nul.md`, `COM1.png`).
 */
export function pathSegmentProblem(segment: string): string | null {
  const format = /\p{Cf}/u.exec(segment);
  if (format) return `must not contain invisible format characters (${codePoint(format[0])} in "${segment}")`;
  if (/[. ]$/.test(segment)) return `must not end a name with a dot or a space ("${segment}")`;
  if (RESERVED_DEVICE_NAME.test(segment)) return `must not use the Windows device name "${segment.split('.')[0].trim()}" as a name ("${segment}")`;
  return null;
}

/**
 * Why `name` cannot name a new note (createNote `{kind: 'named', name}`), or
 * null. The name is checked trimmed, as the service uses it; `/` places the
 * note in folders inside the notebook. Every segment must be non-empty, not
 * `.` or `..`, must not start with a dot (hidden), must pass
 * `pathSegmentProblem`, and must avoid `\ : * ? " < > |` (Windows) and
 * `# ^ [ ] |` (no wikilink could reach the note).
 */
export function noteNameProblem(name: string): string | null {
  const clean = name.trim();
  if (clean === '') return 'must not be empty';
  const problem = relativePathProblem(clean);
  if (problem) return problem;
  for (const segment of clean.split('/')) {
    if (segment.startsWith('.')) return `must not start a name with a dot, which hides it ("${segment}")`;
    const forbidden = WINDOWS_FORBIDDEN.exec(segment) ?? WIKILINK_UNREACHABLE.exec(segment);
    if (forbidden) return `must not contain "${forbidden[0]}": avoid \\ : * ? " < > | # ^ [ ]`;
    const segmentProblem = pathSegmentProblem(segment);
    if (segmentProblem) return segmentProblem;
  }
  return null;
}

/** A note id: a relative `/`-separated path inside the notebook ending in .md or .markdown. */
export const noteId: Validator<string> = (value, where) => {
  const id = str({ max: MAX_ID_LENGTH, nonEmpty: true })(value, where);
  const problem = relativePathProblem(id);
  if (problem) throw new Invalid(where, `${problem} (got ${describe(id)})`);
  if (!/\.(md|markdown)$/i.test(id)) throw new Invalid(where, `must be a note id ending in .md or .markdown (got ${describe(id)})`);
  return id;
};

/** The id a note is renamed to: a note id that is also a valid new note name (see `noteNameProblem`). */
const newNoteId: Validator<string> = (value, where) => {
  const id = noteId(value, where);
  const problem = noteNameProblem(id);
  if (problem) throw new Invalid(where, `${problem} (got ${describe(id)})`);
  return id;
};

/** A folder relative to the root; '' is the root itself. */
const folderPath: Validator<string> = (value, where) => {
  const folder = str({ max: MAX_ID_LENGTH })(value, where);
  if (folder === '') return folder;
  const problem = relativePathProblem(folder.replace(/\/$/, ''));
  if (problem) throw new Invalid(where, `${problem} (got ${describe(folder)})`);
  return folder;
};

/** One path segment: a file name or an opaque id that may end up in one. */
function fileName(max: number): Validator<string> {
  return (value, where) => {
    const name = str({ max, nonEmpty: true })(value, where);
    if (name.includes('/') || name.includes('\\')) throw new Invalid(where, `must be a single name without "/" or "\\" (got ${describe(name)})`);
    if (name === '.' || name === '..') throw new Invalid(where, `must not be "." or ".."`);
    if (/[\u0000-\u001f\u007f]/.test(name)) throw new Invalid(where, 'must not contain NUL or control characters');
    return name;
  };
}

/** An attachment's file name: one portable segment (see `pathSegmentProblem`). */
const attachmentName: Validator<string> = (value, where) => {
  const name = fileName(MAX_FILE_NAME_LENGTH)(value, where);
  const problem = pathSegmentProblem(name);
  if (problem) throw new Invalid(where, `${problem} (got ${describe(name)})`);
  return name;
};

/** A note name typed by the user; a `/` places it in a subfolder, which must stay inside the root (see `noteNameProblem`). */
const noteName: Validator<string> = (value, where) => {
  const name = str({ max: MAX_ID_LENGTH, nonEmpty: true })(value, where);
  const problem = noteNameProblem(name);
  if (problem) throw new Invalid(where, `${problem} (got ${describe(name)})`);
  return name;
};

const isoDate: Validator<string> = (value, where) => {
  const date = str({ max: 10 })(value, where);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const bad = () => new Invalid(where, `must be a date as YYYY-MM-DD, got ${describe(value)}`);
  if (!match) throw bad();
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) throw bad();
  return date;
};

const sha256Hex: Validator<string> = (value, where) => {
  const hash = str({ max: 64 })(value, where);
  if (!/^[0-9a-f]{64}$/i.test(hash)) throw new Invalid(where, `must be a sha256 hex digest (64 hex digits), got ${describe(value)}`);
  return hash;
};

const base64: Validator<string> = (value, where) => {
  const data = str({ max: MAX_ATTACHMENT_BASE64_LENGTH })(value, where);
  // Standard or URL-safe alphabet, optional padding; whitespace is not expected from FileReader.
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) throw new Invalid(where, 'must be base64 data');
  return data;
};

/** An absolute path on the user's machine (POSIX, drive letter or UNC). */
const absolutePath: Validator<string> = (value, where) => {
  const path = str({ max: MAX_OUTPUT_PATH_LENGTH, nonEmpty: true })(value, where);
  if (path.includes('\0')) throw new Invalid(where, 'must not contain NUL');
  if (!(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'))) {
    throw new Invalid(where, `must be an absolute path, got ${describe(path)}`);
  }
  return path;
};

const id = str({ max: MAX_ID_LENGTH, nonEmpty: true });
const query = str({ max: MAX_QUERY_LENGTH });
const none = obj({});

// ---- the table -------------------------------------------------------------

const validators: { [M in ApiMethod]: Validator<ApiArgs<M>> } = {
  info: none as Validator<ApiArgs<'info'>>,
  timeline: none as Validator<ApiArgs<'timeline'>>,
  getNote: obj({ id: noteId }),
  mentions: obj({ id: noteId }),
  findNote: obj({ name: id }),
  getConcept: obj({ key: id }),
  search: obj({ query, limit: optional(int({ min: 1, max: 1000 })) }),
  quickSwitch: obj({ query: str({ max: MAX_ID_LENGTH }), limit: optional(int({ min: 1, max: 500 })) }),
  createNote: variant<ApiArgs<'createNote'>>('kind', {
    today: obj({ kind: oneOf(['today']), template: optional(noteId) }),
    named: obj({
      kind: oneOf(['named']),
      name: noteName,
      folder: optional(folderPath),
      template: optional(noteId),
      content: optional(str({ max: MAX_CONTENT_LENGTH })),
    }),
  }),
  saveNote: obj({
    id: noteId,
    content: str({ max: MAX_CONTENT_LENGTH }),
    baseVersion: obj({ hash: sha256Hex, mtimeMs: num({ min: 0 }), size: int({ min: 0, max: Number.MAX_SAFE_INTEGER }) }),
  }),
  renameNote: obj({ id: noteId, newId: newNoteId }),
  deleteNote: obj({ id: noteId }),
  undoDelete: obj({ undoToken: id }),
  linkMentions: obj({
    target: noteId,
    mentions: optional(
      arrayOf(obj({ source: noteId, offset: int({ min: 0, max: MAX_CONTENT_LENGTH }) }), { max: MAX_ARRAY_LENGTH }),
    ),
  }),
  tags: none as Validator<ApiArgs<'tags'>>,
  graph: obj({ center: optional(id), depth: optional(int({ min: 0, max: 10 })) }),
  history: obj({ id: noteId }),
  restoreHistory: obj({ id: noteId, snapshotId: fileName(MAX_ID_LENGTH) }),
  saveAttachment: obj({ forNote: noteId, name: attachmentName, dataBase64: base64 }),
  exportBundle: obj({
    preset: oneOf(['hugo', 'jekyll', 'astro', 'plain']),
    query: optional(query),
    tags: optional(arrayOf(id, { max: MAX_ARRAY_LENGTH })),
    since: optional(isoDate),
    until: optional(isoDate),
    notes: optional(arrayOf(noteId, { max: MAX_ARRAY_LENGTH })),
    depth: optional(int({ min: 0, max: 10 })),
    unexportedLinks: optional(oneOf(['text', 'keep', 'fail'])),
    out: absolutePath,
    zip: optional(bool),
    dryRun: optional(bool),
  }),
};

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/**
 * Checks `args` for `method` and returns a fresh copy holding only the known
 * fields. Throws ApiError('bad-argument') naming the method, the field and
 * what is wrong.
 */
export function validateArgs<M extends ApiMethod>(method: M | string, args: unknown): ApiArgs<M> {
  if (!isApiMethod(method)) {
    throw new ApiError('bad-argument', `Unknown API method ${JSON.stringify(String(method).slice(0, 100))}`);
  }
  try {
    return (validators[method] as Validator<ApiArgs<M>>)(args, '');
  } catch (error) {
    if (error instanceof Invalid) {
      const field = error.where === 'the argument' ? 'the argument' : `"${error.where}"`;
      throw new ApiError('bad-argument', `${method}: ${field} ${error.what}`);
    }
    throw error;
  }
}
