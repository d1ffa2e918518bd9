// A NotebookApi client over the web host's HTTP protocol, for the contract
// suite and the security tests: POST /api/<method> with the token header,
// errors rebuilt into ApiError, events read from GET /api/events (SSE).

import { API_METHODS, ApiError, type ApiErrorCode, type NotebookEvent } from '../../electron/core/api';
import type { ContractClient } from './contract-suite';

export interface HttpClient extends ContractClient {
  /** Resolves once every event stream opened so far is connected. */
  eventsReady(): Promise<void>;
  /** Ends every open event stream. */
  closeStreams(): void;
}

export function createHttpClient(base: string, token: string): HttpClient {
  const streams = new Set<AbortController>();
  const connecting = new Set<Promise<void>>();
  const client: Record<string, unknown> = {};

  for (const method of API_METHODS) {
    client[method] = async (args: unknown) => {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Notebook-Token': token },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as { error?: { code: ApiErrorCode; message: string } };
      if (!res.ok) {
        if (!body?.error) throw new Error(`HTTP ${res.status} without an error body`);
        throw new ApiError(body.error.code, body.error.message);
      }
      return body;
    };
  }

  client.onEvent = (listener: (event: NotebookEvent) => void) => {
    const abort = new AbortController();
    streams.add(abort);
    const connected = readEvents(`${base}/api/events`, token, abort.signal, listener);
    connecting.add(connected);
    return () => {
      abort.abort();
      streams.delete(abort);
    };
  };
  client.eventsReady = async () => {
    await Promise.all(connecting);
  };
  client.closeStreams = () => {
    for (const abort of streams) abort.abort();
    streams.clear();
  };
  return client as unknown as HttpClient;
}

/** Opens the SSE stream; resolves once connected, then keeps delivering `data:` events until aborted. */
async function readEvents(url: string, token: string, signal: AbortSignal, listener: (event: NotebookEvent) => void): Promise<void> {
  const res = await fetch(url, { headers: { 'X-Notebook-Token': token }, signal });
  if (!res.ok || !res.body) throw new Error(`event stream refused: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  // Wait for the first chunk (the server's ": connected" comment) before resolving.
  let buffer = '';
  const first = await reader.read();
  if (!first.done) buffer += decoder.decode(first.value, { stream: true });
  void (async () => {
    try {
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) listener(JSON.parse(data) as NotebookEvent);
        }
        const next = await reader.read();
        if (next.done) return;
        buffer += decoder.decode(next.value, { stream: true });
      }
    } catch {
      // Aborted or the host closed: the stream is over.
    }
  })();
}
