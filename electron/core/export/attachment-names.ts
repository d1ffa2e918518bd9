// Names for copied files: derived from the file's own name (readable, and the
// same on every run), with a fingerprint of its notebook path added only when
// two different files would otherwise share a name. The name is one safe path
// segment: it can never climb out of the bundle or hide as a dot-file.

import { baseNameOf, extensionOf } from '../paths';
import { shortHash, slugify } from './slug';

function parts(path: string): { stem: string; ext: string } {
  const base = baseNameOf(path);
  const ext = extensionOf(base);
  const stem = ext === '' ? base : base.slice(0, base.length - ext.length);
  return { stem: slugify(stem) || 'file', ext: ext.replace(/[^a-z0-9.]/g, '') };
}

/** Root-relative paths of the files to copy -> their bundle file names. */
export function nameAttachments(paths: Iterable<string>): Map<string, string> {
  const unique = [...new Set(paths)].sort();
  const byName = new Map<string, string[]>();
  for (const path of unique) {
    const { stem, ext } = parts(path);
    const name = `${stem}${ext}`;
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const [name, sources] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (sources.length === 1 && !taken.has(name)) {
      out.set(sources[0], name);
      taken.add(name);
    }
  }
  for (const [name, sources] of byName) {
    if (sources.length === 1 && out.get(sources[0]) === name) continue;
    for (const path of sources) {
      const { stem, ext } = parts(path);
      let candidate = `${stem}-${shortHash(path)}${ext}`;
      for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-${shortHash(path)}-${n}${ext}`;
      out.set(path, candidate);
      taken.add(candidate);
    }
  }
  return out;
}
