// The Electron transport: the preload exposes one function per API method and
// onEvent; errors cross the bridge as plain { code, message } objects.

import { API_METHODS, type NotebookClient, type NotebookEvent } from '../../../electron/core/api';
import { toApiError } from './errors';
import { fileUrl } from './file-url';

export type NotebookBridge = Record<string, unknown> & {
  onEvent(listener: (event: NotebookEvent) => void): () => void;
  /** Menu commands from the Electron main process (`new-note`, `today`, ...). */
  onCommand?(listener: (command: string) => void): () => void;
};

/** A bridge may resolve with `{ error: { code, message } }` instead of rejecting. */
function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && 'error' in value) {
    const error = (value as { error: unknown }).error;
    if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') throw toApiError(error);
  }
  return value;
}

export function createBridgeClient(bridge: NotebookBridge): NotebookClient {
  const client: Record<string, unknown> = {
    onEvent: (listener: (event: NotebookEvent) => void) => bridge.onEvent(listener),
    fileUrl,
  };
  for (const method of API_METHODS) {
    client[method] = async (args: unknown) => {
      const fn = bridge[method];
      if (typeof fn !== 'function') throw toApiError({ code: 'unavailable', message: `The bridge has no method ${method}.` });
      try {
        return unwrap(await (fn as (a: unknown) => Promise<unknown>)(args ?? {}));
      } catch (error) {
        throw toApiError(error);
      }
    };
  }
  return client as unknown as NotebookClient;
}
