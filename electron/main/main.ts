// Electron entry: composition only. One instance; the notebook from
// `--notebook DIR` (development default: the repo's notes/; a packaged first
// run offers to create one in Documents); the service behind the app://
// protocol, IPC and the menu; one locked-down window.

import { app, BrowserWindow, dialog, ipcMain, protocol, shell } from 'electron';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { notebookArg } from '../node/notebook-arg';
import { ApiError } from '../core/api';
import { createNotebookService } from '../node/service';
import type { NotebookService } from '../node/service-types';
import { COMMAND_CHANNEL } from './ipc-channels';
import { forwardEvents, isAppMainFrame, registerIpc } from './ipc';
import { installMenu, type MenuCommand } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { forgetRecentNotebooks, recentNotebooks, rememberNotebook } from './recent-notebooks';
import { createMainWindow } from './window';
import { initialWindowState, rememberWindowState } from './window-state';

// dist/main/main.cjs sits beside dist/renderer and dist/preload.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'preload.cjs');

interface OpenNotebook {
  root: string;
  service: NotebookService;
  stop: () => void;
}

let current: OpenNotebook | null = null;
let mainWindow: BrowserWindow | null = null;

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const requested = notebookArg(argv, cwd);
    if (requested && requested !== current?.root) void switchNotebook(requested);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!current) return;
    // Pending saves finish and the watcher stops before the process ends.
    event.preventDefault();
    void closeNotebook().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  serveAppProtocol(protocol, { rendererDir, service: () => current?.service ?? null });
  const root = await initialNotebook();
  if (root === null) return app.quit();
  await openNotebook(root);
  mainWindow = createMainWindow({ preload: preloadPath, state: await initialWindowState() });
  rememberWindowState(mainWindow);
  mainWindow.on('closed', () => (mainWindow = null));
}

async function initialNotebook(): Promise<string | null> {
  const fromArgs = notebookArg(process.argv);
  if (fromArgs) return fromArgs;
  if (!app.isPackaged) return join(app.getAppPath(), 'notes');
  const [last] = await recentNotebooks();
  return last ?? firstRunNotebook();
}

/** A packaged app's first run: create `Documents/Research Notebook`, or pick a folder. */
async function firstRunNotebook(): Promise<string | null> {
  const suggested = join(app.getPath('documents'), 'Research Notebook');
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Create Notebook', 'Choose Folder…', 'Quit'],
    defaultId: 0,
    cancelId: 2,
    message: 'Welcome to Research Notebook',
    detail: `A notebook is a folder of Markdown notes. Create one at\n${suggested}\nor choose an existing folder (an Obsidian vault works as it is).`,
  });
  if (response === 0) {
    await mkdir(suggested, { recursive: true });
    return suggested;
  }
  if (response === 1) return chooseFolder();
  return null;
}

async function chooseFolder(): Promise<string | null> {
  const options = { title: 'Open Notebook Folder', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

function startService(root: string): Promise<NotebookService> {
  return createNotebookService({
    root,
    dataDir: app.getPath('userData'),
    cacheDir: join(app.getPath('userData'), 'index-cache'),
    trashItem: (path) => shell.trashItem(path),
    // The page never picks where files are written: the user does, in a native dialog.
    exportDestination: async (requested) => {
      const options = {
        title: 'Export to folder',
        defaultPath: requested,
        properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      if (result.canceled || result.filePaths.length === 0) throw new ApiError('bad-argument', 'Export cancelled: no folder was chosen.');
      return result.filePaths[0];
    },
  });
}

async function openNotebook(root: string, service?: NotebookService): Promise<void> {
  const opened = service ?? (await startService(root));
  const removeHandlers = registerIpc(ipcMain, opened, isAppMainFrame);
  const stopEvents = forwardEvents(opened, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  current = { root, service: opened, stop: () => (removeHandlers(), stopEvents()) };
  await refreshMenu(await rememberNotebook(root));
}

async function closeNotebook(): Promise<void> {
  const closing = current;
  current = null;
  if (!closing) return;
  closing.stop();
  await closing.service.close();
}

/** Opens another folder; if it cannot be opened, the current notebook stays open. */
async function switchNotebook(root: string): Promise<void> {
  let service: NotebookService;
  try {
    service = await startService(root);
  } catch (error) {
    dialog.showErrorBox('Could not open the notebook', `${root}\n\n${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  await closeNotebook();
  await openNotebook(root, service);
  mainWindow?.webContents.reload();
}

async function refreshMenu(recent?: string[]): Promise<void> {
  installMenu(
    {
      command: (command: MenuCommand) => mainWindow?.webContents.send(COMMAND_CHANNEL, command),
      openNotebookFolder: () =>
        void chooseFolder().then((folder) => {
          if (folder) return switchNotebook(folder);
        }),
      openRecent: (folder) => void switchNotebook(folder),
      clearRecent: () => void forgetRecentNotebooks().then(() => refreshMenu([])),
      revealNotebook: () => {
        if (current) void shell.openPath(current.root);
      },
    },
    recent ?? (await recentNotebooks()),
  );
}

function fatal(error: unknown): void {
  dialog.showErrorBox('Research Notebook could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
