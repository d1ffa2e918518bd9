// Plain text out of exported Markdown, read with marked's lexer (the same
// reading the parser uses): the text of a heading as an engine sees it (for
// its id) and the first paragraph (for the description).

import { Lexer, type Token } from 'marked';
import { scanMarkdown } from '../markdown-regions';

type AnyToken = Token & { tokens?: Token[]; text?: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function tokensText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens as AnyToken[]) {
    switch (token.type) {
      case 'html':
        break;
      case 'br':
        out += ' ';
        break;
      case 'codespan':
      case 'escape':
        out += token.text ?? '';
        break;
      case 'text':
        out += token.tokens ? tokensText(token.tokens) : decodeEntities(token.text ?? '');
        break;
      default:
        out += token.tokens ? tokensText(token.tokens) : decodeEntities(token.text ?? '');
    }
  }
  return out;
}

/** `Héllo *World* `x`` -> `Héllo World x`: the text content of inline Markdown as a renderer shows it. */
export function inlinePlainText(markdown: string): string {
  return tokensText(Lexer.lexInline(markdown, { gfm: true }));
}

export interface PageHeading {
  level: number;
  /** The heading's inline Markdown as written. */
  raw: string;
  /** Its text as rendered. */
  plain: string;
}

/** Every heading of a Markdown page, in order, code blocks skipped. */
export function pageHeadings(markdown: string): PageHeading[] {
  return scanMarkdown(markdown, 0).headings.map((h) => ({ level: h.level, raw: h.text, plain: inlinePlainText(h.text).trim() }));
}

/**
 * The first paragraph of a page as one line of plain text, cut at a word
 * boundary to at most `max` characters (an ellipsis marks a cut). '' when
 * the page has no paragraph.
 */
export function firstParagraphText(markdown: string, max = 160): string {
  // The first paragraph with words in it: an image alone on its line has none.
  const text =
    (Lexer.lex(markdown, { gfm: true }) as AnyToken[])
      .filter((t) => t.type === 'paragraph')
      .map((t) => tokensText(t.tokens ?? []).replace(/\s+/g, ' ').trim())
      .find((t) => t !== '') ?? '';
  if ([...text].length <= max) return text;
  const chars = [...text].slice(0, max - 1).join('');
  const space = chars.lastIndexOf(' ');
  return `${(space > max / 2 ? chars.slice(0, space) : chars).replace(/[\s,;:.!?-]+$/, '')}…`;
}
