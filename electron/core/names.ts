// Names of notes and the concept key they fold to. Two names are the same
// concept when their keys are equal.

import type { ConceptKey, ParsedNote } from './model';
import { parseDatePrefix } from './dates';

/** Folds a name to its concept key: NFC, lower case, trimmed, inner whitespace collapsed. */
export function conceptKey(name: string): ConceptKey {
  return name.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** The title a stem implies: the stem without its date prefix; a date-only stem stays whole. */
export function titleFromStem(stem: string): string {
  const prefix = parseDatePrefix(stem);
  if (!prefix) return stem;
  const rest = prefix.rest.trim();
  return rest === '' ? stem : rest;
}

/** Every name a note answers to: stem, title, aliases, first spelling of each key kept. */
export function noteNames(note: Pick<ParsedNote, 'stem' | 'title' | 'aliases'>): string[] {
  const seen = new Set<ConceptKey>();
  const names: string[] = [];
  for (const name of [note.stem, note.title, ...note.aliases]) {
    const key = conceptKey(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}
