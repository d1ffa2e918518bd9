// Finding a word or phrase in lower-cased text (see normalizeWord) without a
// regular expression: an indexOf scan that checks the characters around each
// hit. Used to check phrases and stop words in thousands of notes, where a
// case-insensitive Unicode regex with look-behind was ten times slower.

/** True when text[i] continues a word (a letter, digit or mark). */
function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return /[\p{L}\p{N}\p{M}]/u.test(text[i]);
}

const SPACE = /\s/;

/** What `\s` matches, the whitespace phrases are collapsed by. */
function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(String.fromCharCode(c));
}

/**
 * Counts occurrences (up to `max`) of `literal` in `text`: a single space in
 * the literal stands for any run of whitespace; when the literal starts or
 * ends with a letter or digit, the text must not continue that word there.
 */
export function countLiteral(text: string, literal: string, max = Infinity): number {
  if (literal === '') return 0;
  const space = literal.indexOf(' ');
  const head = space === -1 ? literal : literal.slice(0, space);
  const wordStart = isWordAt(literal, 0);
  const wordEnd = isWordAt(literal, literal.length - 1);
  let count = 0;
  for (let at = text.indexOf(head); at !== -1 && count < max; at = text.indexOf(head, at + 1)) {
    if (wordStart && isWordAt(text, at - 1)) continue;
    const end = matchRest(text, at + head.length, literal, head.length);
    if (end === -1) continue;
    if (wordEnd && isWordAt(text, end)) continue;
    count++;
  }
  return count;
}

/** Matches literal[from..] at text[i..]; returns the end offset or -1. */
function matchRest(text: string, i: number, literal: string, from: number): number {
  for (let j = from; j < literal.length; j++) {
    if (literal[j] === ' ') {
      if (i >= text.length || !isSpaceCode(text.charCodeAt(i))) return -1;
      while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
    } else {
      if (text[i] !== literal[j]) return -1;
      i++;
    }
  }
  return i;
}
