// validateArgs: every API method's argument checked in one table; a refusal
// is an ApiError('bad-argument') naming the method, the field and the fault.

import { describe, expect, it } from 'vitest';
import { API_METHODS, ApiError } from '../../electron/core/api';
import {
  MAX_ATTACHMENT_BASE64_LENGTH,
  MAX_CONTENT_LENGTH,
  noteNameProblem,
  pathSegmentProblem,
  relativePathProblem,
  validateArgs,
} from '../../electron/core/api-validate';

const version = { hash: 'a'.repeat(64), mtimeMs: 1_700_000_000_000.5, size: 10 };

const valid: Array<[string, unknown]> = [
  ['info', {}],
  ['timeline', {}],
  ['getNote', { id: '2025/02JAN25 - NixOS.md' }],
  ['getNote', { id: 'Notes.markdown' }],
  ['getNote', { id: 'a..b/x..y.MD' }],
  ['mentions', { id: '2025/02JAN25 - NixOS.md' }],
  ['findNote', { name: 'NixOS' }],
  ['getConcept', { key: 'nixos' }],
  ['search', { query: 'flake.lock' }],
  ['search', { query: '', limit: 1000 }],
  ['search', { query: 'x', limit: undefined }],
  ['quickSwitch', { query: 'nix', limit: 20 }],
  ['createNote', { kind: 'today' }],
  ['createNote', { kind: 'today', template: 'templates/Daily.md' }],
  ['createNote', { kind: 'named', name: 'Flakes', folder: '2025', content: '# Flakes\n' }],
  ['createNote', { kind: 'named', name: 'Flakes', folder: '' }],
  ['saveNote', { id: 'Nix.md', content: '', baseVersion: version }],
  ['renameNote', { id: 'Nix.md', newId: 'concepts/Nix.md' }],
  ['deleteNote', { id: 'Nix.md' }],
  ['undoDelete', { undoToken: '5b1d1c4e-8a1f-4a3b-9a53-0a9b5f1f2c3d' }],
  ['linkMentions', { target: 'Nix.md' }],
  ['linkMentions', { target: 'Nix.md', mentions: [{ source: 'a.md', offset: 0 }] }],
  ['tags', {}],
  ['graph', {}],
  ['graph', { center: 'concept:nixos', depth: 2 }],
  ['history', { id: 'Nix.md' }],
  ['restoreHistory', { id: 'Nix.md', snapshotId: '2025-03-14T10-30-00Z' }],
  ['saveAttachment', { forNote: 'Nix.md', name: 'shot 1.png', dataBase64: 'iVBORw0KGgo=' }],
  ['exportBundle', { preset: 'hugo', out: '/tmp/out', since: '2024-02-29', until: '2025-12-31', tags: ['blog'], depth: 1, unexportedLinks: 'text', zip: true, dryRun: false }],
  ['exportBundle', { preset: 'plain', out: 'C:\\Users\\me\\blog.zip' }],
];

describe('validateArgs accepts', () => {
  it.each(valid)('%s %j', (method, args) => {
    expect(() => validateArgs(method, args)).not.toThrow();
  });

  it('returns a fresh object with only the known fields', () => {
    const args = { id: 'Nix.md' };
    const out = validateArgs('getNote', args);
    expect(out).toEqual(args);
    expect(out).not.toBe(args);
    expect(validateArgs('search', { query: 'x', limit: undefined })).toEqual({ query: 'x' });
  });

  it('has a validator for every API method', () => {
    for (const method of API_METHODS) {
      expect(() => validateArgs(method, {})).not.toThrow(/Unknown API method/);
    }
  });
});

