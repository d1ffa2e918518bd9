// Unlinked mentions: plain-text occurrences of a note's names in other notes,
// the candidates for "link this mention". One combined RegExp per call, run
// over each note's source; only prose counts (not code, comments, links,
// front matter, tags or bare URLs).

import type { LinkGraph } from './graph';
import type { Mention, NoteId, ParsedNote } from './model';
import { noteNames } from './names';
import { compareCodePoints } from './resolve';
import { overlapsRanges } from './ranges';
import { lineStartsOf, lineText, positionOf } from './text-position';

/** Names shorter than this (in characters) are too common to be mentions. */
const MIN_NAME_LENGTH = 3;

/** Letters, marks, digits and `_` glue a match to a longer word. */
const WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';

/** Escapes the syntax characters (the only escapes a `u` RegExp accepts outside a class). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One case-insensitive, Unicode-aware pattern matching any of `names` on word
 * boundaries, longest name first so `NixOS Linux` wins over `NixOS`. Spaces
 * inside a name match any run of spaces or tabs. Null when no name is long enough.
 */
export function mentionPattern(names: readonly string[]): RegExp | null {
  const seen = new Set<string>();
  const usable = names
    .map((n) => n.trim().normalize('NFC'))
    .filter((n) => [...n].length >= MIN_NAME_LENGTH)
    .filter((n) => !seen.has(n.toLowerCase()) && !!seen.add(n.toLowerCase()))
    .sort((a, b) => b.length - a.length || compareCodePoints(a, b));
  if (usable.length === 0) return null;
  const alternatives = usable.map((n) => n.split(/\s+/).map(escapeRegExp).join('[ \\t]+'));
  return new RegExp(`${WORD_BEFORE}(?:${alternatives.join('|')})${WORD_AFTER}`, 'giu');
}

/** True when the match at `start` is part of a `#tag` (`#nixos`, `#nix/nixos`). */
function insideTag(source: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\p{L}\p{M}\p{N}_/-]/u.test(source[i])) i--;
  return i >= 0 && source[i] === '#';
}

/** True when the match lies in a bare URL or e-mail address (`https://nixos.org`, `www.nixos.org`). */
function insideUrl(source: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/\s/.test(source[from - 1])) from--;
  let to = end;
  while (to < source.length && !/\s/.test(source[to])) to++;
  const token = source.slice(from, to);
  return /:\/\/|^<?www\./i.test(token) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(token.replace(/[.,;:!?)>]+$/, ''));
}

function mentionsIn(note: ParsedNote, pattern: RegExp): Mention[] {
  const { source } = note;
  const out: Mention[] = [];
  let lineStarts: number[] | null = null;
  pattern.lastIndex = 0;
  for (const m of source.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlapsRanges(note.nonProse, start, end)) continue;
    if (insideTag(source, start) || insideUrl(source, start, end)) continue;
    lineStarts ??= lineStartsOf(source);
    const { line, column } = positionOf(lineStarts, start);
    out.push({
      source: note.id,
      line,
      column,
      offset: start,
      text: m[0],
      context: lineText(source, lineStarts, line).trim(),
    });
  }
  return out;
}

/**
 * Every plain-text, case-insensitive occurrence of note `id`'s names (stem,
 * title, aliases; names under 3 characters ignored) in other notes, outside
 * non-prose text, on Unicode word boundaries; by source id, then offset.
 * Occurrences are reported even in notes that already link to `id` elsewhere.
 */
export function unlinkedMentions(graph: LinkGraph, id: NoteId): Mention[] {
  const target = graph.note(id);
  if (!target) throw new Error(`unlinkedMentions: no note "${id}"`);
  const pattern = mentionPattern(noteNames(target));
  if (pattern === null) return [];
  const out: Mention[] = [];
  for (const note of graph.notes()) {
    if (note.id === id) continue;
    out.push(...mentionsIn(note, pattern));
  }
  return out.sort((a, b) => compareCodePoints(a.source, b.source) || a.offset - b.offset);
}
