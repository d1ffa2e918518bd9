// The loopback web host behind `notebook serve`: the renderer build and the
// notebook API over HTTP on 127.0.0.1 only, guarded by a random token (URL ->
// cookie), Host and Origin checks, and path checks. See
// helpers/WEB-PROTOCOL.md for the wire format; node:http only.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateArgs, isApiMethod, MAX_ATTACHMENT_BASE64_LENGTH } from '../core/api-validate';
import type { ApiMethod, NotebookApi } from '../core/api';
import { HTTP_STATUS, toErrorPayload, type ApiErrorPayload } from './api-errors';
import { respondToAsset } from './asset-routes';
import { API_HEADERS } from './security-headers';
import { EventStreams } from './sse';
import type { NotebookService } from './service-types';
import { hasValidToken, isAllowedHost, isAllowedOrigin, newToken, tokenCookie, tokensEqual } from './web-host-security';

export interface WebHostOptions {
  service: NotebookService;
  /** The renderer build (dist/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** Absent: 32 random bytes, base64url. */
  token?: string;
  /** Where internal errors are logged; default stderr. */
  log?: (line: string) => void;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: opening it sets the cookie. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** An attachment's base64 plus room for the JSON around it. */
export const MAX_BODY_BYTES = MAX_ATTACHMENT_BASE64_LENGTH + 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const events = new EventStreams();
  const unsubscribe = options.service.onEvent((event) => events.send(event));
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const payload = toErrorPayload(error, `${req.method} ${req.url}`, log);
      if (!res.headersSent) sendError(res, 500, payload);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      return sendText(res, 421, 'Refused: this server only answers to 127.0.0.1 and localhost.');
    }
    if (!isAllowedOrigin(header(req, 'origin'), port)) {
      return sendText(res, 403, 'Refused: requests from another origin are not allowed.');
    }
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));

    const offered = query.get('token');
    if (req.method === 'GET' && offered !== null && (path === '/' || path === '/index.html')) {
      if (!tokensEqual(offered, token)) return sendText(res, 401, 'Wrong token: open the URL that `notebook serve` printed.');
      res.writeHead(302, { ...API_HEADERS, 'Set-Cookie': tokenCookie(token), Location: '/' });
      res.end();
      return;
    }
    if (!hasValidToken(req, token)) {
      return sendText(res, 401, 'Missing or wrong token: open the URL that `notebook serve` printed.');
    }

    if (path === '/api/events') {
      if (req.method !== 'GET') return sendText(res, 405, 'Use GET for /api/events.', { Allow: 'GET' });
      events.open(res);
      return;
    }
    if (path.startsWith('/api/')) return handleApiCall(req, res, path.slice('/api/'.length));

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET and HEAD here.', { Allow: 'GET, HEAD' });
    const asset = await respondToAsset(path, { rendererDir: options.rendererDir, readFile: (p) => options.service.readFile(p), log });
    const body = typeof asset.body === 'string' ? Buffer.from(asset.body, 'utf8') : asset.body;
    res.writeHead(asset.status, { ...asset.headers, 'Content-Length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handleApiCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!isApiMethod(method)) {
      drain(req);
      return sendError(res, 404, { code: 'bad-argument', message: `Unknown API method "${method.slice(0, 100)}".` });
    }
    if (req.method !== 'POST') {
      drain(req);
      return sendError(res, 405, { code: 'bad-argument', message: `Use POST for /api/${method}.` }, { Allow: 'POST' });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      res.setHeader('Connection', 'close');
      sendError(res, 413, { code: 'bad-argument', message: `${method}: the request body is larger than ${MAX_BODY_BYTES} bytes.` });
      res.on('finish', () => req.destroy());
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, { code: 'bad-argument', message: `${method}: the request body is not valid JSON.` });
    }
    let result: unknown;
    try {
      result = await call(options.service, method, validateArgs(method, args));
    } catch (error) {
      const payload = toErrorPayload(error, method, log);
      return sendError(res, HTTP_STATUS[payload.code], payload);
    }
    const json = Buffer.from(JSON.stringify(result ?? null), 'utf8');
    res.writeHead(200, { ...API_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(json.byteLength) });
    res.end(json);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close() {
      closing ??= closeServer(server, () => {
        unsubscribe();
        events.closeAll();
      });
      return closing;
    },
  };
}

/** Calls one API method with already validated arguments. */
function call(service: NotebookApi, method: ApiMethod, args: unknown): Promise<unknown> {
  const fn = service[method] as (a: unknown) => Promise<unknown>;
  return fn.call(service, args);
}

function closeServer(server: Server, endStreams: () => void): Promise<void> {
  return new Promise((resolve) => {
    endStreams();
    server.close(() => resolve());
    // Keep-alive sockets would hold close() open; nothing else is in flight by now.
    server.closeIdleConnections();
    setImmediate(() => server.closeAllConnections());
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body, or null once it grows past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.byteLength;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Reads and drops a body we refused, so the connection stays usable. */
function drain(req: IncomingMessage): void {
  req.resume();
}

function sendError(res: ServerResponse, status: number, error: ApiErrorPayload, extra: Record<string, string> = {}): void {
  const json = Buffer.from(JSON.stringify({ error }), 'utf8');
  res.writeHead(status, { ...API_HEADERS, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(json.byteLength) });
  res.end(json);
}

function sendText(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(status, { ...API_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.byteLength) });
  res.end(body);
}
