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
  walker.walkTopLevel(lexBlocks(text));
  const code = mergeRanges(walker.ranges);
  const comments = percentComments(text, code);

  const nonProse = mergeRanges([...code, ...comments]).map(toSource);
  return {
    nonProse: mergeRanges(bodyOffset > 0 ? [0, bodyOffset, ...nonProse] : nonProse),
    obsidianComments: comments.map(toSource),
    // A heading inside a `%%` comment is hidden in Obsidian, so it is no heading.
    headings: walker.headings
      .filter((h) => !inRanges(comments, h.offset))
      .map((h) => ({ ...h, offset: toSource(h.offset) })),
  };
}

/**
 * Lexes like `Lexer.lex`, but runs the (costly) inline pass only on blocks
 * that can hold a code span or an HTML comment: the rest of the inline
 * tokens (emphasis, links) do not change what is prose, and this runs on
 * every note of the notebook.
 */
function lexBlocks(text: string): Token[] {
  const lexer = new Lexer({ gfm: true });
  lexer.blockTokens(text, lexer.tokens);
  for (const item of lexer.inlineQueue) {
    if (!item.src.includes('`') && !item.src.includes('<!--')) continue;
    lexer.state.inRawBlock = false;
    lexer.inlineTokens(item.src, item.tokens);
  }
  lexer.inlineQueue = [];
  return lexer.tokens;
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

type AnyToken = Token & {
  tokens?: Token[];
  items?: Token[];
  header?: Tokens.TableCell[];
  rows?: Tokens.TableCell[][];
  /** Memo of {@link matters}, set on the token itself (tokens are ours, fresh per lex). */
  [MATTERS]?: boolean;
};

const MATTERS = Symbol('matters');

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

  /** `text.startsWith(s, at)`, written as a slice comparison: V8 compares that with memcmp, startsWith char by char. */
  private textAt(s: string, at: number): boolean {
    return this.text.slice(at, at + s.length) === s;
  }

  /** Walks sibling tokens in order; returns the cursor after the last one placed. */
  walkList(tokens: Token[], from: number, limit: number): number {
    let cursor = from;
    for (const token of tokens) cursor = this.walk(token as AnyToken, cursor, limit);
    return cursor;
  }

  /**
   * The top level: marked consumes the text token by token, so each raw
   * starts where the one before ended and nothing needs searching.
   */
  walkTopLevel(tokens: Token[]): void {
    let cursor = 0;
    for (const token of tokens) {
      if (matters(token as AnyToken)) this.walk(token as AnyToken, cursor, this.text.length);
      cursor += (token.raw ?? '').length;
    }
  }

  /** Handles one token found at or after `cursor`; returns the cursor after it. */
  private walk(token: AnyToken, cursor: number, limit: number): number {
    const raw = token.raw ?? '';
    if (!matters(token)) {
      return this.textAt(raw, cursor) ? cursor + raw.length : cursor;
    }
    const at = this.locate(raw, cursor, limit);
    if (!at) return cursor;
    const [start, end] = at;
    switch (token.type) {
      case 'code':
      case 'codespan':
        this.ranges.push(start, end);
        return end;
      case 'html':
        this.htmlComments(start, end);
        return end;
      case 'heading': {
        const heading = token as Tokens.Heading;
        this.headings.push({ level: heading.depth, text: heading.text.trim().replace(/\s*\n\s*/g, ' '), offset: start });
        break;
      }
    }
    if (token.type === 'table') {
      // Cells in order, so two equal code spans land in their own cells.
      let inner = start;
      for (const cell of token.header ?? []) inner = this.walkList(cell.tokens, inner, end);
      for (const row of token.rows ?? []) for (const cell of row) inner = this.walkList(cell.tokens, inner, end);
    } else {
      if (token.tokens) this.walkList(token.tokens, start, end);
      if (token.items) this.walkList(token.items, start, end);
    }
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
    if (this.textAt(raw, from)) return [from, from + raw.length];
    const lines = raw.replace(/\n+$/, '').split('\n');
    if (lines.length > 1) return this.locateLines(lines, from, limit);
    const index = this.text.indexOf(raw, from);
    if (index >= 0 && index < limit) return [index, index + raw.length];
    // Table cells reach the inline lexer with `\|` already turned into `|`.
    if (raw.includes('|')) {
      const escaped = raw.replace(/\|/g, '\\|');
      const at = this.text.indexOf(escaped, from);
      if (at >= 0 && at < limit) return [at, at + escaped.length];
    }
    return null;
  }

  /** Finds `lines` where each line after the first may follow a `>`/indentation prefix that marked stripped. */
  private locateLines(lines: string[], from: number, limit: number): [number, number] | null {
    const text = this.text;
    for (let start = text.indexOf(lines[0], from); start >= 0 && start < limit; start = text.indexOf(lines[0], start + 1)) {
      let pos = start + lines[0].length;
      for (let i = 1; i < lines.length && pos >= 0; i++) {
        if (text.charCodeAt(pos) !== 10) {
          pos = -1;
          break;
        }
        pos = this.afterPrefix(pos + 1, lines[i]);
      }
      if (pos >= 0) return [start, pos];
    }
    return null;
  }

  /** End of `line` found at `pos` after the shortest run of spaces, tabs and `>`; -1 if absent. */
  private afterPrefix(pos: number, line: string): number {
    for (let p = pos; ; p++) {
      if (this.textAt(line, p)) return p + line.length;
      const c = this.text.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 62) return -1;
    }
  }
}

/** Whether a token is, or holds, code, an HTML comment or a heading. */
function matters(token: AnyToken): boolean {
  const memo = token[MATTERS];
  if (memo !== undefined) return memo;
  let result: boolean;
  switch (token.type) {
    case 'code':
    case 'codespan':
    case 'heading':
      result = true;
      break;
    case 'html':
      result = (token.raw ?? '').includes('<!--');
      break;
    case 'table':
      result =
        (token.header ?? []).some((cell) => anyMatters(cell.tokens)) ||
        (token.rows ?? []).some((row) => row.some((cell) => anyMatters(cell.tokens)));
      break;
    default:
      result = (token.tokens !== undefined && anyMatters(token.tokens)) || (token.items !== undefined && anyMatters(token.items));
  }
  token[MATTERS] = result;
  return result;
}

function anyMatters(tokens: Token[]): boolean {
  for (const token of tokens) if (matters(token as AnyToken)) return true;
  return false;
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
