// Turns the path of a request URL (`/files/2025/02JAN25%20-%20NixOS.md`) into
// decoded segments, refusing anything that could leave the folder it is
// served from: `.`/`..` segments (plain or percent-encoded), an encoded `/`,
// backslashes, NUL and other control characters. Used by the web host and the
// Electron `app://` protocol, so both refuse the same paths.

export type DecodedPath = { ok: true; segments: string[] } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

/** `rawPath` is the path part of the URL exactly as received (no query, still percent-encoded). */
export function decodeRequestPath(rawPath: string): DecodedPath {
  if (!rawPath.startsWith('/')) return { ok: false, reason: 'path must start with "/"' };
  if (rawPath.includes('\\')) return { ok: false, reason: 'backslash in path' };
  if (rawPath === '/') return { ok: true, segments: [] };
  const parts = rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    // A trailing slash names a folder: keep it visible as an empty last segment.
    if (part === '' && i < parts.length - 1) return { ok: false, reason: 'empty path segment' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (decoded === '.' || decoded === '..') return { ok: false, reason: 'dot segment in path' };
    if (decoded.includes('/') || decoded.includes('\\')) return { ok: false, reason: 'encoded separator in path' };
    if (CONTROL.test(decoded)) return { ok: false, reason: 'control character in path' };
    segments.push(decoded.normalize('NFC'));
  }
  return { ok: true, segments };
}
