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
 * doc (not its id). Two independent 32-bit multiplicative hashes over the
 * fields: pure (core cannot use node:crypto), fast over 26 MB, and collisions
 * between an edited note and its old version are out of practical reach.
 */
export function searchDocHash(doc: SearchDoc): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A field separator no text holds, so ("ab","c") and ("a","bc") differ.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  };
  feed(doc.title);
  feed(doc.aliases.join('\u0000'));
  feed(doc.tags.join('\u0000'));
  feed(doc.date ?? '');
  feed(doc.body);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
