// Turns the bytes of a note file into editor text and back, keeping what the
// user's file looked like: a UTF-8 byte-order mark and its line endings are
// remembered on read and re-applied on write, so saving an unedited note
// gives back the same bytes.

export type Eol = '\n' | '\r\n';

export interface DecodedText {
  /** The text without the BOM, line endings as found. Lossy (U+FFFD) when `valid` is false. */
  text: string;
  bom: boolean;
  eol: Eol;
  /** False when the bytes are not well-formed UTF-8. Such a file must never be written back. */
  valid: boolean;
  /** A NUL byte in the first 8 KB: not a text file. */
  binary: boolean;
}

export interface DiskFormat {
  bom: boolean;
  eol: Eol;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const BINARY_SNIFF_BYTES = 8 * 1024;

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** A NUL byte in the first 8 KB, the test git and most editors use. */
export function isBinary(bytes: Uint8Array): boolean {
  // The native search is ten times faster than a loop, and this runs on every note of a scan.
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/** The majority line ending; `\n` for a file with no line break or a tie. */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  const binary = isBinary(body);
  let text: string;
  let valid = true;
  try {
    text = strictDecoder.decode(body);
  } catch {
    valid = false;
    text = lossyDecoder.decode(body);
  }
  return { text, bom, eol: detectEol(text), valid, binary };
}

/**
 * The bytes to write for `text` in a file of the given format. The editor may
 * send `\n` or `\r\n` text; every line break becomes the file's own ending.
 */
export function encodeForDisk(text: string, format: DiskFormat): Uint8Array {
  const lf = text.replace(/\r\n/g, '\n');
  const withEol = format.eol === '\r\n' ? lf.replace(/\n/g, '\r\n') : lf;
  const body = encoder.encode(withEol);
  if (!format.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM, 0);
  out.set(body, 3);
  return out;
}

/** Same text once line endings are ignored: an edit that changed nothing but how lines end. */
export function sameTextIgnoringEol(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}
