// How text becomes index terms, shared by the lunr index, the scan search,
// the query parser and the snippet marker so that all four agree.
//
// A word is a run of letters and digits, optionally joined by connectors
// `. - _ / @` into a compound: `flake.lock`, `nix-shell`,
// `/etc/nixos/configuration.nix`. lunr's own tokenizer splits on spaces and
// hyphens only and its trimmer strips everything that is not ASCII `\w`, so
// `nix-shell` would become `nix` + `shell` and `café` would lose its `é`.
// Here a compound yields, as separate units at the same place:
//   - the whole form (`etc/nixos/configuration.nix`),
//   - every run of 2 or 3 neighbouring parts (`configuration.nix`, `nixos/configuration`, ...),
//   - each part (`etc`, `nixos`, `configuration`, `nix`).
// Whole forms and runs are indexed verbatim (lower-cased, never stemmed: they
// are names of files and commands); parts and plain words drop English stop
// words and go through lunr's Porter stemmer, so `locks` finds `lock` and
// `shell` finds the `shell` in `nix-shell`. Apostrophes join and then vanish
// (`nix's` → `nixs` → stem `nix`).

import lunr from 'lunr';

/** A word: letters/digits/marks, with single connectors or apostrophes inside. */
export const WORD_PATTERN = /[\p{L}\p{N}\p{M}]+(?:[._\-/@'\u2019][\p{L}\p{N}\p{M}]+)*/gu;
const CONNECTOR = /[._\-/@]/;
const APOSTROPHES = /['\u2019]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Longer units (base64 blobs, hashes of hashes) are left out of the index. */
export const MAX_UNIT_LENGTH = 64;
/** Compounds with more parts than this index only their whole form and parts. */
const MAX_PARTS_FOR_RUNS = 8;

/** One indexable piece of a word, with its place in the text. */
export interface WordUnit {
  /** [start, end) offsets in the text the word came from. */
  start: number;
  end: number;
  /** Lower-cased, NFC, apostrophes removed. */
  norm: string;
  /** A whole compound or a run of its parts: indexed verbatim. */
  compound: boolean;
  /** What the index stores for this unit; null for a stop word. */
  term: string | null;
}

/** Lower-cases a word (or a whole text) for comparison: NFC, apostrophes removed. */
export function normalizeWord(raw: string): string {
  let word = raw.toLowerCase();
  if (NON_ASCII.test(word)) word = word.normalize('NFC');
  if (word.includes("'") || word.includes('\u2019')) word = word.replace(APOSTROPHES, '');
  return word;
}

// lunr's English stop word list (lunr.stopWordFilter's), as a Set: the
// filter itself wants a Token object per call.
const stopWords = new Set<string>();
for (const word of 'a able about across after all almost also am among an and any are as at be because been but by can cannot could dear did do does either else ever every for from get got had has have he her hers him his how however i if in into is it its just least let like likely may me might most must my neither no nor not of off often on only or other our own rather said say says she should since so some than that the their them then there these they this tis to too twas us wants was we were what when where which while who whom why will with would yet you your'.split(' ')) {
  stopWords.add(word);
}

// The Porter stemmer is the costliest step of indexing; a note collection has
// a vocabulary far smaller than its word count, so stems are memoised.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 400_000;
const stemToken = new lunr.Token('', {}) as unknown as { str: string } & lunr.Token;

export function stem(norm: string): string {
  let stemmed = stemCache.get(norm);
  if (stemmed === undefined) {
    stemToken.str = norm;
    stemmed = (lunr.stemmer(stemToken) as unknown as lunr.Token).toString();
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, stemmed);
  }
  return stemmed;
}

/** The index term of a normalised word or compound; null when it is not indexed. */
export function termOf(norm: string, compound: boolean): string | null {
  if (norm.length === 0 || norm.length > MAX_UNIT_LENGTH) return null;
  if (compound) return norm;
  return stopWords.has(norm) ? null : stem(norm);
}

function unit(text: string, start: number, end: number, compound: boolean): WordUnit {
  const norm = normalizeWord(text.slice(start, end));
  return { start, end, norm, compound, term: termOf(norm, compound) };
}

/**
 * The units of one word found at `start` (see the header): a plain word gives
 * itself; a compound gives its whole form, runs of 2–3 parts, and its parts.
 */
export function wordUnits(word: string, start: number): WordUnit[] {
  if (!CONNECTOR.test(word)) return [unit(word, 0, word.length, false)].map((u) => shift(u, start));
  const parts: Array<[number, number]> = [];
  let partStart = 0;
  for (let i = 0; i < word.length; i++) {
    if (CONNECTOR.test(word[i])) {
      parts.push([partStart, i]);
      partStart = i + 1;
    }
  }
  parts.push([partStart, word.length]);
  const units: WordUnit[] = [unit(word, 0, word.length, true)];
  if (parts.length <= MAX_PARTS_FOR_RUNS) {
    for (let size = 2; size <= 3 && size < parts.length; size++) {
      for (let i = 0; i + size <= parts.length; i++) units.push(unit(word, parts[i][0], parts[i + size - 1][1], true));
    }
  }
  for (const [s, e] of parts) units.push(unit(word, s, e, false));
  return units.map((u) => shift(u, start));
}

function shift(u: WordUnit, by: number): WordUnit {
  if (by !== 0) {
    u.start += by;
    u.end += by;
  }
  return u;
}

// Word scanning by char codes: a regular expression with \p{..} classes
// allocates a match per word, which dominated indexing time.
const CHAR_UNKNOWN = 0;
const CHAR_WORD = 1;
const CHAR_OTHER = 2;
const bmpClass = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdfff) return isAstralWordChar(text, i, c);
  let cls = bmpClass[c];
  if (cls === CHAR_UNKNOWN) {
    cls = WORD_CHAR.test(String.fromCharCode(c)) ? CHAR_WORD : CHAR_OTHER;
    bmpClass[c] = cls;
  }
  return cls === CHAR_WORD;
}

