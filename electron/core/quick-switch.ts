// Quick-switcher suggestions: fuzzy over every note's names (stem, title,
// aliases), then concepts gathering several notes, then unresolved names.

import type { SwitchSuggestion } from './api';
import { fuzzyMatch } from './fuzzy';
import type { LinkGraph } from './graph';
import { noteNames } from './names';

export function quickSwitch(graph: LinkGraph, query: string, limit = 20): SwitchSuggestion[] {
  const suggestions: SwitchSuggestion[] = [];
  for (const note of graph.notes()) {
    let best: SwitchSuggestion | null = null;
    for (const name of [...noteNames(note), note.id]) {
      const match = fuzzyMatch(query, name);
      if (!match || (best && best.score >= match.score)) continue;
      best = { kind: 'note', target: note.id, name, title: note.title, date: note.date, score: match.score };
    }
    if (best) suggestions.push(best);
  }
  for (const concept of graph.concepts()) {
    if (concept.notes.length < 2) continue;
    const match = fuzzyMatch(query, concept.name);
    if (match) {
      suggestions.push({ kind: 'concept', target: concept.key, name: concept.name, title: concept.name, date: null, score: match.score + 1 });
    }
  }
  for (const unresolved of graph.unresolved()) {
    const match = fuzzyMatch(query, unresolved.name);
    if (match) {
      suggestions.push({ kind: 'unresolved', target: unresolved.key, name: unresolved.name, title: unresolved.name, date: null, score: match.score - 5 });
    }
  }
  // Best score first; among equals the newest dated note, then by name.
  suggestions.sort(
    (a, b) =>
      b.score - a.score || (b.date ?? '').localeCompare(a.date ?? '') || a.name.localeCompare(b.name),
  );
  return suggestions.slice(0, limit);
}
