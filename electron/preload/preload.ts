// The sandboxed preload: exposes `window.notebookApi` with one function per
// API method (each an `ipcRenderer.invoke('notebook:<method>', args)`), plus
// `onEvent` and `onCommand`. Nothing raw crosses the bridge: no ipcRenderer,
// no IpcRendererEvent. A failed call rejects with a plain `{ code, message }`
// that the renderer turns into an ApiError.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, type NotebookEvent } from '../core/api';
import { API_CHANNEL_PREFIX, COMMAND_CHANNEL, EVENT_CHANNEL, type IpcResult } from '../main/ipc-channels';

type Listener<T> = (value: T) => void;

async function invoke(method: string, args: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(API_CHANNEL_PREFIX + method, args)) as IpcResult;
  if (result.ok) return result.value;
  // A plain object survives the context bridge with its code intact (an Error would lose it).
  throw { code: result.error.code, message: result.error.message };
}

function subscribe<T>(channel: string, listener: Listener<T>): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const wrapped = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api: Record<string, (arg: never) => unknown> = {};
for (const method of API_METHODS) api[method] = (args: unknown) => invoke(method, args);
api.onEvent = (listener: Listener<NotebookEvent>) => subscribe(EVENT_CHANNEL, listener);
api.onCommand = (listener: Listener<string>) => subscribe(COMMAND_CHANNEL, listener);

contextBridge.exposeInMainWorld('notebookApi', Object.freeze(api));
