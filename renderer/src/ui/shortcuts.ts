// Application-wide keyboard shortcuts. They are caught in the capture phase so
// they work the same with focus in the editor, a list or the page; `Mod` is
// Ctrl, or Cmd on a Mac.

export interface Shortcut {
  /** e.g. `Mod+O`, `Mod+Shift+F`, `Alt+ArrowLeft`. */
  keys: string;
  description: string;
  run: (event: KeyboardEvent) => void;
}

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/** A canonical name for the key combination of an event: `Mod+Shift+f`. */
export function comboOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (IS_MAC ? event.metaKey : event.ctrlKey) parts.push('Mod');
  if (IS_MAC && event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  parts.push(keyName(event));
  return parts.join('+');
}

function keyName(event: KeyboardEvent): string {
  // Letters by physical key, so Alt+D and Shift+F work whatever the layout prints.
  if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
  if (/^Digit\d$/.test(event.code)) return event.code.slice(5);
  if (event.code === 'Backslash') return '\\';
  return event.key.length === 1 ? event.key.toLowerCase() : event.key;
}

export function normalizeCombo(keys: string): string {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  const ordered = ['Mod', 'Ctrl', 'Alt', 'Shift'].filter((m) => mods.has(m));
  return [...ordered, key.length === 1 ? key.toLowerCase() : key].join('+');
}

/** How a combination reads for people on this platform: `Ctrl+Shift+F`. */
export function displayCombo(keys: string): string {
  return keys
    .split('+')
    .map((part) => (part === 'Mod' ? (IS_MAC ? '⌘' : 'Ctrl') : part === 'ArrowLeft' ? '←' : part === 'ArrowRight' ? '→' : part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

export class ShortcutRegistry {
  private readonly byCombo = new Map<string, Shortcut>();
  readonly all: Shortcut[] = [];

  constructor(target: Window = window) {
    target.addEventListener('keydown', (event) => this.handle(event), { capture: true });
  }

  add(shortcut: Shortcut): void {
    this.byCombo.set(normalizeCombo(shortcut.keys), shortcut);
    this.all.push(shortcut);
  }

  private handle(event: KeyboardEvent): void {
    if (event.isComposing || event.defaultPrevented) return;
    const shortcut = this.byCombo.get(comboOf(event));
    if (!shortcut) return;
    // A modal dialog has the keyboard to itself.
    if (document.querySelector('dialog[open]')) return;
    event.preventDefault();
    event.stopPropagation();
    shortcut.run(event);
  }
}
