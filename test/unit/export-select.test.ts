import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/core/api';
import { parseNote } from '../../electron/core/note';
import { exclusionReason, frontmatterFlag, selectNotes } from '../../electron/core/export/select';
import type { SelectionCriteria } from '../../electron/core/export/types';
import { notebookOf } from './export-fixtures';

const NOTES: Record<string, string> = {
  'a.md': '---\ntitle: Alpha post\ndate: 2025-01-05\ntags: [blog]\n---\nSee [[c]], [[priv]], [[Beta alias]] and ![[embedded]].\n',
  'b.md': '---\ndate: 2025-02-01\naliases: [Beta alias]\n---\nNested tag #blog/nix. Links [[d]].\n',
  'c.md': '---\ndate: 2025-03-01\npublish: true\ntags: other\n---\nOn to [[d]] and [[draft]].\n',
  'd.md': 'Plain note, links [[e]] and [[privfield]].\n',
  'e.md': 'The end.\n',
  'embedded.md': 'Only embedded. [[e]]\n',
  'draft.md': '---\ntags: [blog]\ndraft: true\npublish: true\n---\nDraft.\n',
  'nopub.md': '---\ntags: [blog]\npublish: false\n---\nNot public.\n',
  'priv.md': '---\ntags: [blog]\n---\nPrivate by tag. #private\n',
  'privfield.md': '---\ntags: [blog]\nprivate: "yes"\n---\nPrivate by field.\n',
  'privnested.md': '---\ntags: [blog, Private/Family]\n---\nPrivate by nested tag.\n',
  'undated.md': '---\ntags: [Blog]\n---\nNo date here.\n',
};

function select(criteria: SelectionCriteria, searchIds?: (q: string) => string[]) {
  const { graph } = notebookOf(NOTES);
  return selectNotes({ graph, ...(searchIds ? { searchIds } : {}) }, criteria);
}

describe('exclusionReason', () => {
  it.each([
    ['draft: true', '---\ndraft: true\n---\n', 'draft'],
    ['draft: "yes"', '---\ndraft: "yes"\n---\n', 'draft'],
    ['publish: false', '---\npublish: false\n---\n', 'publish-false'],
    ['publish: "no"', '---\npublish: "no"\n---\n', 'publish-false'],
    ['private: true', '---\nprivate: true\n---\n', 'private-field'],
    ['#private inline', 'text #private\n', 'private-tag'],
    ['#Private/family', 'text #Private/family\n', 'private-tag'],
    ['tags: private', '---\ntags: private\n---\n', 'private-tag'],
    ['#privateer is another tag', 'text #privateer\n', null],
    ['`#private` in code is not a tag', 'text `#private`\n', null],
    ['draft: false, publish: true', '---\ndraft: false\npublish: true\n---\n', null],
  ])('%s', (_name, source, reason) => {
    expect(exclusionReason(parseNote('n.md', source))).toBe(reason);
  });

  it('reads YAML 1.1 style booleans written as strings', () => {
    expect([true, 'Yes', 'on', 'TRUE', false, 'no', 'Off', 'maybe', 1, null].map(frontmatterFlag)).toEqual([
      true, true, true, true, false, false, false, null, null, null,
    ]);
  });
});

describe('selectNotes', () => {
  it.each<[string, SelectionCriteria, string[]]>([
    ['no criterion: the notes marked publish: true', {}, ['c.md']],
    ['--published', { publish: true }, ['c.md']],
    ['a tag, nested-aware and case-insensitive', { tags: ['blog'] }, ['a.md', 'b.md', 'undated.md']],
    ['a tag written with # and in capitals', { tags: ['#BLOG'] }, ['a.md', 'b.md', 'undated.md']],
    ['a nested tag only', { tags: ['blog/nix'] }, ['b.md']],
    ['a parent is not a child', { tags: ['nix'] }, []],
    ['any of several tags', { tags: ['blog/nix', 'other'] }, ['b.md', 'c.md']],
    ['an inclusive date range (undated notes fail it)', { since: '2025-01-05', until: '2025-02-01' }, ['a.md', 'b.md']],
    ['since alone', { since: '2025-02-01' }, ['b.md', 'c.md']],
    ['tag and date range together', { tags: ['blog'], until: '2025-01-31' }, ['a.md']],
    ['named notes by id, title and alias', { notes: ['c.md', 'Alpha post', 'beta alias'] }, ['a.md', 'b.md', 'c.md']],
    ['named private notes are never exported', { notes: ['priv', 'draft', 'nopub', 'privfield', 'privnested'] }, []],
    ['depth 1 follows links, not embeds, never into private notes', { notes: ['a'], depth: 1 }, ['a.md', 'b.md', 'c.md']],
    ['depth 2', { notes: ['a'], depth: 2 }, ['a.md', 'b.md', 'c.md', 'd.md']],
    ['depth 3 stops at excluded notes', { notes: ['a'], depth: 3 }, ['a.md', 'b.md', 'c.md', 'd.md', 'e.md']],
    ['depth 0 is no following', { notes: ['a'], depth: 0 }, ['a.md']],
  ])('%s', (_name, criteria, expected) => {
    expect(select(criteria).ids).toEqual(expected);
  });

  it('a query is answered by the injected search and combined with the other criteria', () => {
    const asked: string[] = [];
    const searchIds = (q: string) => {
      asked.push(q);
      return ['a.md', 'priv.md', 'c.md', 'not-a-note.md'];
    };
    expect(select({ query: 'anything' }, searchIds).ids).toEqual(['a.md', 'c.md']);
    expect(select({ query: 'anything', tags: ['blog'] }, searchIds).ids).toEqual(['a.md']);
    expect(asked).toEqual(['anything', 'anything']);
  });

  it('warns about a named note it will not export', () => {
    expect(select({ notes: ['priv'] }).warnings).toEqual(['--note priv.md is not exported: it is tagged #private']);
  });

  it.each<[string, SelectionCriteria, RegExp]>([
    ['an unknown note', { notes: ['Nope'] }, /--note "Nope": no note has that id/],
    ['a bad since date', { since: '2025-13-01' }, /--since "2025-13-01" is not a date; use YYYY-MM-DD/],
    ['a bad until date', { until: '2025-02-30' }, /--until "2025-02-30" is not a date/],
    ['since after until', { since: '2025-03-01', until: '2025-01-01' }, /--since 2025-03-01 is after --until 2025-01-01/],
    ['a negative depth', { depth: -1 }, /--depth must be a whole number from 0 to 50, got -1/],
    ['a fractional depth', { depth: 1.5 }, /--depth must be a whole number/],
    ['an empty tag', { tags: ['#'] }, /--tag "#" names no tag/],
    ['a query without a search index', { query: 'x' }, /--query needs the search index/],
  ])('rejects %s with an error naming it', (_name, criteria, message) => {
    let error: unknown;
    try {
      select(criteria);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toMatch(message);
  });
});
