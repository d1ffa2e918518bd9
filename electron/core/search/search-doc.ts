// What the search index sees of a note: a small projection of ParsedNote,
// cheap to copy to a worker thread and to fingerprint for the index cache.

import type { IsoDate, NoteId, ParsedNote } from '../model';

export interface SearchDoc {
  id: NoteId;
  title: string;
  aliases: string[];
  tags: string[];
  /** The note's text after its front matter. */
  body: string;
  date: IsoDate | null;
}

export function toSearchDoc(note: ParsedNote): SearchDoc {
  return {
    id: note.id,
    title: note.title,
    aliases: note.aliases,
    tags: note.tags,
    body: note.source.slice(note.bodyOffset),
    date: note.date,
  };
}

/**
 * A 64-bit fingerprint (16 hex digits) of everything the index stores about a
 * doc (not its id): what the engine and the index cache compare versions by.
 */
export function searchDocHash(doc: SearchDoc): string {
  return hashTexts([doc.title, doc.aliases.join('\u0000'), doc.tags.join('\u0000'), doc.date ?? '', doc.body]);
}

/**
 * A 64-bit hash (16 hex digits) of a list of texts: two independent 32-bit
 * multiplicative hashes, pure (core cannot use node:crypto) and fast over
 * 26 MB; collisions between an edited note and its old version are out of
 * practical reach. Texts are separated, so ["ab","c"] and ["a","bc"] differ.
 */
export function hashTexts(texts: readonly string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator code no UTF-16 text produces on its own.
    h1 = Math.imul(h1 ^ 0x10000, 2654435761);
    h2 = Math.imul(h2 ^ 0x10000, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
