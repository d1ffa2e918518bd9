// The search query language, parsed into a tree both the index and the scan
// answer. Never throws: a query that cannot be parsed gives a message saying
// what is wrong.
//
//   nix flakes          both words must match (AND, as in Obsidian and Joplin)
//   nix OR guix         either; OR binds looser than AND:
//                       `a b OR c` means `(a AND b) OR c`
//   ( ... )             grouping, optional: `nix (flakes OR channels)`
//   "exact phrase"      the words in this order, case-insensitive, whitespace-tolerant
//   -word  -"phrase"    exclude; also `-tag:draft`, `-(a OR b)`
//   prefix*             words starting with `prefix`
//   fuzzy~1  fuzzy~2    words written within 1 (default) or 2 edits of it, and their
//                       other forms, as an exact search for them would (pinnig~1 finds
//                       pinning, so also pin and pins)
//   title:word          the word in the title (also title:"phrase", title:pre*)
//   tag:name            notes tagged `name` or a nested tag under it (`tag:nix` matches `nix/flakes`)
//   path:folder         notes whose path contains `folder` (case-insensitive)
//   after:2025-01-01    notes dated on or after that day   (inclusive)
//   before:2025-03-01   notes dated on or before that day  (inclusive)
//                       a month or year stands for its whole span:
//                       `after:2025-01` = from Jan 1st, `before:2025` = to Dec 31st.
//                       Undated notes never pass a date filter.
//   #name               the same as tag:name
//   AND                 allowed between terms; it changes nothing.

import type { IsoDate } from '../model';

export type TermMatch = 'exact' | 'prefix' | 'fuzzy';
export type TextField = 'all' | 'title';

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** One word; `text` is as typed (without `*` or `~n`). */
  | { kind: 'term'; field: TextField; text: string; match: TermMatch; distance: number }
  | { kind: 'phrase'; field: TextField; text: string }
  /** Lower-cased, without `#`. */
  | { kind: 'tag'; tag: string }
  /** Lower-cased. */
  | { kind: 'path'; path: string }
  /** Inclusive bound. */
  | { kind: 'date'; op: 'after' | 'before'; date: IsoDate };

export type ParsedQuery = { ok: true; root: QueryNode } | { ok: false; error: string };

type Token =
  | { type: 'open' | 'close' | 'or' | 'and' }
  | { type: 'not'; at: number }
  | { type: 'word'; text: string }
  | { type: 'phrase'; text: string }
  | { type: 'field'; name: FieldName; value: string; quoted: boolean };

const FIELD_NAMES = ['title', 'tag', 'path', 'after', 'before'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

class QueryError extends Error {}

export function parseQuery(input: string): ParsedQuery {
  try {
    const tokens = lex(input);
    if (tokens.length === 0) throw new QueryError('Empty query: type a word to search for.');
    const parser = new Parser(tokens);
    const root = parser.parseOr();
    if (!parser.done()) {
      // parseOr stops only at a ')' it did not open.
      throw new QueryError("Unexpected ')': there is no '(' before it.");
    }
    return { ok: true, root };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: error.message };
    throw error;
  }
}

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

/** Characters that end a bare word. */
function isBreak(c: string): boolean {
  return isSpace(c) || c === '(' || c === ')' || c === '"';
}

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    // At a '"': returns the text up to the closing quote.
    const close = input.indexOf('"', i + 1);
    if (close === -1) {
      throw new QueryError(`Unclosed quote in ${input.slice(i)} : add a closing ".`);
    }
    const text = input.slice(i + 1, close).replace(/\s+/g, ' ').trim();
    if (text === '') throw new QueryError('Empty quotes: put words between them, e.g. "exact phrase".');
    i = close + 1;
    return text;
  };
  while (i < input.length) {
    const c = input[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ type: 'open' });
      i++;
    } else if (c === ')') {
      tokens.push({ type: 'close' });
      i++;
    } else if (c === '"') {
      tokens.push({ type: 'phrase', text: readQuoted() });
    } else if (c === '-' && (i + 1 >= input.length || isSpace(input[i + 1]) || input[i + 1] === ')')) {
      throw new QueryError("A lone '-' must be followed directly by what to exclude, e.g. -draft or -\"exact phrase\".");
    } else if (c === '-') {
      // A '-' inside a word (nix-shell) never gets here: words are read whole below.
      if (input[i + 1] === '-') throw new QueryError("'--' is not allowed: use a single '-' to exclude, e.g. -draft.");
      tokens.push({ type: 'not', at: i });
      i++;
    } else {
      let end = i;
      while (end < input.length && !isBreak(input[end])) end++;
      const word = input.slice(i, end);
      const colon = word.indexOf(':');
      const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
      if ((FIELD_NAMES as readonly string[]).includes(name)) {
        i += colon + 1;
        if (input[i] === '"') {
          tokens.push({ type: 'field', name: name as FieldName, value: readQuoted(), quoted: true });
        } else {
          const value = word.slice(colon + 1);
          if (value === '') throw new QueryError(`${name}: needs a value right after the colon, e.g. ${example(name as FieldName)}.`);
          tokens.push({ type: 'field', name: name as FieldName, value, quoted: false });
          i = end;
        }
      } else if (/^#[\p{L}\p{N}]/u.test(word)) {
        tokens.push({ type: 'field', name: 'tag', value: word.slice(1), quoted: false });
        i = end;
      } else {
        tokens.push(word === 'OR' ? { type: 'or' } : word === 'AND' ? { type: 'and' } : { type: 'word', text: word });
        i = end;
      }
    }
  }
  return tokens;
}

function example(name: FieldName): string {
  switch (name) {
    case 'title':
      return 'title:nix';
    case 'tag':
      return 'tag:nix';
    case 'path':
      return 'path:2025';
    case 'after':
      return 'after:2025-01-31';
    case 'before':
      return 'before:2025-01-31';
  }
}

