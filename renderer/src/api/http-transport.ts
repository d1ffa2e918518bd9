// The browser transport: POST /api/<method> with the argument as JSON, and
// one EventSource on /api/events shared by every listener.

import { API_METHODS, ApiError, type NotebookClient, type NotebookEvent } from '../../../electron/core/api';
import { toApiError } from './errors';
import { fileUrl } from './file-url';

/** keepalive lets a save started in `beforeunload` finish; browsers cap it near 64 KB. */
const KEEPALIVE_LIMIT = 60_000;

async function call(method: string, args: unknown): Promise<unknown> {
  const body = JSON.stringify(args ?? {});
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body,
      keepalive: method === 'saveNote' && body.length < KEEPALIVE_LIMIT,
    });
  } catch (error) {
    throw new ApiError('unavailable', `The notebook host cannot be reached (${String(error)}).`);
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError('io', `The notebook host answered ${response.status} with a body that is not JSON.`);
  }
  if (!response.ok) {
    const error = (payload as { error?: unknown } | null)?.error;
    throw toApiError(error ?? { code: response.status === 401 ? 'unavailable' : 'io', message: `HTTP ${response.status}` });
  }
  return payload;
}

export function createHttpClient(): NotebookClient {
  const listeners = new Set<(event: NotebookEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    if (source) return;
    source = new EventSource('/api/events', { withCredentials: true });
    source.onmessage = (message) => {
      let event: NotebookEvent;
      try {
        event = JSON.parse(message.data) as NotebookEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(event);
    };
  };

  const client: Record<string, unknown> = {
    onEvent(listener: (event: NotebookEvent) => void): () => void {
      listeners.add(listener);
      openEvents();
      return () => listeners.delete(listener);
    },
    fileUrl,
  };
  for (const method of API_METHODS) client[method] = (args: unknown) => call(method, args);
  return client as unknown as NotebookClient;
}