/** Either half of a surrogate pair classifies as its whole code point. */
function isAstralWordChar(text: string, i: number, c: number): boolean {
  const at = c >= 0xdc00 ? i - 1 : i;
  const point = at >= 0 ? text.codePointAt(at) : undefined;
  return point !== undefined && point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point));
}

/** `. - _ / @` join compound parts (1); apostrophes join and then vanish (2). */
function connectorKind(c: number): 0 | 1 | 2 {
  if (c === 46 || c === 45 || c === 95 || c === 47 || c === 64) return 1;
  if (c === 39 || c === 0x2019) return 2;
  return 0;
}

/**
 * Calls `visit` for every word of `text` (what WORD_PATTERN matches) with its
 * [start, end) offsets and whether it holds a compound connector.
 */
export function scanWords(text: string, visit: (start: number, end: number, compound: boolean) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let compound = false;
    i++;
    for (;;) {
      while (i < n && isWordCode(text, i)) i++;
      if (i + 1 < n) {
        const kind = connectorKind(text.charCodeAt(i));
        if (kind !== 0 && isWordCode(text, i + 1)) {
          if (kind === 1) compound = true;
          i += 2;
          continue;
        }
      }
      break;
    }
    visit(start, i, compound);
  }
}

/**
 * The [start, end) of the word (as scanWords finds it) holding text[i], or
 * null when text[i] is not part of a word. Lets a scan jump to a probe's
 * hits instead of splitting a whole note into words.
 */
