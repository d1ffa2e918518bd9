// Short messages at the corner of the window, some with one action (Undo).
// A polite live region without role=status: the save state owns that role.

import { h } from './dom';

export interface ToastOptions {
  action?: { label: string; run: () => void | Promise<void> };
  kind?: 'info' | 'error';
  /** Milliseconds before it goes; a toast with an action stays longer. */
  timeout?: number;
}

export class Toasts {
  readonly element = h('div', { className: 'toasts', 'aria-live': 'polite', 'aria-relevant': 'additions' });

  show(message: string, options: ToastOptions = {}): () => void {
    const toast = h('div', { className: `toast toast-${options.kind ?? 'info'}`, role: options.kind === 'error' ? 'alert' : null });
    const close = () => toast.remove();
    toast.append(h('span', { className: 'toast-message' }, message));
    if (options.action) {
      const { label, run } = options.action;
      toast.append(
        h('button', { type: 'button', className: 'toast-action', onclick: () => { close(); void run(); } }, label),
      );
    }
    toast.append(h('button', { type: 'button', className: 'toast-close', 'aria-label': 'Dismiss', onclick: close }, '×'));
    this.element.append(toast);
    const timeout = options.timeout ?? (options.action ? 12_000 : options.kind === 'error' ? 10_000 : 5_000);
    setTimeout(close, timeout);
    return close;
  }

  error(message: string): void {
    this.show(message, { kind: 'error' });
  }
}