const OR_HINT = 'OR needs a search term on both sides, e.g. nix OR guix.';
const AND_HINT = 'AND needs a search term on both sides, e.g. nix AND flakes (plain nix flakes means the same).';

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  parseOr(): QueryNode {
    const children: QueryNode[] = [];
    if (this.peek()?.type === 'or') throw new QueryError(OR_HINT);
    children.push(this.parseAnd());
    while (this.peek()?.type === 'or') {
      this.pos++;
      const next = this.peek();
      if (next === undefined || next.type === 'or' || next.type === 'close' || next.type === 'and') throw new QueryError(OR_HINT);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children: QueryNode[] = [];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.type === 'or') break;
      if (next.type === 'close') {
        if (this.depth === 0) throw new QueryError("Unexpected ')': there is no '(' before it.");
        break;
      }
      if (next.type === 'and') {
        this.pos++;
        const after = this.peek();
        if (children.length === 0 || after === undefined || after.type === 'or' || after.type === 'and' || after.type === 'close') {
          throw new QueryError(AND_HINT);
        }
        continue;
      }
      children.push(this.parseUnary());
    }
    if (children.length === 0) {
      // Reached only inside parentheses: `()` or `( OR x)`.
      throw new QueryError(this.peek()?.type === 'or' ? OR_HINT : "Empty parentheses: put search terms inside '( )'.");
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private parseUnary(): QueryNode {
    const token = this.tokens[this.pos];
    if (token.type === 'not') {
      this.pos++;
      const next = this.peek();
      if (next === undefined || next.type === 'or' || next.type === 'and' || next.type === 'close' || next.type === 'not') {
        throw new QueryError("A lone '-' must be followed directly by what to exclude, e.g. -draft or -\"exact phrase\".");
      }
      return { kind: 'not', child: this.parseAtom() };
    }
    return this.parseAtom();
  }

  private parseAtom(): QueryNode {
    const token = this.tokens[this.pos++];
    switch (token.type) {
      case 'open': {
        this.depth++;
        if (this.peek() === undefined) throw new QueryError("Unclosed '(': add a ')' after the terms it groups.");
        if (this.peek()?.type === 'close') throw new QueryError("Empty parentheses: put search terms inside '( )'.");
        const inner = this.parseOr();
        if (this.peek()?.type !== 'close') throw new QueryError("Unclosed '(': add a ')' after the terms it groups.");
        this.pos++;
        this.depth--;
        return inner;
      }
      case 'phrase':
        return { kind: 'phrase', field: 'all', text: token.text };
      case 'word':
        return wordNode(token.text, 'all');
      case 'field':
        return fieldNode(token.name, token.value, token.quoted);
      default:
        // 'close', 'or', 'and', 'not' are handled by the callers before here.
        throw new QueryError('Unexpected operator.');
    }
  }
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function wordNode(text: string, field: TextField): QueryNode {
  const star = text.indexOf('*');
  if (star !== -1) {
    if (star !== text.length - 1 || star === 0) {
      throw new QueryError(`'*' works only at the end of a word, e.g. conf*; got '${text}'.`);
    }
    const prefix = text.slice(0, -1);
    if (!LETTER_OR_DIGIT.test(prefix)) throw new QueryError(`'${text}': a prefix* needs a letter or digit before the '*'.`);
    return { kind: 'term', field, text: prefix, match: 'prefix', distance: 0 };
  }
  const tilde = text.indexOf('~');
  if (tilde !== -1) {
    const word = text.slice(0, tilde);
    const distance = text.slice(tilde + 1);
    if (!LETTER_OR_DIGIT.test(word)) throw new QueryError(`'${text}': put the word before the '~', e.g. nixos~1.`);
    if (distance !== '' && distance !== '1' && distance !== '2') {
      throw new QueryError(`'${text}': ~ takes an edit distance of 1 or 2, e.g. nixos~1; got '~${distance}'.`);
    }
    return { kind: 'term', field, text: word, match: 'fuzzy', distance: distance === '2' ? 2 : 1 };
  }
  if (!LETTER_OR_DIGIT.test(text)) {
    throw new QueryError(`'${text}' has no letters or digits to search for; put it in quotes to find it as written, e.g. "${text}".`);
  }
  return { kind: 'term', field, text, match: 'exact', distance: 0 };
}

function fieldNode(name: FieldName, value: string, quoted: boolean): QueryNode {
  switch (name) {
    case 'title':
      return quoted ? { kind: 'phrase', field: 'title', text: value } : wordNode(value, 'title');
    case 'tag': {
      const tag = value.replace(/^#/, '').toLowerCase();
      if (tag === '') throw new QueryError('tag: needs a tag name, e.g. tag:nix.');
      return { kind: 'tag', tag };
    }
    case 'path':
      return { kind: 'path', path: value.toLowerCase() };
    case 'after':
    case 'before':
      return { kind: 'date', op: name, date: dateBound(name, value) };
  }
}

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** `2025`, `2025-01` or `2025-01-31` as an inclusive bound: the start of the span for after:, its end for before:. */
function dateBound(op: 'after' | 'before', value: string): IsoDate {
  const bad = new QueryError(`${op}: needs a date like 2025-01-31, got '${value}'.`);
  const m = DATE.exec(value);
  if (!m) throw bad;
  const year = Number(m[1]);
  const month = m[2] === undefined ? (op === 'after' ? 1 : 12) : Number(m[2]);
  if (month < 1 || month > 12) throw bad;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? (op === 'after' ? 1 : lastDay) : Number(m[3]);
  if (day < 1 || day > lastDay) throw bad;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
