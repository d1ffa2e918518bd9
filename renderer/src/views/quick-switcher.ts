// The quick switcher (Ctrl+O): a dialog with a combobox over the service's
// name and alias suggestions, fuzzy-highlighted; Enter opens the chosen one,
// and Enter with no match (or Shift+Enter) creates a note with that name.

import type { NotebookClient, SwitchSuggestion } from '../../../electron/core/api';
import { fuzzyMatch } from '../../../electron/core/fuzzy';
import { conceptKey } from '../../../electron/core/names';
import { openModal } from '../ui/dialog';
import { formatDate, h, markedPositions, uniqueId } from '../ui/dom';

const DEBOUNCE_MS = 60;

type Choice = { kind: 'suggestion'; suggestion: SwitchSuggestion } | { kind: 'create'; name: string };

export interface QuickSwitcherActions {
  choose(suggestion: SwitchSuggestion): void;
  create(name: string): void;
}

const KIND_LABEL: Record<SwitchSuggestion['kind'], string> = { note: '', concept: 'concept', unresolved: 'not written yet' };

export function openQuickSwitcher(client: NotebookClient, actions: QuickSwitcherActions): void {
  const listId = uniqueId('qs-list');
  const input = h('input', {
    type: 'text',
    className: 'qs-input',
    role: 'combobox',
    'aria-label': 'Note name',
    'aria-controls': listId,
    'aria-expanded': 'true',
    'aria-autocomplete': 'list',
    placeholder: 'Find or create a note…',
    spellcheck: 'false',
    autocomplete: 'off',
  });
  const list = h('ul', { className: 'qs-list', role: 'listbox', id: listId, 'aria-label': 'Suggestions' });
  const help = h('p', { className: 'qs-help' }, '↑↓ to move · Enter to open · Shift+Enter to create · Esc to close');

  let choices: Choice[] = [];
  let active = 0;
  let shownFor: string | null = null;
  let pending: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let done = false;

  const { close } = openModal([h('div', { className: 'qs' }, input, list, help)], { label: 'Quick switcher', className: 'quick-switcher' });

  const render = () => {
    const query = input.value.trim();
    list.replaceChildren(
      ...choices.map((choice, index) => {
        const id = `${listId}-${index}`;
        const option = h('li', { id, role: 'option', className: 'qs-option', 'aria-selected': String(index === active) });
        if (choice.kind === 'create') {
          option.append(h('span', { className: 'qs-name' }, 'Create note “', h('strong', {}, choice.name), '”'));
        } else {
          const s = choice.suggestion;
          const match = fuzzyMatch(query, s.name);
          option.append(h('span', { className: 'qs-name' }, match ? markedPositions(s.name, match.positions) : s.name));
          if (conceptKey(s.title) !== conceptKey(s.name)) option.append(h('span', { className: 'qs-title' }, s.title));
          // Several notes may share a name: the path tells them apart.
          if (s.kind === 'note') option.append(h('span', { className: 'qs-path' }, s.target));
          const kind = KIND_LABEL[s.kind];
          if (kind) option.append(h('span', { className: 'badge' }, kind));
          if (s.date) option.append(h('time', { className: 'qs-date', datetime: s.date }, formatDate(s.date)));
        }
        option.addEventListener('mousedown', (e) => e.preventDefault());
        option.addEventListener('click', () => {
          active = index;
          choose();
        });
        return option;
      }),
    );
    if (choices.length) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  };

  const refresh = (): Promise<void> => {
    const query = input.value.trim();
    const mine = ++sequence;
    pending = client
      .quickSwitch({ query, limit: 30 })
      .then((suggestions) => {
        if (mine !== sequence) return;
        choices = suggestions.map((suggestion) => ({ kind: 'suggestion' as const, suggestion }));
        const exact = suggestions.some((s) => s.kind !== 'unresolved' && conceptKey(s.name) === conceptKey(query));
        if (query !== '' && !exact) choices.push({ kind: 'create', name: query });
        active = 0;
        shownFor = query;
        render();
      })
      .catch(() => {
        if (mine !== sequence) return;
        choices = query ? [{ kind: 'create', name: query }] : [];
        active = 0;
        shownFor = query;
        render();
      })
      .finally(() => {
        if (mine === sequence) pending = null;
      });
    return pending;
  };

  const choose = (forceCreate = false) => {
    if (done) return;
    const query = input.value.trim();
    const choice = forceCreate ? (query ? ({ kind: 'create', name: query } as Choice) : undefined) : choices[active];
    if (!choice) return;
    done = true;
    close();
    if (choice.kind === 'create' || choice.suggestion.kind === 'unresolved') actions.create(choice.kind === 'create' ? choice.name : choice.suggestion.name);
    else actions.choose(choice.suggestion);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    shownFor = null;
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!choices.length) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + choices.length) % choices.length;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Typed fast and pressed Enter: decide on the answer for what is typed now.
      if (shownFor !== input.value.trim()) {
        clearTimeout(timer);
        await refresh();
      } else if (pending) await pending;
      choose(event.shiftKey || event.ctrlKey || event.metaKey);
    }
  });
  void refresh();
  input.focus();
}
