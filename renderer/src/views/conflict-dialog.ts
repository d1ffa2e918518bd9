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

/** The lines of `text`, those between the common head and tail of `a` and `b` marked as changed. */
export function changedRange(a: string[], b: string[]): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

function versionView(label: string, lines: string[], start: number, end: number): { section: HTMLElement; pre: HTMLElement; first: HTMLElement | null } {
  const pre = h('pre', { tabindex: '0', 'aria-label': label });
  let first: HTMLElement | null = null;
  lines.forEach((line, i) => {
    const changed = i >= start && i < end;
    const el = h('span', { className: changed ? 'line changed' : 'line' }, line === '' ? ' ' : line);
    if (changed && !first) first = el;
    pre.append(el);
  });
  return { section: h('section', { className: 'conflict-version', 'aria-label': label }, h('h3', {}, label), pre), pre, first };
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
  const mineLines = conflict.mine.split(/\r?\n/);
  const diskLines = conflict.disk.split(/\r?\n/);
  const range = changedRange(mineLines, diskLines);
  const mine = versionView('Your version', mineLines, range.start, range.endA);
  const disk = versionView('Version on disk', diskLines, range.start, range.endB);
  const content = [
    h('h2', { className: 'dialog-title' }, `“${title}” changed on disk`),
    h('p', {}, 'Another program changed this note while you were editing it. Choose which version stays in the note; the other one is saved as a conflict copy beside it.'),
    h('div', { className: 'conflict-versions' }, mine.section, disk.section),
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
  // Show where the versions differ, not their common beginning.
  for (const v of [mine, disk]) if (v.first) v.pre.scrollTop = Math.max(0, (v.first as HTMLElement).offsetTop - v.pre.offsetTop - 40);
  dialog.querySelector<HTMLButtonElement>('.button.primary')?.focus();
  return { close };
}
