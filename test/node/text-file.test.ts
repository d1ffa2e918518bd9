import { describe, expect, it } from 'vitest';
import { decodeText, detectEol, encodeForDisk, isBinary } from '../../electron/node/store/text-file';
import { hashBytes, sameVersion, versionOf } from '../../electron/node/store/file-version';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeText', () => {
  it.each([
    { name: 'plain LF', input: bytes('a\nb\n'), text: 'a\nb\n', bom: false, eol: '\n', valid: true },
    { name: 'CRLF', input: bytes('a\r\nb\r\n'), text: 'a\r\nb\r\n', bom: false, eol: '\r\n', valid: true },
    { name: 'BOM + CRLF', input: bytes([0xef, 0xbb, 0xbf], 'a\r\nb'), text: 'a\r\nb', bom: true, eol: '\r\n', valid: true },
    { name: 'mostly CRLF', input: bytes('a\r\nb\r\nc\nd'), text: 'a\r\nb\r\nc\nd', bom: false, eol: '\r\n', valid: true },
    { name: 'tie is LF', input: bytes('a\r\nb\nc'), text: 'a\r\nb\nc', bom: false, eol: '\n', valid: true },
    { name: 'no line break', input: bytes('abc'), text: 'abc', bom: false, eol: '\n', valid: true },
    { name: 'invalid UTF-8', input: bytes('ok ', [0xc3, 0x28], ' ', [0xff]), text: 'ok \uFFFD( \uFFFD', bom: false, eol: '\n', valid: false },
    { name: 'truncated sequence', input: bytes('caf', [0xc3]), text: 'caf\uFFFD', bom: false, eol: '\n', valid: false },
    { name: 'multibyte', input: bytes('café ✓ 𝄞'), text: 'café ✓ 𝄞', bom: false, eol: '\n', valid: true },
  ])('$name', ({ input, text, bom, eol, valid }) => {
    const decoded = decodeText(input);
    expect(decoded).toEqual({ text, bom, eol, valid, binary: false });
  });

  it('detects binary by a NUL byte in the first 8 KB only', () => {
    expect(isBinary(bytes('abc', [0], 'def'))).toBe(true);
    expect(isBinary(bytes('a'.repeat(8 * 1024), [0]))).toBe(false);
    expect(decodeText(bytes([0x89], 'PNG', [0, 0])).binary).toBe(true);
  });

  it('detectEol counts line breaks', () => {
    expect(detectEol('')).toBe('\n');
    expect(detectEol('\r\n\r\n\n')).toBe('\r\n');
  });
});

describe('encodeForDisk', () => {
  it.each([
    { editor: 'a\nb\n', bom: false, eol: '\n' as const, disk: bytes('a\nb\n') },
    { editor: 'a\nb\n', bom: false, eol: '\r\n' as const, disk: bytes('a\r\nb\r\n') },
    { editor: 'a\r\nb\n', bom: false, eol: '\r\n' as const, disk: bytes('a\r\nb\r\n') },
    { editor: 'a\r\nb', bom: false, eol: '\n' as const, disk: bytes('a\nb') },
    { editor: 'x\n', bom: true, eol: '\n' as const, disk: bytes([0xef, 0xbb, 0xbf], 'x\n') },
    { editor: 'x\ny', bom: true, eol: '\r\n' as const, disk: bytes([0xef, 0xbb, 0xbf], 'x\r\ny') },
  ])('$editor with bom=$bom eol=$eol', ({ editor, bom, eol, disk }) => {
    expect(Buffer.from(encodeForDisk(editor, { bom, eol }))).toEqual(Buffer.from(disk));
  });

  it('round-trips a decoded file byte for byte', () => {
    const original = bytes([0xef, 0xbb, 0xbf], '# T\r\n\r\nbody ✓\r\n');
    const decoded = decodeText(original);
    expect(Buffer.from(encodeForDisk(decoded.text.replace(/\r\n/g, '\n'), decoded))).toEqual(Buffer.from(original));
  });
});

describe('file versions', () => {
  it('hashes the bytes with sha256 and compares by hash', () => {
    const a = versionOf(bytes('abc'), { mtimeMs: 1 });
    expect(a).toEqual({ hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', mtimeMs: 1, size: 3 });
    expect(sameVersion(a, versionOf(bytes('abc'), { mtimeMs: 99 }))).toBe(true);
    expect(sameVersion(a, { ...a, hash: hashBytes(bytes('abd')) })).toBe(false);
  });
});
