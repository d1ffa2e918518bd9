// The renderer's one way to reach the notebook: the preload's bridge inside
// Electron, HTTP + server-sent events in a browser (the web host). Both give
// the same NotebookClient, so nothing else in the renderer knows which runs.

import type { NotebookClient } from '../../../electron/core/api';
import { createHttpClient } from './http-transport';
import { createBridgeClient, type NotebookBridge } from './bridge-transport';

export { fileUrl } from './file-url';
export { toApiError } from './errors';

declare global {
  interface Window {
    notebookApi?: NotebookBridge;
  }
}

export function createClient(): NotebookClient {
  return window.notebookApi ? createBridgeClient(window.notebookApi) : createHttpClient();
}

