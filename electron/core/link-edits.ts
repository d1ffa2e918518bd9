// Pure text edits behind "rename a note" and "link mentions". Each edit
// replaces only the target part of one link (or wraps one mention); edits are
// applied from the end of the text so earlier offsets stay valid, and nothing
// else in the file changes: line endings, spacing, aliases, headings and
// embeds are kept byte for byte.

import type { LinkGraph } from './graph';
import type { Mention, NoteId, RawLink, Resolution } from './model';
import { baseNameOf, folderOf, stemOf } from './paths';
import { compareCodePoints, lookupKey, pathKeyOf, resolveTarget, type NoteLookup } from './resolve';

/** One replacement of [start, end) in a note's source. */
interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What a rewritten link must still reach. */
export type Destination = { kind: 'note'; id: NoteId } | { kind: 'attachment'; path: string };

/** Applies non-overlapping edits from the end so offsets stay valid. */
export function applyEdits(source: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = source;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`Overlapping edits at offset ${edit.start}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** Characters a wikilink target cannot hold. */
const WIKILINK_UNSAFE = /[[\]|#^]/;

function reaches(resolution: Resolution, dest: Destination): boolean {
  if (dest.kind === 'note') return resolution.kind === 'note' && resolution.id === dest.id;
  return resolution.kind === 'attachment' && resolution.exists && resolution.path === dest.path;
}

/**
 * The shortest wikilink target Obsidian would write for `dest` from note
 * `from`: the stem (the base name for an attachment) when no other file has it
 * and it resolves there, else the path without `.md`, else the whole path.
 */
export function wikilinkTargetFor(lookup: NoteLookup, from: NoteId, dest: Destination): string {
  const candidates: string[] = [];
  if (dest.kind === 'note') {
    const stem = stemOf(dest.id);
    const sharing = [...(lookup.notesWithStem(lookupKey(stem)) ?? [])];
    if (sharing.length === 1) candidates.push(stem);
    const folder = folderOf(dest.id);
    candidates.push(folder === '' ? stem : `${folder}/${stem}`, dest.id);
  } else {
    const base = baseNameOf(dest.path);
    const sharing = [...(lookup.attachmentsNamed(lookupKey(base)) ?? [])];
    if (sharing.length <= 1) candidates.push(base);
    candidates.push(dest.path);
  }
  for (const candidate of candidates) {
    if (WIKILINK_UNSAFE.test(candidate)) continue;
    if (reaches(resolveTarget(lookup, from, candidate), dest)) return candidate;
  }
  return candidates[candidates.length - 1];
}

/** The path from note `from`'s folder to `path`, `/`-separated, with `../` as needed. */
export function relativePath(from: NoteId, path: string): string {
  const fromParts = folderOf(from) === '' ? [] : folderOf(from).split('/');
  const toParts = path.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common++;
  return '../'.repeat(fromParts.length - common) + toParts.slice(common).join('/');
}

/** Percent-encodes what would end or confuse a Markdown link destination; other Unicode stays readable. */
export function encodeLinkPath(path: string): string {
  return path.replace(/[\s%#?()<>[\]\\|^`"{}]/gu, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(ch);
  });
}

/** The Markdown destination path for `dest` from `from`: relative, percent-encoded, `./` only when needed. */
export function markdownPathFor(lookup: NoteLookup, from: NoteId, dest: Destination): string {
  const target = dest.kind === 'note' ? dest.id : dest.path;
  const relative = relativePath(from, target);
  if (relative.startsWith('../') || reaches(resolveTarget(lookup, from, relative), dest)) return encodeLinkPath(relative);
  return `./${encodeLinkPath(relative)}`;
}

/** [start, end) of the target inside a wikilink's raw text, spaces around it excluded. */
function wikilinkTargetSpan(raw: string): [number, number] {
  const open = raw.indexOf('[[') + 2;
  const inner = raw.slice(open, raw.length - 2);
  let end = inner.search(/[#|]/);
  if (end < 0) end = inner.length;
  if (inner[end] === '|' && inner[end - 1] === '\\') end--;
  let start = 0;
  while (start < end && /\s/.test(inner[start])) start++;
  while (end > start && /\s/.test(inner[end - 1])) end--;
  return [open + start, open + end];
}

/** [start, end) of the path part (before `#`) of a Markdown link's destination in its raw text. */
function markdownPathSpan(raw: string): [number, number] | null {
  // Walk the link text's brackets to find the `](` that ends it.
  let i = raw.indexOf('[') + 1;
  for (let depth = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && depth-- === 0) break;
  }
  if (raw[i + 1] !== '(') return null;
  i += 2;
  while (raw[i] === ' ' || raw[i] === '\t') i++;
  const angled = raw[i] === '<';
  const start = angled ? ++i : i;
  for (let depth = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '#' || (angled ? c === '>' : /\s/.test(c))) break;
    else if (angled) continue;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) break;
  }
  return [start, i];
}

/** The edit that makes `link` reach `dest` from note `from`, or null if its raw text cannot be read. */
function retarget(lookup: NoteLookup, from: NoteId, link: RawLink, dest: Destination): TextEdit | null {
  const isMarkdown = link.kind === 'markdown';
  const span = isMarkdown ? markdownPathSpan(link.raw) : wikilinkTargetSpan(link.raw);
  if (span === null) return null;
  const text = isMarkdown ? markdownPathFor(lookup, from, dest) : wikilinkTargetFor(lookup, from, dest);
  return { start: link.offset + span[0], end: link.offset + span[1], text };
}

