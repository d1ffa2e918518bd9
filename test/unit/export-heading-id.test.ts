import { describe, expect, it } from 'vitest';
import { HeadingIdSequence, headingId } from '../../electron/core/export/heading-id';
import type { Preset } from '../../electron/core/export/types';

// Plain heading text (as the engine renders it) -> id, per engine. The Hugo
// column is also checked against the real hugo binary in test/node/export-hugo.test.ts.
const TABLE: Array<[string, { hugo: string; jekyll: string; github: string }]> = [
  ['Rolling back', { hugo: 'rolling-back', jekyll: 'rolling-back', github: 'rolling-back' }],
  ['Héllo World code & Co.!', { hugo: 'héllo-world-code--co', jekyll: 'héllo-world-code--co', github: 'héllo-world-code--co' }],
  ['What’s new in 2.0?', { hugo: 'whats-new-in-20', jekyll: 'whats-new-in-20', github: 'whats-new-in-20' }],
  ['snake_case and-dash', { hugo: 'snake_case-and-dash', jekyll: 'snake_case-and-dash', github: 'snake_case-and-dash' }],
  ['100% sure (really)', { hugo: '100-sure-really', jekyll: '100-sure-really', github: '100-sure-really' }],
  ['  Padded  ', { hugo: 'padded', jekyll: '--padded--', github: '--padded--' }],
  ['Tabs\there', { hugo: 'tabshere', jekyll: 'tabs-here', github: 'tabshere' }],
  ['C++ / Rust', { hugo: 'c--rust', jekyll: 'c--rust', github: 'c--rust' }],
  ['1 ½ cups', { hugo: '1--cups', jekyll: '1--cups', github: '1--cups' }],
  ['Cafe\u0301 (NFD)', { hugo: 'cafe-nfd', jekyll: 'cafe\u0301-nfd', github: 'cafe\u0301-nfd' }],
  ['日本語 ノート', { hugo: '日本語-ノート', jekyll: '日本語-ノート', github: '日本語-ノート' }],
  ['?!', { hugo: 'heading', jekyll: '', github: '' }],
];

const ENGINES: Array<[Preset, 'hugo' | 'jekyll' | 'github']> = [
  ['hugo', 'hugo'],
  ['jekyll', 'jekyll'],
  ['astro', 'github'],
  ['plain', 'github'],
];

describe('headingId', () => {
  for (const [preset, column] of ENGINES) {
    it.each(TABLE)(`${preset}: %j`, (text, ids) => {
      expect(headingId(text, preset)).toBe(ids[column]);
    });
  }
});

describe('HeadingIdSequence numbers repeated headings as each engine does', () => {
  const headings = ['Notes', 'Notes', 'Notes-1', 'Notes', 'Other'];
  it.each<[Preset, string[]]>([
    ['hugo', ['notes', 'notes-1', 'notes-1-1', 'notes-2', 'other']],
    ['astro', ['notes', 'notes-1', 'notes-1-1', 'notes-2', 'other']],
    ['plain', ['notes', 'notes-1', 'notes-1-1', 'notes-2', 'other']],
    // kramdown counts repeats of the same base id and does not check what is taken.
    ['jekyll', ['notes', 'notes-1', 'notes-1', 'notes-2', 'other']],
  ])('%s', (preset, expected) => {
    const sequence = new HeadingIdSequence(preset);
    expect(headings.map((h) => sequence.next(h))).toEqual(expected);
  });

  it('skips an id a literal heading already took (hugo)', () => {
    const sequence = new HeadingIdSequence('hugo');
    expect(['A-1', 'A', 'A'].map((h) => sequence.next(h))).toEqual(['a-1', 'a', 'a-2']);
  });
});
