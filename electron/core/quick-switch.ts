// Quick-switcher suggestions: fuzzy over every note's names (stem, title,
// aliases), then concepts gathering several notes, then unresolved names.
// The candidates are gathered once per graph version, not on every keystroke.

import type { SwitchSuggestion } from './api';
import { fuzzyMatch } from './fuzzy';
import type { LinkGraph } from './graph';
import type { IsoDate } from './model';
import { noteNames } from './names';

interface Candidate {
  kind: SwitchSuggestion['kind'];
  target: string;
  title: string;
  date: IsoDate | null;
  /** Every name the query may match. */
  names: string[];
  /** Added to the match score: concepts a little above, unresolved names below notes. */
  bias: number;
}

const candidatesOf = new WeakMap<LinkGraph, { version: number; list: Candidate[] }>();

function candidates(graph: LinkGraph): Candidate[] {
  const cached = candidatesOf.get(graph);
  if (cached?.version === graph.version) return cached.list;
  const list: Candidate[] = [];
  for (const note of graph.notes()) {
    list.push({ kind: 'note', target: note.id, title: note.title, date: note.date, names: [...noteNames(note), note.id], bias: 0 });
  }
  for (const concept of graph.concepts()) {
    if (concept.notes.length < 2) continue;
    list.push({ kind: 'concept', target: concept.key, title: concept.name, date: null, names: [concept.name], bias: 1 });
  }
  for (const unresolved of graph.unresolved()) {
    list.push({ kind: 'unresolved', target: unresolved.key, title: unresolved.name, date: null, names: [unresolved.name], bias: -5 });
  }
  candidatesOf.set(graph, { version: graph.version, list });
  return list;
}

export function quickSwitch(graph: LinkGraph, query: string, limit = 20): SwitchSuggestion[] {
  const suggestions: SwitchSuggestion[] = [];
  for (const candidate of candidates(graph)) {
    let best: SwitchSuggestion | null = null;
    for (const name of candidate.names) {
      const match = fuzzyMatch(query, name);
      if (!match || (best && best.score >= match.score + candidate.bias)) continue;
      best = { kind: candidate.kind, target: candidate.target, name, title: candidate.title, date: candidate.date, score: match.score + candidate.bias };
    }
    if (best) suggestions.push(best);
  }
  // Best score first; among equals the newest dated note, then by name.
  suggestions.sort(
    (a, b) =>
      b.score - a.score || (b.date ?? '').localeCompare(a.date ?? '') || a.name.localeCompare(b.name),
  );
  return suggestions.slice(0, limit);
}
