// The save state, always visible in the toolbar: the page's one role=status
// element (a polite live region), plus a button to reopen a conflict.

import { h } from '../ui/dom';
import type { SaveState } from './note-session';

const TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved',
  saving: 'Saving…',
  conflict: 'Conflict',
  'read-only': 'Read-only',
};

export class SaveStatus {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly resolve: HTMLButtonElement;

  constructor(onResolve: () => void) {
    this.status = h('span', { role: 'status', className: 'save-state', 'data-state': 'none' });
    this.resolve = h('button', { type: 'button', className: 'button small danger', hidden: true, onclick: () => onResolve() }, 'Resolve…');
    this.element = h('div', { className: 'save-status' }, this.status, this.resolve);
  }

  /** null: no note is open. */
  set(state: SaveState | null): void {
    this.status.dataset.state = state ?? 'none';
    this.status.textContent = state ? TEXT[state] : '';
    this.resolve.hidden = state !== 'conflict';
  }
}
