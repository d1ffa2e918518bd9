// The text shown under a hit: the window of the body (about 160 characters)
// holding the most of the query's words, whitespace collapsed, with the
// [start, end) offsets of the matched words in it. A word matches as the
// index matched it: its stem (`locks` for `lock`), a part of a compound
// (`lock` in `flake.lock`), a whole compound, a prefix or a near spelling.

import { probeOfTerm, type Highlights } from './query-plan';
import { isCompound, scanWords, unitsOf, wordAround } from './tokenizer';

export interface Snippet {
  snippet: string;
  marks: Array<[number, number]>;
}

export const SNIPPET_WIDTH = 160;
/** Context kept before the first match of the window. */
const LEAD = 40;
/** Enough matches to choose a window from, even in a 5 MB note. */
const MAX_RANGES = 400;

interface Range {
  start: number;
  end: number;
  /** Which query word or phrase matched, to prefer windows matching several. */
  key: number;
}

export function makeSnippet(body: string, highlights: Highlights, width = SNIPPET_WIDTH): Snippet {
  const ranges = findRanges(body, highlights);
  if (ranges.length === 0) return render(body, 0, Math.min(body.length, width), []);

  // The window starting at a match that covers the most distinct query items, then the most matches.
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  for (let i = 0; i < ranges.length; i++) {
    const keys = new Set<number>();
    let count = 0;
    for (let j = i; j < ranges.length && ranges[j].end <= ranges[i].start + width - LEAD; j++) {
      keys.add(ranges[j].key);
      count++;
    }
    if (keys.size > bestDistinct || (keys.size === bestDistinct && count > bestCount)) {
      best = i;
      bestDistinct = keys.size;
      bestCount = count;
    }
  }
  const anchor = ranges[best].start;
  let start = Math.max(0, anchor - LEAD);
  // Start on a word boundary, never after the anchor.
  if (start > 0 && !isSpace(body.charCodeAt(start - 1))) {
    let s = start;
    while (s < anchor && !isSpace(body.charCodeAt(s))) s++;
    start = s < anchor ? s + 1 : start;
  }
  let end = Math.min(body.length, start + width);
  if (end < body.length && !isSpace(body.charCodeAt(end))) {
    let e = end;
    while (e > anchor && !isSpace(body.charCodeAt(e - 1))) e--;
    if (e > ranges[best].end) end = e;
  }
  return render(body, start, end, ranges);
}

function findRanges(body: string, highlights: Highlights): Range[] {
  const found: Range[] = [];
  highlights.phrases.forEach((phrase, p) => {
    const pattern = new RegExp(phrase.pattern.source, 'giu');
    for (let m = pattern.exec(body); m !== null && found.length < MAX_RANGES; m = pattern.exec(body)) {
      found.push({ start: m.index, end: m.index + m[0].length, key: -1 - p });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  });
  const words = highlights.words;
  const markWord = (start: number, end: number, compound: boolean, only: number): void => {
    const units = unitsOf(body.slice(start, end), start, compound);
    // Units come largest first (whole, runs, parts): keep a unit unless a matched one already covers it.
    const matched: Range[] = [];
    for (const unit of units) {
      const key = only >= 0 ? (words[only].matches(unit) ? only : -1) : words.findIndex((leaf) => leaf.matches(unit));
      if (key === -1) continue;
      if (matched.some((m) => m.start <= unit.start && unit.end <= m.end)) continue;
      matched.push({ start: unit.start, end: unit.end, key });
    }
    found.push(...matched);
  };
  // Where lower-casing keeps offsets, jump to the hits of each word's probe
  // instead of splitting the whole note into words.
  const lower = body.toLowerCase();
  const aligned = lower.length === body.length;
  let scanAll = false;
  words.forEach((leaf, key) => {
    // A fuzzy word the index resolved to terms is found through their probes.
    const probes = leaf.probe !== '' ? [leaf.probe] : leaf.resolved !== null ? [...new Set([...leaf.resolved].map(probeOfTerm))] : [];
    if (!aligned || probes.length === 0) {
      scanAll = true;
      return;
    }
    for (const probe of probes) {
      for (let at = lower.indexOf(probe); at !== -1 && found.length < MAX_RANGES; ) {
        const span = wordAround(body, at);
        if (span === null) {
          at = lower.indexOf(probe, at + 1);
          continue;
        }
        markWord(span[0], span[1], isCompound(body.slice(span[0], span[1])), key);
        at = lower.indexOf(probe, span[1]);
      }
    }
  });
  if (scanAll) {
    scanWords(body, (start, end, compound) => {
      if (found.length < MAX_RANGES) markWord(start, end, compound, -1);
    });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlaps (a phrase holding a matched word, a part inside a matched whole).
  const ranges: Range[] = [];
  for (const range of found) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && range.start < last.end) {
      if (range.end > last.end) last.end = range.end;
      continue;
    }
    ranges.push({ ...range });
  }
  return ranges;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

/** The body between start and end with whitespace collapsed, '…' where it was cut, and the marks moved along. */
function render(body: string, start: number, end: number, ranges: Range[]): Snippet {
  let out = start > 0 ? '…' : '';
  const marks: Array<[number, number]> = [];
  let r = 0;
  while (r < ranges.length && ranges[r].start < start) r++;
  let openMark = -1;
  let pendingSpace = false;
  for (let i = start; i < end; i++) {
    if (r < ranges.length && ranges[r].start === i && ranges[r].end <= end) {
      if (pendingSpace && out !== '' && out !== '…') out += ' ';
      pendingSpace = false;
      openMark = out.length;
    }
    const code = body.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = true;
    } else {
      if (pendingSpace && out !== '' && out !== '…') out += ' ';
      pendingSpace = false;
      out += body[i];
    }
    if (openMark !== -1 && i + 1 === ranges[r].end) {
      marks.push([openMark, out.length]);
      openMark = -1;
      r++;
    }
  }
  if (end < body.length) out += '…';
  return { snippet: out, marks };
}
