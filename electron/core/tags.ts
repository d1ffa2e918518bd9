// Tags: inline `#tag` / `#nested/tag` in prose, and front matter `tags:`.
// Rules follow Obsidian: letters (any script), digits, `_`, `-`, `/`; not
// only digits; a `#` glued to a word, a URL or `&` is not a tag.

import type { TagRef } from './model';
import { inRanges } from './ranges';
import { lineIndexOf } from './text-position';

// The character before `#` must be absent, whitespace or punctuation other
// than those that make `#` part of something else (`&#…;`, `a/#x`, `\#`).
// Exported as sources so the reader's marked extension uses the same rules.
export const TAG_MAY_FOLLOW_CLASS = `[\\s!"$%'()*+,.:;<=>?@[\\]^\`{|}~\\u00a1-\\u00bf\\u2000-\\u206f\\u3000-\\u303f-]`;
export const TAG_BODY_CLASS = '[\\p{L}\\p{M}\\p{N}_\\-/]';
const INLINE_TAG = new RegExp(`(?<!${TAG_MAY_FOLLOW_CLASS.replace('[', '[^')})#(${TAG_BODY_CLASS}+)`, 'gu');
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()]+/gi;

/** A tag name is valid when something besides digits and slashes is in it. */
export function isValidTag(tag: string): boolean {
  return tag !== '' && /[^\d/]/.test(tag) && !tag.startsWith('/');
}

/**
 * Inline tags outside the `nonProse` ranges (which must include links) and
 * outside bare URLs, in source order, with 1-based lines.
 */
export function extractInlineTags(source: string, lineStarts: number[], nonProse: number[]): TagRef[] {
  if (!source.includes('#')) return [];
  const urls: number[] = [];
  if (source.includes('://')) {
    for (const m of source.matchAll(URL)) urls.push(m.index, m.index + m[0].length);
  }
  const refs: TagRef[] = [];
  for (const m of source.matchAll(INLINE_TAG)) {
    if (inRanges(nonProse, m.index) || inRanges(urls, m.index)) continue;
    const tag = m[1].replace(/\/+$/, '');
    if (!isValidTag(tag)) continue;
    refs.push({ tag, line: lineIndexOf(lineStarts, m.index) + 1 });
  }
  return refs;
}

/**
 * Tags from front matter `tags:` and `tag:`: a list, or a string split on
 * commas and spaces; a leading `#` is dropped.
 */
export function frontmatterTags(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['tags', 'tag']) {
    const value = data[key];
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      for (const piece of String(item).split(/[,\s]+/)) {
        const tag = piece.replace(/^#+/, '').replace(/\/+$/, '');
        if (isValidTag(tag)) out.push(tag);
      }
    }
  }
  return out;
}

/** Unique tags compared case-insensitively, first spelling kept. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}
