// Modal dialogs on the native <dialog>: it traps focus, closes on Escape and
// gives role=dialog; we add the accessible name and give focus back after.

import { h } from './dom';

export interface ModalOptions {
  label: string;
  className?: string;
  /** Runs when the dialog closes, however it closes. */
  onClose?: () => void;
}

export function openModal(content: Node[], options: ModalOptions): { dialog: HTMLDialogElement; close: () => void } {
  const returnFocus = document.activeElement as HTMLElement | null;
  const dialog = h('dialog', { className: `modal ${options.className ?? ''}`.trim(), 'aria-label': options.label });
  dialog.append(...content);
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    options.onClose?.();
    if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  });
  // A click on the backdrop (the dialog box itself, outside its content) closes it.
  dialog.addEventListener('mousedown', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.showModal();
  return { dialog, close: () => dialog.open && dialog.close() };
}

/** Asks for one line of text; resolves null when cancelled. */
export function promptText(options: { title: string; label: string; value?: string; confirm: string; hint?: string }): Promise<string | null> {
  return new Promise((resolve) => {
    let result: string | null = null;
    const input = h('input', { type: 'text', className: 'text-input', value: options.value ?? '', 'aria-label': options.label, spellcheck: 'false' });
    const form = h(
      'form',
      { method: 'dialog', className: 'prompt-form' },
      h('h2', { className: 'dialog-title' }, options.title),
      h('label', { className: 'field' }, h('span', { className: 'field-label' }, options.label), input),
      options.hint ? h('p', { className: 'hint' }, options.hint) : null,
      h(
        'div',
        { className: 'dialog-actions' },
        h('button', { type: 'button', className: 'button', onclick: () => close() }, 'Cancel'),
        h('button', { type: 'submit', className: 'button primary' }, options.confirm),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (value === '') return;
      result = value;
      close();
    });
    const { close } = openModal([form], { label: options.title, onClose: () => resolve(result) });
    input.focus();
    input.select();
  });
}
