// Slugs: the URL-safe names of exported notes and copied files. Stable for a
// given title (no counters that depend on scan order unless two notes really
// collide) and safe as one path segment on every file system.

/** Names Windows refuses as file names, whatever the extension. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
const MAX_SLUG_LENGTH = 80;

/**
 * `Generations & Rollbacks, explained!` -> `generations-rollbacks-explained`.
 * NFKD with combining marks dropped (`Ĺódź` -> `lodz`), lower case; letters
 * and digits of any script are kept, everything else becomes one `-`.
 * Returns '' when nothing is left; callers supply a fallback.
 */
export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
  let slug = folded.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH);
    const dash = cut.lastIndexOf('-');
    slug = (dash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
  }
  if (WINDOWS_RESERVED.test(slug)) slug = `${slug}-note`;
  return slug.normalize('NFC');
}

/** Hands out unique slugs: the first claimant gets `x`, the next ones `x-2`, `x-3`, ... */
export class SlugAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const slug of reserved) this.taken.add(slug);
  }

  claim(wanted: string): string {
    const base = wanted === '' ? 'note' : wanted;
    let slug = base;
    for (let n = 2; this.taken.has(slug); n++) slug = `${base}-${n}`;
    this.taken.add(slug);
    return slug;
  }
}

export interface SlugSource {
  id: string;
  title: string;
  frontmatter: Record<string, unknown>;
}

/**
 * Slugs for a set of notes, by id. A front matter `slug:` wins (slugified, so
 * `../x` cannot become a path) and is served first; the rest come from the
 * title (else the id). Notes are served in id order, so the same notes always
 * get the same slugs.
 */
export function assignSlugs(notes: readonly SlugSource[]): Map<string, string> {
  const byId = [...notes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const allocator = new SlugAllocator();
  const out = new Map<string, string>();
  const own = (n: SlugSource) => (typeof n.frontmatter.slug === 'string' || typeof n.frontmatter.slug === 'number' ? slugify(String(n.frontmatter.slug)) : '');
  for (const note of byId) {
    const wanted = own(note);
    if (wanted !== '') out.set(note.id, allocator.claim(wanted));
  }
  for (const note of byId) {
    if (out.has(note.id)) continue;
    out.set(note.id, allocator.claim(slugify(note.title) || slugify(note.id.replace(/\.(md|markdown)$/i, ''))));
  }
  return out;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable fingerprint of a path (not a security hash). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  // Over UTF-16 code units (two bytes each): core has no TextEncoder, and any fixed encoding will do.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const byte of [unit & 0xff, unit >>> 8]) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash.toString(16).padStart(8, '0');
}
