// A parsed note without its text, as a compact JSON-safe tuple: what the
// parse cache stores and what parse workers send back. Everything that is a
// piece of the source (a link's raw text, its line context, line and column)
// is left out and cut again from the source on the way back, so those
// strings are slices of the one source string (no copies in memory) and the
// record stays small (about 7 MB for 10,000 notes, 26 MB of Markdown).

import type { ParsedNote, NoteId, RawLink, LinkKind, TagRef, Heading } from './model';
import { folderOf, stemOf } from './paths';
import { withoutBom } from './note';
import { lineStartsOf, lineText, positionOf } from './text-position';

/**
 * `[title, date, dateSource, aliases, tags, tagRefs, frontmatter, bodyOffset,
 * bodyLine, headings, links, nonProse, warnings]`, where tagRefs is flattened
 * `tag, line` pairs, headings `level, text, line` triples, and links
 * `kind * 8 + flags, offset, rawLength, target` followed by heading, block
 * and alias when flags has bit 1, 2, 4.
 */
export type NoteRecord = [
  title: string,
  date: string | null,
  dateSource: string | null,
  aliases: string[],
  tags: string[],
  tagRefs: Array<string | number>,
  frontmatter: Record<string, unknown>,
  bodyOffset: number,
  bodyLine: number,
  headings: Array<string | number>,
  links: Array<string | number>,
  nonProse: number[],
  warnings: ParsedNote['warnings'],
];

/** The layout of NoteRecord; bump it when the tuple changes. */
export const NOTE_RECORD_FORMAT = 1;

const KINDS: readonly LinkKind[] = ['wikilink', 'embed', 'markdown'];
const HEADING = 1;
const BLOCK = 2;
const ALIAS = 4;

/**
 * The record of a note, or null when its front matter holds a value JSON
 * cannot carry exactly (`.inf`, `.nan`, `-0`): such a note is parsed again.
 */
export function toNoteRecord(note: ParsedNote): NoteRecord | null {
  if (!jsonExact(note.frontmatter)) return null;
  const tagRefs: Array<string | number> = [];
  for (const ref of note.tagRefs) tagRefs.push(ref.tag, ref.line);
  const headings: Array<string | number> = [];
  for (const h of note.headings) headings.push(h.level, h.text, h.line);
  const links: Array<string | number> = [];
  for (const link of note.links) {
    const flags = (link.heading !== undefined ? HEADING : 0) | (link.block !== undefined ? BLOCK : 0) | (link.alias !== undefined ? ALIAS : 0);
    links.push(KINDS.indexOf(link.kind) * 8 + flags, link.offset, link.raw.length, link.target);
    if (link.heading !== undefined) links.push(link.heading);
    if (link.block !== undefined) links.push(link.block);
    if (link.alias !== undefined) links.push(link.alias);
  }
  return [
    note.title,
    note.date,
    note.dateSource,
    note.aliases,
    note.tags,
    tagRefs,
    note.frontmatter,
    note.bodyOffset,
    note.bodyLine,
    headings,
    links,
    note.nonProse,
    note.warnings,
  ];
}

class BadRecord extends Error {}

function check(ok: boolean): asserts ok {
  if (!ok) throw new BadRecord('malformed note record');
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isInteger(v);

/**
 * The ParsedNote `parseNote(id, rawSource)` returned when `record` was made
 * from it, given the same `rawSource` (the caller checks that, by a content
 * hash). Null when `record` is not a well-formed record for this source (a
 * damaged cache), so a caller can parse the note instead.
 */
export function fromNoteRecord(id: NoteId, rawSource: string, record: unknown): ParsedNote | null {
  try {
    return rebuild(id, withoutBom(rawSource), record);
  } catch (error) {
    if (error instanceof BadRecord || error instanceof TypeError) return null;
    throw error;
  }
}

function rebuild(id: NoteId, source: string, record: unknown): ParsedNote {
  check(Array.isArray(record) && record.length === 13);
  const [title, date, dateSource, aliases, tags, flatRefs, frontmatter, bodyOffset, bodyLine, flatHeadings, flatLinks, nonProse, warnings] =
    record as unknown[];
  check(isString(title) && (date === null || isString(date)) && (dateSource === null || dateSource === 'frontmatter' || dateSource === 'filename'));
  check(Array.isArray(aliases) && aliases.every(isString) && Array.isArray(tags) && tags.every(isString));
  check(typeof frontmatter === 'object' && frontmatter !== null && !Array.isArray(frontmatter));
  check(isInt(bodyOffset) && isInt(bodyLine) && Array.isArray(nonProse) && nonProse.every(isInt) && Array.isArray(warnings));
  check(warnings.every((w: { code?: unknown; message?: unknown } | null) => typeof w === 'object' && w !== null && isString(w.code) && isString(w.message)));
  check(Array.isArray(flatRefs) && Array.isArray(flatHeadings) && Array.isArray(flatLinks));

  const tagRefs: TagRef[] = [];
  const refs = flatRefs as unknown[];
  for (let i = 0; i < refs.length; i += 2) {
    const tag = refs[i];
    const line = refs[i + 1];
    check(isString(tag) && isInt(line));
    tagRefs.push({ tag, line });
  }
  const headings: Heading[] = [];
  const heads = flatHeadings as unknown[];
  for (let i = 0; i < heads.length; i += 3) {
    const [level, text, line] = [heads[i], heads[i + 1], heads[i + 2]];
    check(isInt(level) && isString(text) && isInt(line));
    headings.push({ level, text, line });
  }

  const links: RawLink[] = [];
  const flat = flatLinks as unknown[];
  const lineStarts = flat.length > 0 ? lineStartsOf(source) : [];
  for (let i = 0; i < flat.length; ) {
    const [code, offset, length, target] = [flat[i], flat[i + 1], flat[i + 2], flat[i + 3]];
    i += 4;
    check(isInt(code) && isInt(offset) && isInt(length) && isString(target));
    const kind = KINDS[code >> 3];
    check(kind !== undefined && offset >= 0 && length > 0 && offset + length <= source.length);
    const { line, column } = positionOf(lineStarts, offset);
    const link: RawLink = {
      kind,
      target,
      raw: source.slice(offset, offset + length),
      offset,
      line,
      column,
      context: lineText(source, lineStarts, line).trim(),
    };
    if (code & HEADING) link.heading = stringAt(flat, i++);
    if (code & BLOCK) link.block = stringAt(flat, i++);
    if (code & ALIAS) link.alias = stringAt(flat, i++);
    links.push(link);
  }

  return {
    id,
    stem: stemOf(id),
    folder: folderOf(id),
    title,
    date,
    dateSource,
    aliases,
    tags,
    tagRefs,
    frontmatter: frontmatter as Record<string, unknown>,
    source,
    bodyOffset,
    bodyLine,
    headings,
    links,
    nonProse,
    warnings,
  } as ParsedNote;
}

function stringAt(items: unknown[], index: number): string {
  const value = items[index];
  check(isString(value));
  return value;
}

/** True when JSON.parse(JSON.stringify(value)) gives back an equal value. */
function jsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || !jsonExact((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
