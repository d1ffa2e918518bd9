// Links as written in a note: wikilinks, embeds and Markdown links, with
// their exact place in the source. Only prose is searched: code, comments
// and front matter are skipped by the caller's non-prose ranges.

import type { LinkKind, RawLink } from './model';
import { inRanges, overlapsRanges } from './ranges';
import { lineText, positionOf } from './text-position';

export { lineStartsOf, positionOf } from './text-position';

/** The parts of what stands between `[[` and `]]`. */
export interface WikilinkParts {
  target: string;
  heading?: string;
  block?: string;
  alias?: string;
}

/**
 * Splits a wikilink's inside: `T`, `T|alias`, `T#Heading`, `T#A#B` (heading
 * `A#B`), `T#^block`, `#Heading` (target ''). `T\|alias` (the table form)
 * splits like `T|alias`. Target, heading and block are trimmed.
 */
export function parseWikilinkInner(inner: string): WikilinkParts {
  let body = inner;
  let alias: string | undefined;
  const pipe = body.indexOf('|');
  if (pipe >= 0) {
    alias = body.slice(pipe + 1).trim();
    body = body.slice(0, pipe);
    if (body.endsWith('\\')) body = body.slice(0, -1);
  }
  const parts: WikilinkParts = { target: body.trim() };
  const hash = body.indexOf('#');
  if (hash >= 0) {
    parts.target = body.slice(0, hash).trim();
    const fragment = body.slice(hash + 1).trim();
    if (fragment.startsWith('^')) parts.block = fragment.slice(1).trim();
    else parts.heading = fragment;
  }
  if (alias !== undefined && alias !== '') parts.alias = alias;
  return parts;
}

// `[[...]]` holding no brackets or line breaks; `!` in front makes it an embed.
const WIKILINK = /(!?)\[\[([^[\]\r\n]+)\]\]/g;

// `[text](dest "title")` / `![alt](<dest with spaces>)`; text may hold one level of brackets.
const MARKDOWN_LINK =
  /(!?)\[((?:\\.|[^[\]\\\r\n]|\[(?:\\.|[^[\]\\\r\n])*\])*)\]\([ \t]*(<(?:\\.|[^<>\\\r\n])*>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))*)(?:[ \t]+(?:"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*'|\((?:\\.|[^()\\\r\n])*\)))?[ \t]*\)/g;

const URL_SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every link in `source` outside the `nonProse` ranges (flattened, merged),
 * in source order. `lineStarts` comes from `lineStartsOf(source)`.
 */
export function extractLinks(source: string, lineStarts: number[], nonProse: number[]): RawLink[] {
  const links: RawLink[] = [];
  const wikiRanges: number[] = [];

  const place = (kind: LinkKind, offset: number, raw: string, parts: WikilinkParts): RawLink => {
    const { line, column } = positionOf(lineStarts, offset);
    const link: RawLink = { kind, target: parts.target, raw, offset, line, column, context: lineText(source, lineStarts, line).trim() };
    if (parts.heading !== undefined) link.heading = parts.heading;
    if (parts.block !== undefined) link.block = parts.block;
    if (parts.alias !== undefined) link.alias = parts.alias;
    return link;
  };

  for (const m of source.matchAll(WIKILINK)) {
    const embed = m[1] === '!';
    const bracket = m.index + m[1].length;
    if (isEscaped(source, bracket)) continue;
    if (inRanges(nonProse, m.index)) continue;
    // An escaped `!` makes the `[[…]]` after it a plain link.
    const start = embed && isEscaped(source, m.index) ? bracket : m.index;
    const parts = parseWikilinkInner(m[2]);
    if (parts.target === '' && parts.heading === undefined && parts.block === undefined) continue;
    const raw = source.slice(start, m.index + m[0].length);
    links.push(place(raw.startsWith('!') ? 'embed' : 'wikilink', start, raw, parts));
    wikiRanges.push(start, m.index + m[0].length);
  }

  MARKDOWN_LINK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKDOWN_LINK.exec(source)) !== null) {
    const bracket = m.index + m[1].length;
    const end = m.index + m[0].length;
    const skip =
      isEscaped(source, bracket) ||
      source.startsWith('[[', bracket) ||
      inRanges(nonProse, m.index) ||
      overlapsRanges(wikiRanges, m.index, end);
    if (skip) {
      // Retry from the next character: a real link may start inside this match.
      MARKDOWN_LINK.lastIndex = m.index + 1;
      continue;
    }
    const parts = markdownDestination(m[3]);
    if (!parts) continue;
    const start = m[1] === '!' && isEscaped(source, m.index) ? bracket : m.index;
    const text = m[2].trim();
    if (text !== '') parts.alias = text;
    links.push(place('markdown', start, source.slice(start, end), parts));
  }

  if (wikiRanges.length > 0) links.sort((a, b) => a.offset - b.offset);
  return links;
}

/** Reads a Markdown link destination; null for URLs with a scheme and empty ones. */
function markdownDestination(written: string): WikilinkParts | null {
  let dest = written.trim();
  if (dest.startsWith('<') && dest.endsWith('>')) dest = dest.slice(1, -1);
  dest = dest.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (dest === '' || URL_SCHEME.test(dest)) return null;
  const hash = dest.indexOf('#');
  const path = hash >= 0 ? dest.slice(0, hash) : dest;
  const fragment = hash >= 0 ? percentDecode(dest.slice(hash + 1)).trim() : undefined;
  const parts: WikilinkParts = { target: percentDecode(path).trim() };
  if (fragment !== undefined && fragment !== '') {
    if (fragment.startsWith('^')) parts.block = fragment.slice(1);
    else parts.heading = fragment;
  }
  if (parts.target === '' && parts.heading === undefined && parts.block === undefined) return null;
  return parts;
}

function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray `%` (`50%.md`) is kept as written rather than dropping the link.
    return s;
  }
}

/** True when the character at `index` is preceded by an odd number of backslashes. */
export function isEscaped(source: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && source.charCodeAt(i) === 92; i--) count++;
  return count % 2 === 1;
}

/** Flattened [start, end) ranges of the links, for the non-prose set. */
export function linkRanges(links: RawLink[]): number[] {
  const out: number[] = [];
  for (const link of links) out.push(link.offset, link.offset + link.raw.length);
  return out;
}
