// A note record (what the parse cache stores and parse workers send) must
// give back exactly the ParsedNote parseNote returns for the same text, and
// a damaged record must be refused (null), never half-used.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../electron/core/note';
import { fromNoteRecord, toNoteRecord } from '../../electron/core/note-record';
import { filesUnder } from './support/read-folder';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));


const roundTrip = (id: string, source: string) => {
  const record = toNoteRecord(parseNote(id, source));
  // Through JSON, as the cache file carries it.
  return record && fromNoteRecord(id, source, JSON.parse(JSON.stringify(record)));
};

describe('note records give back the parsed note exactly', () => {
  const cases: Array<[string, string, string]> = [
    ['every link form', 'a/Links.md', '[[T]] [[T|alias]] [[T#H#I]] [[T#^b1]] ![[img.png]] [[#Own]] [t](x%20y.md#Sec) ![i](p.png) [[T\\|t]]\n'],
    ['front matter, tags, headings', 'x/2025-01-02 Note.md', '---\ntitle: "T"\ntags: [a, b/c]\naliases: [A]\n---\n# H1\nText #tag and [[L]].\n\nSetext\n===\n'],
    ['CRLF line endings', 'crlf.md', '---\r\ntitle: CR\r\n---\r\nLine [[A]]\r\n  indented [[B]] \r\n'],
    ['a BOM', 'bom.md', '\ufeff# Title\n[[Link]]\n'],
    ['two BOMs (the scan strips one, parseNote the other)', 'bom2.md', '\ufeff\ufeff[[Link]]'],
    ['code and comments hide links', 'code.md', '```\n[[no]]\n```\n`[[no]]` <!-- [[no]] --> %% [[no]] %% [[yes]]\n'],
    ['a broken front matter', 'broken.md', '---\ntitle: [unclosed\n---\n[[A]]\n'],
    ['a bad front matter date', 'date.md', '---\ndate: someday\n---\nbody\n'],
    ['no links at all', 'plain.md', 'just words'],
    ['an empty file', 'empty.md', ''],
    ['astral characters before links', 'emoji.md', '🚀 [[A]] 🚀 [[B|🚀]]\n'],
  ];
  it.each(cases)('%s', (_name, id, source) => {
    expect(roundTrip(id, source)).toEqual(parseNote(id, source));
  });

  it('for every fixture note', () => {
    const files = filesUnder(FIXTURES).filter((f) => f.isNote);
    expect(files.length).toBeGreaterThan(10);
    for (const { id, path } of files) {
      const source = readFileSync(path, 'utf8');
      expect(roundTrip(id, source), id).toEqual(parseNote(id, source));
    }
  });

  it('declines front matter JSON cannot carry (the note is parsed instead)', () => {
    for (const value of ['.inf', '-.inf', '.nan', '-0.0']) {
      expect(toNoteRecord(parseNote('n.md', `---\nx: ${value}\n---\n`)), value).toBeNull();
    }
    expect(toNoteRecord(parseNote('n.md', '---\nx: [1, 2.5, "s", null, true]\n---\n'))).not.toBeNull();
  });
});

describe('a damaged record is refused', () => {
  const source = '---\ntitle: T\n---\n# H\n[[A]] [[B#h]] #tag\n';
  const good = toNoteRecord(parseNote('n.md', source))!;
  const damaged: Array<[string, unknown]> = [
    ['not an array', { title: 'T' }],
    ['too short', good.slice(0, 12)],
    ['a number for the title', Object.assign([...good], { 0: 1 })],
    ['a link past the end of the text', Object.assign([...good], { 10: [0, source.length, 5, 'A'] })],
    ['an unknown link kind', Object.assign([...good], { 10: [5 * 8, 0, 3, 'A'] })],
    ['a link missing its heading', Object.assign([...good], { 10: [1, 20, 5, 'A'] })],
    ['a heading with a text number', Object.assign([...good], { 9: [1, 2, 3] })],
    ['a list for the front matter', Object.assign([...good], { 6: [] })],
    ['a bad date source', Object.assign([...good], { 2: 'guess' })],
    ['a warning without a message', Object.assign([...good], { 12: [{ code: 'x' }] })],
  ];
  it.each(damaged)('%s', (_name, record) => {
    expect(fromNoteRecord('n.md', source, record)).toBeNull();
  });

  it('the undamaged record is accepted', () => {
    expect(fromNoteRecord('n.md', source, good)).toEqual(parseNote('n.md', source));
  });
});
