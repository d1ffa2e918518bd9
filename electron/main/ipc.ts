// The API over Electron IPC: one `ipcMain.handle('notebook:<method>')` per
// method. Every call checks its sender (the app's main frame on
// app://notebook), validates its argument, and answers an IpcResult, so a
// refused or failed call carries `{ code, message }` back to the preload.

import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { API_METHODS, ApiError, type ApiMethod } from '../core/api';
import { validateArgs } from '../core/api-validate';
import { toErrorPayload } from '../node/api-errors';
import { isAppUrl } from '../node/app-url';
import type { NotebookService } from '../node/service-types';
import { API_CHANNEL_PREFIX, EVENT_CHANNEL, type IpcResult } from './ipc-channels';

type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** The sender is the top frame of a page served from app://notebook. */
export function isAppMainFrame(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

/** Registers every API handler; returns a function that removes them all. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: NotebookService,
  isTrustedSender: SenderCheck,
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(API_CHANNEL_PREFIX + method, (event, args: unknown) => answer(service, method, event, args, isTrustedSender));
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(API_CHANNEL_PREFIX + method);
  };
}

async function answer(
  service: NotebookService,
  method: ApiMethod,
  event: IpcMainInvokeEvent,
  args: unknown,
  isTrustedSender: SenderCheck,
): Promise<IpcResult> {
  try {
    if (!isTrustedSender(event)) {
      const url = event.senderFrame?.url ?? 'an unknown frame';
      throw new ApiError('unavailable', `${method}: refused a call from ${url.slice(0, 200)}; only the notebook window may call the API.`);
    }
    const valid = validateArgs(method, args);
    const fn = service[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await fn.call(service, valid) };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error, method) };
  }
}

/** Sends every service event to the window(s); returns the unsubscribe function. */
export function forwardEvents(
  service: Pick<NotebookService, 'onEvent'>,
  targets: () => ReadonlyArray<Pick<WebContents, 'send' | 'isDestroyed'>>,
): () => void {
  return service.onEvent((event) => {
    for (const contents of targets()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
