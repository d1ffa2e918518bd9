// Heading ids as each blog engine makes them, so `[[X#Heading]]` can point at
// `#the-id` the built page really has. Each engine differs in small ways
// (which characters survive, how duplicates are numbered); the tables in
// test/unit/export-heading-id.test.ts pin them, and the Hugo build test checks
// Hugo's against the real binary.

import type { Preset } from './types';

/**
 * Hugo (goldmark, `autoHeadingIDType = "github"`, Hugo's default), from the
 * heading's source text (goldmark reads the raw line: `[a](../b/)` gives
 * `ab`, checked against the real Hugo): the text trimmed; `-` and space become `-`; letters, decimal digits and `_` kept
 * lower-cased; everything else (marks included) dropped. Empty -> `heading`.
 */
function hugoId(text: string): string {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === '-' || ch === ' ') out += '-';
    else if (ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch)) out += ch.toLowerCase();
  }
  return out === '' ? 'heading' : out;
}

/**
 * Jekyll (kramdown with the GFM parser, Jekyll's default): the heading's raw
 * text down-cased, every character that is not a word character
 * (letter, mark, digit, connector), `-`, space or tab removed, then spaces
 * and tabs become `-`.
 */
function kramdownGfmId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu, '')
    .replace(/[ \t]/g, '-');
}

// github-slugger (Astro's rehype-heading-ids; GitHub itself): removes other
// numbers, punctuation except `-` and connectors, symbols, controls and
// separators except the space.
const GITHUB_REMOVE = /[\p{No}\p{Pe}\p{Pf}\p{Pi}\p{Ps}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?![- ])[\p{Pd}\p{Zs}]/gu;

function githubId(text: string): string {
  return text.toLowerCase().replace(GITHUB_REMOVE, '').replace(/ /g, '-');
}

/** The id an engine gives the first heading with this (plain) text. */
export function headingId(text: string, preset: Preset): string {
  switch (preset) {
    case 'hugo':
      return hugoId(text);
    case 'jekyll':
      return kramdownGfmId(text);
    case 'astro':
    case 'plain':
      return githubId(text);
  }
}

/**
 * The ids of one page's headings in order, numbering repeats as the engine
 * does: Hugo and GitHub append `-1`, `-2`, ... skipping ids already taken;
 * kramdown counts repeats of the same base id without checking.
 */
export class HeadingIdSequence {
  private readonly taken = new Set<string>();
  private readonly repeats = new Map<string, number>();

  constructor(private readonly preset: Preset) {}

  next(text: string): string {
    const base = headingId(text, this.preset);
    if (this.preset === 'jekyll') {
      const seen = this.repeats.get(base) ?? 0;
      this.repeats.set(base, seen + 1);
      return seen === 0 ? base : `${base}-${seen}`;
    }
    let id = base;
    if (this.taken.has(id)) {
      let n = this.repeats.get(base) ?? 0;
      do id = `${base}-${++n}`;
      while (this.taken.has(id));
      this.repeats.set(base, n);
    }
    this.taken.add(id);
    return id;
  }
}
