// Where a note's text is not prose, as Markdown itself decides: one pass of
// marked's lexer finds code (fenced, indented, inline) and HTML comments;
// Obsidian `%%` comments are found around them. Links and tags are only
// searched outside these regions, and headings come out of the same pass.

import { Lexer, type Token, type Tokens } from 'marked';
import { mergeRanges, inRanges } from './ranges';

export interface HeadingAt {
  level: number;
  text: string;
  /** Offset of the heading's first character in the source. */
  offset: number;
}

export interface MarkdownScan {
  /** Flattened, merged [start, end) ranges in source offsets: front matter, code, HTML and `%%` comments. */
  nonProse: number[];
  /** Flattened, merged `%%…%%` ranges alone, in source offsets. */
  obsidianComments: number[];
  headings: HeadingAt[];
}

/** The non-prose ranges of `source` whose body starts at `bodyOffset` (see {@link scanMarkdown}). */
export function nonProseRanges(source: string, bodyOffset: number): number[] {
  return scanMarkdown(source, bodyOffset).nonProse;
}

/** One lexer pass over the body: non-prose ranges, `%%` comments and headings. */
export function scanMarkdown(source: string, bodyOffset: number): MarkdownScan {
  const body = source.slice(bodyOffset);
  // marked turns CRLF and CR into LF before lexing; lex the same text and map back.
  const text = body.replace(/\r\n?/g, '\n');
  const toSource = offsetMapper(body, bodyOffset);

  const walker = new TokenWalker(text);
  walker.walkList(Lexer.lex(text, { gfm: true }), 0, text.length);
  const code = mergeRanges(walker.ranges);
  const comments = percentComments(text, code);

  const nonProse = mergeRanges([...code, ...comments]).map(toSource);
  return {
    nonProse: mergeRanges(bodyOffset > 0 ? [0, bodyOffset, ...nonProse] : nonProse),
    obsidianComments: comments.map(toSource),
    headings: walker.headings.map((h) => ({ ...h, offset: toSource(h.offset) })),
  };
}

/**
 * Maps an offset in the LF-normalised body back to the original source:
 * every `\r\n` before it counts one extra character.
 */
function offsetMapper(body: string, bodyOffset: number): (n: number) => number {
  if (!body.includes('\r')) return (n) => n + bodyOffset;
  const dropped: number[] = []; // normalised offsets of LFs that were CRLF
  let removed = 0;
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) === 13 && body.charCodeAt(i + 1) === 10) {
      dropped.push(i - removed);
      removed++;
      i++;
    }
  }
  return (n) => {
    let lo = 0;
    let hi = dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dropped[mid] < n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo + bodyOffset;
  };
}

type AnyToken = Token & { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };

/**
 * Walks marked's tokens in document order and places each one that matters
 * in the text by its `raw`. Top-level raws follow each other exactly; inside
 * blockquotes and lists marked strips the `>` and indentation, so a raw that
 * is not found verbatim is matched line by line allowing those prefixes.
 */
class TokenWalker {
  readonly ranges: number[] = [];
  readonly headings: HeadingAt[] = [];

  constructor(private readonly text: string) {}

  walkList(tokens: Token[], from: number, limit: number): void {
    let cursor = from;
    for (const token of tokens) cursor = this.walk(token as AnyToken, cursor, limit);
  }

  /** Handles one token found at or after `cursor`; returns the cursor after it. */
  private walk(token: AnyToken, cursor: number, limit: number): number {
    const raw = token.raw ?? '';
    if (!matters(token)) {
      return this.text.startsWith(raw, cursor) ? cursor + raw.length : cursor;
    }
    const at = this.locate(raw, cursor, limit);
    if (!at) return cursor;
    const [start, end] = at;
    switch (token.type) {
      case 'code':
      case 'codespan':
        this.ranges.push(start, end);
        break;
      case 'html':
        this.htmlComments(start, end);
        break;
      case 'heading':
        this.headings.push({ level: (token as Tokens.Heading).depth, text: (token as Tokens.Heading).text.trim(), offset: start });
        break;
    }
    for (const children of childLists(token)) this.walkList(children, start, end);
    return end;
  }

  private htmlComments(start: number, end: number): void {
    let from = start;
    while (from < end) {
      const open = this.text.indexOf('<!--', from);
      if (open < 0 || open >= end) return;
      // `<!-->` and `<!--->` are complete (empty) comments in CommonMark.
      let close: number;
      if (this.text.startsWith('>', open + 4)) close = open + 5;
      else if (this.text.startsWith('->', open + 4)) close = open + 6;
      else {
        const found = this.text.indexOf('-->', open + 4);
        close = found < 0 || found + 3 > end ? end : found + 3;
      }
      this.ranges.push(open, close);
      from = close;
    }
  }

  private locate(raw: string, from: number, limit: number): [number, number] | null {
    if (raw === '') return null;
    if (this.text.startsWith(raw, from)) return [from, from + raw.length];
    const index = this.text.indexOf(raw, from);
    if (index >= 0 && index < limit) return [index, index + raw.length];
    const trimmed = raw.replace(/\n+$/, '');
    if (!trimmed.includes('\n')) return null;
    const pattern = new RegExp(trimmed.split('\n').map(escapeRegExp).join('\\n[ \\t>]*'), 'g');
    pattern.lastIndex = from;
    const m = pattern.exec(this.text);
    return m && m.index < limit ? [m.index, m.index + m[0].length] : null;
  }
}

const matterCache = new WeakMap<object, boolean>();

/** Whether a token is, or holds, code, an HTML comment or a heading. */
function matters(token: AnyToken): boolean {
  switch (token.type) {
    case 'code':
    case 'codespan':
    case 'heading':
      return true;
    case 'html':
      return (token.raw ?? '').includes('<!--');
  }
  const cached = matterCache.get(token);
  if (cached !== undefined) return cached;
  let result = false;
  for (const children of childLists(token)) {
    if (children.some((child) => matters(child as AnyToken))) {
      result = true;
      break;
    }
  }
  matterCache.set(token, result);
  return result;
}

function childLists(token: AnyToken): Token[][] {
  const lists: Token[][] = [];
  if (token.type === 'table') {
    for (const cell of token.header ?? []) lists.push(cell.tokens);
    for (const row of token.rows ?? []) for (const cell of row) lists.push(cell.tokens);
    return lists;
  }
  if (Array.isArray(token.tokens)) lists.push(token.tokens);
  if (token.type === 'list' && Array.isArray(token.items)) lists.push(token.items);
  return lists;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Obsidian `%%` comments in the normalised text: a `%%` outside code and
 * HTML comments opens one, the next `%%` closes it; an unclosed one runs to
 * the end of the note, as in Obsidian.
 */
function percentComments(text: string, excluded: number[]): number[] {
  const out: number[] = [];
  let from = 0;
  while (from < text.length) {
    let open = text.indexOf('%%', from);
    while (open >= 0 && inRanges(excluded, open)) open = text.indexOf('%%', open + 1);
    if (open < 0) break;
    const close = text.indexOf('%%', open + 2);
    const end = close < 0 ? text.length : close + 2;
    out.push(open, end);
    from = end;
  }
  return out;
}