/** The tables as they will be once `oldId` is renamed to `newId` (names other than paths and stems are kept). */
function renamedLookup(base: NoteLookup, oldId: NoteId, newId: NoteId): NoteLookup {
  const swap = (ids: Iterable<NoteId> | undefined, key: string, newKey: string): NoteId[] => {
    const out = [...(ids ?? [])].filter((id) => id !== oldId);
    if (key === newKey) out.push(newId);
    return out;
  };
  return {
    notesAtPath: (key) => swap(base.notesAtPath(key), key, pathKeyOf(newId)),
    notesWithStem: (key) => swap(base.notesWithStem(key), key, lookupKey(stemOf(newId))),
    hasConcept: (key) => base.hasConcept(key),
    attachmentsNamed: (key) => base.attachmentsNamed(key),
    ...(base.attachmentExists ? { attachmentExists: base.attachmentExists } : {}),
  };
}

/**
 * The new full source of every note whose links must change when note
 * `oldId` is renamed (or moved) to `newId`:
 * - links that resolve to `oldId` are rewritten to reach `newId`: wikilinks
 *   (unless their text still reaches it) with the shortest form, Markdown
 *   links with a relative percent-encoded path; `|alias`, `#heading`,
 *   `#^block`, `!` and link text kept;
 * - links elsewhere that `newId` would capture from another note keep their
 *   old destination;
 * - the renamed note's own links that the move would break (relative paths,
 *   own-folder names) keep their destination.
 * The renamed note's own entry, if any, is keyed by `newId`. Sources are as in
 * ParsedNote (BOM removed): the writer restores a BOM it found.
 */
export function renameEdits(graph: LinkGraph, oldId: NoteId, newId: NoteId): Map<NoteId, string> {
  if (!graph.note(oldId)) throw new Error(`renameEdits: no note "${oldId}"`);
  if (newId === oldId) return new Map();
  if (graph.note(newId)) throw new Error(`renameEdits: "${newId}" already exists`);
  const after = renamedLookup(graph.lookup, oldId, newId);

  const sources = new Set<NoteId>([oldId]);
  for (const b of graph.backlinks(oldId)) sources.add(b.source);
  for (const id of graph.linkSourcesNaming(stemOf(newId))) sources.add(id);

  const out = new Map<NoteId, string>();
  for (const source of [...sources].sort(compareCodePoints)) {
    const from = source === oldId ? newId : source;
    const edits: TextEdit[] = [];
    for (const { link, resolution } of graph.outgoing(source)) {
      if (link.target === '') continue; // `[[#Heading]]` stays a self link
      let dest: Destination;
      if (resolution.kind === 'note') dest = { kind: 'note', id: resolution.id === oldId ? newId : resolution.id };
      else if (resolution.kind === 'attachment' && resolution.exists) dest = { kind: 'attachment', path: resolution.path };
      else continue;
      // A Markdown link to the renamed note always gets the true relative path:
      // other Markdown tools read it relative to the file, not by Obsidian's rules.
      const relativeRequired = link.kind === 'markdown' && resolution.kind === 'note' && resolution.id === oldId;
      if (!relativeRequired && reaches(resolveTarget(after, from, link.target), dest)) continue;
      const edit = retarget(after, from, link, dest);
      if (edit && graph.note(source)!.source.slice(edit.start, edit.end) !== edit.text) edits.push(edit);
    }
    if (edits.length > 0) out.set(from, applyEdits(graph.note(source)!.source, edits));
  }
  return out;
}

/**
 * Wraps each mention as a wikilink to note `target`: `[[text]]` when the text
 * as written resolves to `target` from its note, else `[[Target|text]]` (with
 * `\|` inside a table row). Returns the new source of each changed note.
 * Throws when a mention no longer matches its note's text; overlapping
 * mentions after the first are skipped.
 */
export function linkMentionEdits(graph: LinkGraph, target: NoteId, mentions: Mention[]): Map<NoteId, string> {
  if (!graph.note(target)) throw new Error(`linkMentionEdits: no note "${target}"`);
  const bySource = new Map<NoteId, Mention[]>();
  for (const m of mentions) {
    if (!bySource.has(m.source)) bySource.set(m.source, []);
    bySource.get(m.source)!.push(m);
  }
  const out = new Map<NoteId, string>();
  for (const [sourceId, list] of bySource) {
    const note = graph.note(sourceId);
    if (!note) throw new Error(`linkMentionEdits: no note "${sourceId}" (mention "${list[0].text}")`);
    const { source } = note;
    const edits: TextEdit[] = [];
    let lastEnd = -1;
    for (const m of [...list].sort((a, b) => a.offset - b.offset)) {
      const end = m.offset + m.text.length;
      if (source.slice(m.offset, end) !== m.text) {
        throw new Error(`linkMentionEdits: "${m.text}" is no longer at offset ${m.offset} of "${sourceId}"; reload the mentions`);
      }
      if (m.offset < lastEnd) continue;
      lastEnd = end;
      const resolution = resolveTarget(graph.lookup, sourceId, m.text);
      const plain = resolution.kind === 'note' && resolution.id === target && !WIKILINK_UNSAFE.test(m.text);
      const pipe = isTableRow(source, m.offset) ? '\\|' : '|';
      const text = plain
        ? `[[${m.text}]]`
        : `[[${wikilinkTargetFor(graph.lookup, sourceId, { kind: 'note', id: target })}${pipe}${m.text}]]`;
      edits.push({ start: m.offset, end, text });
    }
    out.set(sourceId, applyEdits(source, edits));
  }
  return out;
}

/** True when the line holding `offset` is a Markdown table row (starts with `|`). */
function isTableRow(source: string, offset: number): boolean {
  const lineStart = Math.max(source.lastIndexOf('\n', offset - 1), source.lastIndexOf('\r', offset - 1)) + 1;
  return /^[ \t]*\|/.test(source.slice(lineStart, offset));
}