export function wordAround(text: string, i: number): [number, number] | null {
  if (!isWordCode(text, i)) {
    // A connector between two word characters is inside a word.
    const inside = i > 0 && connectorKind(text.charCodeAt(i)) !== 0 && isWordCode(text, i - 1) && isWordCode(text, i + 1);
    if (!inside) return null;
    i--;
  }
  let start = i;
  for (;;) {
    while (start > 0 && isWordCode(text, start - 1)) start--;
    if (start >= 2 && connectorKind(text.charCodeAt(start - 1)) !== 0 && isWordCode(text, start - 2)) {
      start -= 2;
      continue;
    }
    break;
  }
  let end = i + 1;
  for (;;) {
    while (end < text.length && isWordCode(text, end)) end++;
    if (end + 1 < text.length && connectorKind(text.charCodeAt(end)) !== 0 && isWordCode(text, end + 1)) {
      end += 2;
      continue;
    }
    break;
  }
  return [start, end];
}

/** True when a word (as scanWords finds it) is a compound: it holds `. - _ / @`. */
export function isCompound(word: string): boolean {
  return CONNECTOR.test(word);
}

/** Every unit of every word of `text`, in text order. */
export function textUnits(text: string): WordUnit[] {
  const units: WordUnit[] = [];
  scanWords(text, (start, end) => {
    for (const u of wordUnits(text.slice(start, end), start)) units.push(u);
  });
  return units;
}

// Plain words repeat endlessly in a notebook: their analysis is memoised by spelling.
interface PlainWord {
  norm: string;
  term: string | null;
}
const plainCache = new Map<string, PlainWord>();
const PLAIN_CACHE_LIMIT = 400_000;

function plainWord(word: string): PlainWord {
  let plain = plainCache.get(word);
  if (plain === undefined) {
    const norm = normalizeWord(word);
    plain = { norm, term: termOf(norm, false) };
    if (plainCache.size >= PLAIN_CACHE_LIMIT) plainCache.clear();
    plainCache.set(word, plain);
  }
  return plain;
}

/** The units of a word found by `scanWords` (plain words take the memoised fast path). */
export function unitsOf(word: string, start: number, compound: boolean): WordUnit[] {
  if (compound) return wordUnits(word, start);
  const { norm, term } = plainWord(word);
  return [{ start, end: start + word.length, norm, compound: false, term }];
}

/**
 * Calls `visit` with every index term of `text`, in order, and the spelling
 * it came from (the units of `wordUnits` that are not stop words). This is
 * how the index analyses text.
 */
export function forEachTerm(text: string, visit: (term: string, norm: string) => void): void {
  scanWords(text, (start, end, compound) => {
    const word = text.slice(start, end);
    if (!compound) {
      const { norm, term } = plainWord(word);
      if (term !== null) visit(term, norm);
      return;
    }
    for (const u of wordUnits(word, start)) if (u.term !== null) visit(u.term, u.norm);
  });
}

/**
 * The same analysis as a lunr pipeline step (tokens carrying `compound` in
 * their metadata): drop stop words and stem plain words; keep whole compounds
 * verbatim. It is the pipeline a serialised segment names, so it is
 * registered with lunr for lunr.Index.load.
 */
export function notebookTerm(token: lunr.Token): lunr.Token | undefined {
  const compound = (token as unknown as { metadata: { compound?: boolean } }).metadata.compound === true;
  const term = termOf(token.toString(), compound);
  if (term === null) return undefined;
  return token.update(() => term);
}

export const PIPELINE_LABEL = 'notebookTerm';
if (!(PIPELINE_LABEL in (lunr.Pipeline as unknown as { registeredFunctions: object }).registeredFunctions)) {
  lunr.Pipeline.registerFunction(notebookTerm as unknown as lunr.PipelineFunction, PIPELINE_LABEL);
}

/** How a query word is looked up: one entry per word it contains. */
export interface QueryWord {
  norm: string;
  compound: boolean;
  /** The index term; null for a stop word (found by scanning the text instead). */
  term: string | null;
}

/**
 * The words of a query word, analysed as the index analyses text: `flake.lock`
 * is looked up whole, `Flakes` as the stem `flake`, `(nix)` as `nix`.
 */
export function queryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  scanWords(text, (start, end, compound) => {
    const norm = normalizeWord(text.slice(start, end));
    words.push({ norm, compound, term: termOf(norm, compound) });
  });
  return words;
}
