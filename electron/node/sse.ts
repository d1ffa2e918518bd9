// Server-sent events for the web host: every open `/api/events` stream gets
// each NotebookEvent as `data: <json>\n\n`, and a comment ping every 15 s so
// proxies and browsers keep the connection open.

import type { ServerResponse } from 'node:http';
import type { NotebookEvent } from '../core/api';
import { API_HEADERS } from './security-headers';

const PING_MS = 15_000;

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();
  private readonly ping: NodeJS.Timeout;

  constructor(pingMs = PING_MS) {
    this.ping = setInterval(() => this.write(': ping\n\n'), pingMs);
    this.ping.unref();
  }

  /** Starts an event stream on `res`; it ends when the client goes away or on closeAll. */
  open(res: ServerResponse): void {
    res.writeHead(200, {
      ...API_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      // Stops buffering proxies from holding events back.
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  send(event: NotebookEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    clearInterval(this.ping);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  private write(chunk: string): void {
    for (const res of this.streams) if (!res.writableEnded) res.write(chunk);
  }
}