// [method, args, what the message must mention]
const invalid: Array<[string, unknown, RegExp]> = [
  ['nope', {}, /Unknown API method "nope"/],
  ['constructor', {}, /Unknown API method/],
  ['info', null, /info: the argument must be an object/],
  ['info', [], /info: the argument must be an object, got an array/],
  ['info', 'x', /info: the argument must be an object/],
  ['info', { extra: 1 }, /info: "extra" is not a known field/],
  ['getNote', undefined, /getNote: the argument must be an object/],
  ['getNote', {}, /getNote: "id" is missing/],
  ['getNote', { id: 7 }, /getNote: "id" must be a string, got number 7/],
  ['getNote', { id: '' }, /"id" must not be empty/],
  ['getNote', { id: 'x'.repeat(1025) + '.md' }, /"id" is too long/],
  ['getNote', { id: '/etc/passwd.md' }, /"id" must be relative/],
  ['getNote', { id: 'C:/x.md' }, /"id" must be relative/],
  ['getNote', { id: '../x.md' }, /"id" must not contain "\.\." segments/],
  ['getNote', { id: 'a/../../x.md' }, /"\.\." segments/],
  ['getNote', { id: 'a\\b.md' }, /"id" must use "\/" and not contain backslashes/],
  ['getNote', { id: 'a\u0000.md' }, /"id" must not contain NUL/],
  ['getNote', { id: 'a//b.md' }, /empty or "\." segments/],
  ['getNote', { id: './a.md' }, /empty or "\." segments/],
  ['getNote', { id: 'photo.png' }, /"id" must be a note id ending in \.md or \.markdown/],
  ['getNote', { id: 'Nix.md', extra: 1 }, /getNote: "extra" is not a known field/],
  ['mentions', {}, /mentions: "id" is missing/],
  ['mentions', { id: '../x.md' }, /mentions: "id" must not contain "\.\."/],
  ['mentions', { id: 'Nix.md', extra: 1 }, /mentions: "extra" is not a known field/],
  ['getNote', JSON.parse('{"id":"Nix.md","__proto__":{"x":1}}'), /"__proto__" is not a known field/],
  ['search', { query: 'x', limit: 0 }, /search: "limit" is out of range: 0, expected 1 to 1000/],
  ['search', { query: 'x', limit: 2.5 }, /"limit" must be an integer/],
  ['search', { query: 'x', limit: '5' }, /"limit" must be an integer, got the string "5"/],
  ['search', { query: 'x'.repeat(10_001) }, /"query" is too long/],
  ['createNote', { kind: 'monthly' }, /createNote: "kind" must be one of "today", "named", got the string "monthly"/],
  ['createNote', {}, /"kind" must be one of/],
  ['createNote', { kind: 'today', name: 'x' }, /"name" is not a known field/],
  ['createNote', { kind: 'named' }, /"name" is missing/],
  ['createNote', { kind: 'named', name: '   ' }, /"name" must not be empty/],
  ['createNote', { kind: 'named', name: '../evil' }, /"name" must not contain "\.\."/],
  ['createNote', { kind: 'named', name: 'x', folder: '../..' }, /"folder" must not contain "\.\."/],
  ['createNote', { kind: 'named', name: 'x', folder: '/etc' }, /"folder" must be relative/],
  ['createNote', { kind: 'named', name: 'x', content: 'y'.repeat(MAX_CONTENT_LENGTH + 1) }, /"content" is too long/],
  ['saveNote', { id: 'a.md', content: 'x' }, /"baseVersion" is missing/],
  ['saveNote', { id: 'a.md', content: 'x', baseVersion: { ...version, hash: 'xyz' } }, /"baseVersion\.hash" must be a sha256 hex digest/],
  ['saveNote', { id: 'a.md', content: 'x', baseVersion: { ...version, size: -1 } }, /"baseVersion\.size" is out of range/],
  ['saveNote', { id: 'a.md', content: 'x', baseVersion: { ...version, mtimeMs: Number.NaN } }, /"baseVersion\.mtimeMs" must be a finite number/],
  ['saveNote', { id: 'a.md', content: 'x', baseVersion: { ...version, extra: 1 } }, /"baseVersion\.extra" is not a known field/],
  ['saveNote', { id: 'a.md', content: 42, baseVersion: version }, /"content" must be a string/],
  ['renameNote', { id: 'a.md', newId: 'b.txt' }, /"newId" must be a note id ending in \.md/],
  ['undoDelete', { undoToken: '' }, /"undoToken" must not be empty/],
  ['linkMentions', { target: 'a.md', mentions: 'all' }, /"mentions" must be an array/],
  ['linkMentions', { target: 'a.md', mentions: [{ source: 'b.md', offset: -1 }] }, /"mentions\[0\]\.offset" is out of range/],
  ['linkMentions', { target: 'a.md', mentions: [{ source: '../b.md', offset: 1 }] }, /"mentions\[0\]\.source" must not contain "\.\."/],
  ['graph', { depth: 11 }, /"depth" is out of range: 11, expected 0 to 10/],
  ['restoreHistory', { id: 'a.md', snapshotId: '../../x' }, /"snapshotId" must be a single name/],
  ['restoreHistory', { id: 'a.md', snapshotId: '..' }, /"snapshotId" must not be "\." or "\.\."/],
  ['saveAttachment', { forNote: 'a.md', name: 'a/b.png', dataBase64: '' }, /"name" must be a single name/],
  ['saveAttachment', { forNote: 'a.md', name: 'x'.repeat(256), dataBase64: '' }, /"name" is too long: 256 characters, at most 255/],
  ['saveAttachment', { forNote: 'a.md', name: 'a.png', dataBase64: 'not base64!' }, /"dataBase64" must be base64 data/],
  ['saveAttachment', { forNote: 'a.md', name: 'a.png', dataBase64: 'A'.repeat(MAX_ATTACHMENT_BASE64_LENGTH + 4) }, /"dataBase64" is too long/],
  ['exportBundle', { preset: 'hugo' }, /"out" is missing/],
  ['exportBundle', { preset: 'hugo', out: 'relative' }, /"out" must be an absolute path/],
  ['exportBundle', { preset: 'hugo', out: '/x', since: '2025-02-30' }, /"since" must be a date as YYYY-MM-DD/],
  ['exportBundle', { preset: 'hugo', out: '/x', until: '2023-02-29' }, /"until" must be a date as YYYY-MM-DD/],
  ['exportBundle', { preset: 'hugo', out: '/x', since: '25-01-01' }, /"since" must be a date/],
  ['exportBundle', { preset: 'hugo', out: '/x', zip: 'yes' }, /"zip" must be true or false/],
  ['exportBundle', { preset: 'hugo', out: '/x', notes: ['ok.md', 'bad.txt'] }, /"notes\[1\]" must be a note id/],
  ['exportBundle', { preset: 'hugo', out: '/x', unexportedLinks: 'drop' }, /"unexportedLinks" must be one of "text", "keep", "fail"/],
];

