// The choice a conflict offers. Both ways keep both versions: the one not
// chosen becomes a conflict-copy note next to the original, so nothing a
// person wrote, and nothing another program wrote, is ever lost.

import type { Conflict } from '../app/note-session';
import { openModal } from '../ui/dialog';
import { h } from '../ui/dom';

export interface ConflictChoices {
  keepMine(): Promise<void>;
  useDisk(): Promise<void>;
}

export function openConflictDialog(title: string, conflict: Conflict, choices: ConflictChoices): { close(): void } {
  const error = h('p', { className: 'dialog-error', role: 'alert', hidden: true });
  const act = (run: () => Promise<void>) => async (event: Event) => {
    const buttons = dialog.querySelectorAll<HTMLButtonElement>('button');
    buttons.forEach((b) => (b.disabled = true));
    try {
      await run();
      close();
    } catch (e) {
      error.hidden = false;
      error.textContent = `Nothing was changed: ${e instanceof Error ? e.message : String(e)}`;
      buttons.forEach((b) => (b.disabled = false));
      (event.target as HTMLButtonElement).focus();
    }
  };
  const copyMine = h('button', { type: 'button', className: 'button quiet' }, 'Copy mine');
  copyMine.addEventListener('click', () => {
    void navigator.clipboard?.writeText(conflict.mine).then(
      () => (copyMine.textContent = 'Copied'),
      () => (copyMine.textContent = 'Copy failed'),
    );
  });
  const content = [
    h('h2', { className: 'dialog-title' }, `“${title}” changed on disk`),
    h('p', {}, 'Another program changed this note while you were editing it. Choose which version stays in the note; the other one is saved as a conflict copy beside it.'),
    h(
      'div',
      { className: 'conflict-versions' },
      h('section', { className: 'conflict-version', 'aria-label': 'Your version' }, h('h3', {}, 'Your version'), h('pre', { tabindex: '0' }, conflict.mine)),
      h('section', { className: 'conflict-version', 'aria-label': 'Version on disk' }, h('h3', {}, 'Version on disk'), h('pre', { tabindex: '0' }, conflict.disk)),
    ),
    error,
    h(
      'div',
      { className: 'dialog-actions' },
      copyMine,
      h('button', { type: 'button', className: 'button', onclick: act(choices.useDisk) }, 'Use disk version'),
      h('button', { type: 'button', className: 'button primary', onclick: act(choices.keepMine) }, 'Keep mine'),
    ),
  ];
  const { dialog, close } = openModal(content, { label: `Conflict: ${title}`, className: 'conflict-dialog' });
  dialog.querySelector<HTMLButtonElement>('.button.primary')?.focus();
  return { close };
}
