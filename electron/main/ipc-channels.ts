// IPC channel names shared by the main process and the preload (no imports,
// so the sandboxed preload bundle stays tiny).

/** `notebook:<method>` for each API method (ipcMain.handle / ipcRenderer.invoke). */
export const API_CHANNEL_PREFIX = 'notebook:';
/** NotebookEvents pushed to the window. */
export const EVENT_CHANNEL = 'notebook:event';
/** Menu commands the renderer acts on (see menu.ts). */
export const COMMAND_CHANNEL = 'notebook:command';

/** What an API handler returns: errors travel as data so their code survives IPC. */
export type IpcResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } };
