// The application menu. Items that act in the UI send a `notebook:command`
// message the renderer handles; items that need the OS (folder dialog,
// reveal in folder, recent notebooks) call back into main.ts.

import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

/** The commands the renderer receives through `window.notebookApi.onCommand`. */
export const MENU_COMMANDS = [
  'new-note',
  'today',
  'search',
  'quick-switcher',
  'toggle-edit',
  'toggle-left-sidebar',
  'toggle-right-sidebar',
  'graph',
  'export',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface MenuActions {
  command(command: MenuCommand): void;
  openNotebookFolder(): void;
  openRecent(folder: string): void;
  clearRecent(): void;
  revealNotebook(): void;
}

export function menuTemplate(actions: MenuActions, recent: readonly string[], platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Notebooks', enabled: false }]
      : [
          ...recent.map((folder) => ({ label: `${basename(folder)} — ${folder}`, click: () => actions.openRecent(folder) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Note', accelerator: 'CmdOrCtrl+N', click: send('new-note') },
        { label: "Today's Note", accelerator: 'Alt+D', click: send('today') },
        { type: 'separator' },
        { label: 'Open Notebook Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openNotebookFolder() },
        { label: 'Open Recent', submenu: recentItems },
        { label: isMac ? 'Reveal Notebook in Finder' : 'Reveal Notebook in Folder', click: () => actions.revealNotebook() },
        { type: 'separator' },
        { label: 'Export for a Blog…', accelerator: 'CmdOrCtrl+Shift+E', click: send('export') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: '&View',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+Shift+F', click: send('search') },
        { label: 'Quick Switcher', accelerator: 'CmdOrCtrl+O', click: send('quick-switcher') },
        { label: 'Toggle Edit', accelerator: 'CmdOrCtrl+E', click: send('toggle-edit') },
        // Ctrl+G stays CodeMirror's "find next" inside the editor.
        { label: 'Graph', accelerator: 'CmdOrCtrl+Shift+G', click: send('graph') },
        { type: 'separator' },
        { label: 'Toggle Left Sidebar', accelerator: 'CmdOrCtrl+\\', click: send('toggle-left-sidebar') },
        { label: 'Toggle Right Sidebar', accelerator: 'CmdOrCtrl+Shift+\\', click: send('toggle-right-sidebar') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Research Notebook', role: 'about' }],
    },
  );
  return template;
}

export function installMenu(actions: MenuActions, recent: readonly string[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recent, process.platform)));
}
