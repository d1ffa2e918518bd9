// The main window, locked down per Electron's security checklist: context
// isolation, sandbox, no Node in the page, web security on; navigation away
// from app://notebook denied; window.open denied, with parsed http:, https:
// and mailto: links handed to the OS browser instead.

import { BrowserWindow, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { APP_INDEX_URL, externalUrlToOpen, isAppUrl } from '../node/app-url';
import type { WindowState } from '../node/window-bounds';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

export interface MainWindowOptions {
  preload: string;
  state: WindowState;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 400,
    minHeight: 300,
    show: false,
    title: 'Research Notebook',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preload),
  });
  if (state.maximized) win.maximize();
  hardenWebContents(win.webContents);
  denyPermissions(win.webContents.session);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Opens a link outside the app when it is a parsed http:, https: or mailto: URL; otherwise nothing. */
export function openExternalLink(url: string): boolean {
  const external = externalUrlToOpen(url);
  if (external === null) return false;
  void shell.openExternal(external);
  return true;
}

export function hardenWebContents(contents: WebContents): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    // A plain link click in a note arrives here: the user meant to open it.
    openExternalLink(url);
  };
  contents.on('will-navigate', (event, url) => stayInApp(event, event.url ?? url));
  contents.on('will-redirect', (event, url) => stayInApp(event, event.url ?? url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation…: a notebook needs none. */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
