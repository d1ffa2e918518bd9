// The Electron app's own origin and which URLs may leave it. Kept out of
// electron/main so the rules are plain functions with plain tests.

/** The UI is served from `app://notebook/` (a privileged standard, secure scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'notebook';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of the app itself (`app://notebook/...`). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to hand to the OS (shell.openExternal), or null: only parsed
 * http:, https: and mailto: URLs leave the app; `file:`, `javascript:`,
 * custom schemes and anything unparsable never do.
 */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return null;
  return parsed.href;
}