describe('validateArgs refuses', () => {
  it.each(invalid)('%s %j', (method, args, message) => {
    let caught: unknown;
    try {
      validateArgs(method, args);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('bad-argument');
    expect((caught as ApiError).message).toMatch(message);
  });
});

describe('relativePathProblem', () => {
  it.each([
    ['a/b.md', null],
    ['a..b.md', null],
    ['../a.md', 'must not contain ".." segments'],
    ['a/./b.md', 'must not contain empty or "." segments'],
    ['\\\\server\\share.md', 'must use "/" and not contain backslashes'],
    ['a\u0007.md', 'must not contain control characters'],
  ])('%j -> %j', (path, problem) => {
    expect(relativePathProblem(path)).toBe(problem);
  });
});

describe('new note names and attachment names must be portable and reachable', () => {
  const named = (name: string) => ({ kind: 'named', name });
  const attachment = (name: string) => ({ forNote: 'a.md', name, dataBase64: '' });

  it.each<[string, unknown, RegExp]>([
    ['createNote', named('Report \u202Egpj.md'), /"name" must not contain invisible format characters \(U\+202E/],
    ['createNote', named('zero\u200Bwidth'), /invisible format characters \(U\+200B/],
    ['createNote', named('soft\u00ADhyphen'), /invisible format characters \(U\+00AD/],
    ['createNote', named('note.md.'), /"name" must not end a name with a dot or a space \("note\.md\."\)/],
    ['createNote', named('folder./note'), /must not end a name with a dot or a space \("folder\."\)/],
    ['createNote', named('folder /note'), /must not end a name with a dot or a space \("folder "\)/],
    ['createNote', named('CON'), /must not use the Windows device name "CON"/],
    ['createNote', named('con.md'), /Windows device name "con"/],
    ['createNote', named('projects/Nul.txt.md'), /Windows device name "Nul"/],
    ['createNote', named('aux/notes'), /Windows device name "aux"/],
    ['createNote', named('COM1'), /Windows device name "COM1"/],
    ['createNote', named('lpt9.markdown'), /Windows device name "lpt9"/],
    ['createNote', named('prn'), /Windows device name "prn"/],
    ['createNote', named('C# tips'), /"name" must not contain "#"/],
    ['createNote', named('x^y'), /must not contain "\^"/],
    ['createNote', named('[draft] plan'), /must not contain "\["/],
    ['createNote', named('plan]'), /must not contain "\]"/],
    ['createNote', named('a|b'), /must not contain "\|"/],
    ['createNote', named('what?'), /must not contain "\?"/],
    ['createNote', named('time 10:30'), /must not contain ":"/],
    ['createNote', named('a\\b'), /must use "\/" and not contain backslashes/],
    ['createNote', named('.hidden'), /must not start a name with a dot/],
    ['createNote', named('.git/config'), /must not start a name with a dot/],
    ['createNote', named('a//b'), /empty or "\." segments/],
    ['createNote', named('/etc/passwd'), /must be relative/],
    ['renameNote', { id: 'a.md', newId: 'CON.md' }, /"newId" must not use the Windows device name "CON"/],
    ['renameNote', { id: 'a.md', newId: 'evil\u202Edm.md' }, /"newId" must not contain invisible format characters/],
    ['renameNote', { id: 'a.md', newId: 'C# tips.md' }, /"newId" must not contain "#"/],
    ['saveAttachment', attachment('photo\u202Egnp.exe'), /"name" must not contain invisible format characters \(U\+202E/],
    ['saveAttachment', attachment('shot.png.'), /"name" must not end a name with a dot or a space/],
    ['saveAttachment', attachment('shot.png '), /must not end a name with a dot or a space/],
    ['saveAttachment', attachment('NUL.png'), /Windows device name "NUL"/],
    ['saveAttachment', attachment('com3'), /Windows device name "com3"/],
    ['saveAttachment', attachment('Lpt1.tar.gz'), /Windows device name "Lpt1"/],
  ])('%s %j', (method, args, message) => {
    expect(() => validateArgs(method, args)).toThrow(message);
    try {
      validateArgs(method, args);
    } catch (error) {
      expect((error as ApiError).code).toBe('bad-argument');
    }
  });

  it.each<[string, unknown]>([
    ['createNote', named('Flakes')],
    ['createNote', named('2025/Flakes')],
    ['createNote', named('topics/nix/Garbage collection.md')],
    ['createNote', named('  padded  ')],
    ['createNote', named('Console')],
    ['createNote', named('CONFIG notes')],
    ['createNote', named('com10')],
    ['createNote', named('COM')],
    ['createNote', named('v1.2 release')],
    ['createNote', named('Café – Ünïcode 日本語')],
    ['createNote', named('مرحبا')],
    ['renameNote', { id: 'a.md', newId: 'topics/Auxiliary.md' }],
    ['saveAttachment', attachment('shot 1.png')],
    ['saveAttachment', attachment('C# logo.png')],
    ['saveAttachment', attachment('console.log.png')],
  ])('accepts %s %j', (method, args) => {
    expect(() => validateArgs(method, args)).not.toThrow();
  });

  it.each<[string, string | null]>([
    ['Flakes', null],
    ['a/b/c', null],
    ['note.md.', 'must not end a name with a dot or a space ("note.md.")'],
    ['x\u202E', 'must not contain invisible format characters (U+202E in "x\u202E")'],
    ['AUX.md', 'must not use the Windows device name "AUX" as a name ("AUX.md")'],
    ['a#b', 'must not contain "#": avoid \\ : * ? " < > | # ^ [ ]'],
    ['   ', 'must not be empty'],
  ])('noteNameProblem(%j) -> %j', (name, problem) => {
    expect(noteNameProblem(name)).toBe(problem);
  });

  it.each<[string, string | null]>([
    ['a.png', null],
    ['a.', 'must not end a name with a dot or a space ("a.")'],
    ['\uFEFFa.png', 'must not contain invisible format characters (U+FEFF in "\uFEFFa.png")'],
    ['nul', 'must not use the Windows device name "nul" as a name ("nul")'],
  ])('pathSegmentProblem(%j) -> %j', (segment, problem) => {
    expect(pathSegmentProblem(segment)).toBe(problem);
  });
});
