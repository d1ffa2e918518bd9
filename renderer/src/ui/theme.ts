// Light and dark follow the system (prefers-color-scheme, in CSS); a person
// may pin one, remembered in localStorage.

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'notebook.theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

export function loadTheme(): ThemeChoice {
  const saved = localStorage.getItem(KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
  localStorage.setItem(KEY, choice);
}

export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length];
}

/** Calls back when the effective theme changes (system switch or a pin). */
export function onThemeChange(listener: () => void): void {
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', listener);
  new MutationObserver(listener).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}
