// Completion sources for the editor: `[[` offers note names, stems and
// aliases with their dates; `#` offers the notebook's tags.

import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { NoteListItem } from '../../../electron/core/api';
import type { TagSummary } from '../../../electron/core/model';
import { conceptKey } from '../../../electron/core/names';
import { stemOf } from '../../../electron/core/paths';
import { formatDate } from '../ui/dom';

export interface CompletionData {
  notes(): readonly NoteListItem[];
  tags(): readonly TagSummary[];
}

/** One option per name a link can use: each title (a concept), each dated note's stem, each alias. */
export function linkOptions(notes: readonly NoteListItem[]): Completion[] {
  const byTitle = new Map<string, NoteListItem[]>();
  for (const note of notes) {
    const key = conceptKey(note.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), note]);
  }
  const options: Completion[] = [];
  const seen = new Set<string>();
  const add = (option: Completion) => {
    const key = conceptKey(option.label);
    if (seen.has(key)) return;
    seen.add(key);
    options.push(option);
  };
  for (const group of byTitle.values()) {
    const first = group[0];
    const dates = group.map((n) => n.date).filter((d): d is string => Boolean(d)).sort();
    const detail = group.length > 1 ? `${group.length} notes${dates.length ? `, ${formatDate(dates[0])} – ${formatDate(dates[dates.length - 1])}` : ''}` : formatDate(first.date);
    add({ label: first.title, detail, type: group.length > 1 ? 'namespace' : 'text', boost: 1 });
  }
  for (const note of notes) {
    const stem = stemOf(note.id);
    if (conceptKey(stem) !== conceptKey(note.title)) add({ label: stem, detail: formatDate(note.date), type: 'text' });
    for (const alias of note.aliases) add({ label: alias, detail: `alias of ${note.title}${note.date ? `, ${formatDate(note.date)}` : ''}`, type: 'variable' });
  }
  return options;
}

/** Inserts the name and closes the link, stepping over a `]]` already there. */
function applyLink(view: EditorView, completion: Completion, from: number, to: number): void {
  const after = view.state.sliceDoc(to, to + 2);
  const closing = after === ']]' ? '' : after.startsWith(']') ? ']' : ']]';
  const insert = completion.label + closing;
  const skip = after === ']]' ? 2 : after.startsWith(']') ? 1 : 0;
  view.dispatch({
    changes: { from, to, insert },
    selection: { anchor: from + insert.length + skip },
    userEvent: 'input.complete',
  });
}

export function wikilinkCompletion(data: CompletionData) {
  return (context: CompletionContext): CompletionResult | null => {
    const match = context.matchBefore(/!?\[\[[^[\]|#\n]*$/);
    if (!match) return null;
    const from = match.from + match.text.indexOf('[[') + 2;
    return {
      from,
      options: linkOptions(data.notes()).map((o) => ({ ...o, apply: applyLink })),
      validFor: /^[^[\]|#\n]*$/,
    };
  };
}

export function tagCompletion(data: CompletionData) {
  return (context: CompletionContext): CompletionResult | null => {
    const match = context.matchBefore(/(?:^|[\s(,])#[\p{L}\p{N}_/-]*$/u);
    if (!match) return null;
    const hash = match.text.lastIndexOf('#');
    // A `#` alone at the start of a line is more likely a heading: wait for a letter.
    if (match.text.length === hash + 1 && !context.explicit) {
      const line = context.state.doc.lineAt(context.pos);
      if (match.from + hash === line.from) return null;
    }
    return {
      from: match.from + hash + 1,
      options: data.tags().map((t) => ({ label: t.tag, detail: `${t.count}`, type: 'keyword' })),
      validFor: /^[\p{L}\p{N}_/-]*$/u,
    };
  };
}
