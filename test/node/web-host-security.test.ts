// The web host's refusals over real HTTP on 127.0.0.1: wrong Host (DNS
// rebinding), foreign Origin, missing or wrong token, paths that leave the
// renderer build or the notebook (plain and percent-encoded); plus the token
// URL, headers, SSE after an external edit, error mapping and a clean close.
// Raw node:http requests, because fetch would normalise `..` and refuses a
// forged Host header.

import { request } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookEvent } from '../../electron/core/api';
import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';
import { RENDERER_CSP } from '../../electron/node/security-headers';
import { startWebHost, type WebHost } from '../../electron/node/web-host';
import { IDS, OUTSIDE_SECRET, prepareContractNotebook, type PreparedNotebook } from '../contract/contract-suite';
import { makeRendererDir, RENDERER_SECRET } from '../contract/renderer-fixture';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens /api/events; resolves with a reader of `data:` events once the server has answered. */
function openEvents(port: number, token: string): Promise<{ next(match: (e: NotebookEvent) => boolean): Promise<NotebookEvent>; ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, 'X-Notebook-Token': token }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`events: HTTP ${res.statusCode}`));
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        const seen: NotebookEvent[] = [];
        const waiters: Array<{ match: (e: NotebookEvent) => boolean; resolve: (e: NotebookEvent) => void }> = [];
        let buffer = '';
        res.setEncoding('utf8');
        const ended = new Promise<void>((done) => res.on('end', () => done()));
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
            if (!data) continue;
            const event = JSON.parse(data) as NotebookEvent;
            seen.push(event);
            for (const w of [...waiters]) if (w.match(event)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(event));
          }
        });
        resolve({
          next: (match) =>
            new Promise((ok) => {
              const already = seen.find(match);
              if (already) ok(already);
              else waiters.push({ match, resolve: ok });
            }),
          ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host security', () => {
  let notebook: PreparedNotebook;
  let renderer: Awaited<ReturnType<typeof makeRendererDir>>;
  let service: NotebookService;
  let host: WebHost;
  let port: number;
  let token: string;
  const logged: string[] = [];
  const auth = () => ({ 'X-Notebook-Token': token });

  beforeAll(async () => {
    notebook = await prepareContractNotebook();
    await writeFile(join(notebook.root, 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n');
    renderer = await makeRendererDir();
    service = await createNotebookService(notebook.serviceOptions);
    host = await startWebHost({ service, rendererDir: renderer.dir, log: (line) => logged.push(line) });
    port = host.port;
    token = host.token;
  });
  afterAll(async () => {
    await host?.close();
    await service?.close();
    await notebook?.cleanup();
    await renderer?.cleanup();
  });

  it('listens on 127.0.0.1 with a long random token in its URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['an attacker name', 'evil.example'],
    ['an attacker name with our port', `evil.example:PORT`],
    ['our address on another port', '127.0.0.1:1'],
    ['localhost without the port', 'localhost'],
    ['another loopback address', `127.0.0.2:PORT`],
  ])('refuses a wrong Host header: %s', async (_label, hostHeader) => {
    const forged = hostHeader.replace('PORT', String(port));
    for (const [method, path] of [
      ['GET', '/'],
      ['POST', '/api/info'],
      ['GET', '/files/Nix.md'],
    ]) {
      const res = await raw(port, path, { method, headers: { ...auth(), Host: forged }, body: method === 'POST' ? '{}' : undefined });
      expect([403, 421]).toContain(res.status);
      expect(res.body).not.toContain('Nix is a purely functional');
      expect(res.body).not.toContain('Research Notebook</title>');
    }
  });

  it('accepts Host localhost:PORT and 127.0.0.1:PORT', async () => {
    expect((await raw(port, '/', { headers: { ...auth(), Host: `localhost:${port}` } })).status).toBe(200);
    expect((await raw(port, '/', { headers: auth() })).status).toBe(200);
  });

  it.each(['http://evil.example', 'null', `http://127.0.0.1:${1}`, 'https://127.0.0.1'])('refuses a foreign Origin: %s', async (origin) => {
    const res = await raw(port, '/api/info', { method: 'POST', headers: { ...auth(), Origin: origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('noteCount');
  });

  it('accepts its own Origin', async () => {
    const res = await raw(port, '/api/info', { method: 'POST', headers: { ...auth(), Origin: `http://127.0.0.1:${port}` }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).noteCount).toBe(7);
  });

  it.each([
    ['no token', {}],
    ['a wrong token header', { 'X-Notebook-Token': 'wrong' }],
    ['a wrong cookie', { Cookie: 'nb_token=wrong' }],
    ['the token in another cookie', { Cookie: 'other=TOKEN' }],
  ])('refuses a request with %s (401)', async (_label, headers) => {
    const withToken = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', token)]));
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/app.js'],
      ['POST', '/api/info'],
      ['POST', '/api/saveNote'],
      ['GET', '/api/events'],
      ['GET', '/files/Nix.md'],
    ]) {
      const res = await raw(port, path, { method, headers: withToken, body: method === 'POST' ? '{}' : undefined });
      expect(res.status).toBe(401);
      expect(res.body).not.toContain('Nix is a purely functional');
    }
  });

  it('a wrong token in the URL is refused without a cookie', async () => {
    const res = await raw(port, '/?token=wrong');
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the token URL sets the cookie and redirects to /, and the cookie then opens the app', async () => {
    const res = await raw(port, `/?token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toEqual([`nb_token=${token}; HttpOnly; SameSite=Strict; Path=/`]);

    const page = await raw(port, '/', { headers: { Cookie: `nb_token=${token}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Research Notebook</title>');
    const api = await raw(port, '/api/info', { method: 'POST', headers: { Cookie: `theme=dark; nb_token=${token}` }, body: '{}' });
    expect(api.status).toBe(200);
  });

  it('serves the renderer with a strict CSP and safe headers', async () => {
    for (const path of ['/', '/index.html', '/app.js', '/app.css', '/styles/theme.css']) {
      const res = await raw(port, path, { headers: auth() });
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect((await raw(port, '/app.js', { headers: auth() })).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await raw(port, '/missing.js', { headers: auth() })).status).toBe(404);
  });

  it('serves notebook files sandboxed with their MIME type', async () => {
    const svg = await raw(port, '/files/evil.svg', { headers: auth() });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-security-policy']).toBe('sandbox');
    expect(svg.headers['x-content-type-options']).toBe('nosniff');

    const note = await raw(port, `/files/${IDS.nixosFirst.split('/').map(encodeURIComponent).join('/')}`, { headers: auth() });
    expect(note.status).toBe(200);
    expect(note.body).toContain('Installed NixOS on the laptop today.');
    expect((await raw(port, '/files/missing.png', { headers: auth() })).status).toBe(404);
  });

  it.each([
    '/files/../x',
    '/files/%2e%2e/x',
    '/files/..%2fx',
    '/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/files/%2E%2E/%2E%2E/secret.txt',
    '/files/..%5c..%5csecret.txt',
    '/files/a\\..\\..\\secret.txt',
    '/files/x%00.md',
    '/files//etc/passwd',
    '/styles/../../package.json',
    '/styles/%2e%2e/%2e%2e/secret.txt',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/./index.html',
  ])('refuses the traversal %s (403) and serves nothing outside', async (path) => {
    const res = await raw(port, path, { headers: auth() });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(RENDERER_SECRET);
    expect(res.body).not.toContain(OUTSIDE_SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('refuses a notebook file reached through a symlink that leaves the notebook', async () => {
    const res = await raw(port, '/files/outside-link/secret.md', { headers: auth() });
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(OUTSIDE_SECRET);
  });

  it('maps API errors to statuses with { error: { code, message } }', async () => {
    const unknown = await raw(port, '/api/deleteEverything', { method: 'POST', headers: auth(), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('bad-argument');

    const notJson = await raw(port, '/api/getNote', { method: 'POST', headers: auth(), body: '{"id":' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatchObject({ code: 'bad-argument' });

    const badArg = await raw(port, '/api/getNote', { method: 'POST', headers: auth(), body: JSON.stringify({ id: '../x.md' }) });
    expect(badArg.status).toBe(400);
    expect(JSON.parse(badArg.body).error.message).toMatch(/getNote.*"id".*\.\./);

    const missing = await raw(port, '/api/getNote', { method: 'POST', headers: auth(), body: JSON.stringify({ id: 'Nope.md' }) });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not-found');

    const wrongVerb = await raw(port, '/api/info', { headers: auth() });
    expect(wrongVerb.status).toBe(405);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = Buffer.alloc(27 * 1024 * 1024, 0x61);
    const res = await raw(port, '/api/saveAttachment', { method: 'POST', headers: auth(), body: huge }).catch((error: NodeJS.ErrnoException) => {
      // The host may cut the connection while the body is still arriving.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return { status: 413, headers: {}, body: '' };
      throw error;
    });
    expect(res.status).toBe(413);
  });

  it('answers 500 with a generic message for an internal error and logs the detail', async () => {
    const broken = new Proxy(service, {
      get(target, property, receiver) {
        if (property === 'timeline') return async () => Promise.reject(new Error('disk exploded at /secret/path'));
        return Reflect.get(target, property, receiver);
      },
    });
    const brokenHost = await startWebHost({ service: broken, rendererDir: renderer.dir, log: (line) => logged.push(line) });
    try {
      const res = await raw(brokenHost.port, '/api/timeline', { method: 'POST', headers: { 'X-Notebook-Token': brokenHost.token }, body: '{}' });
      expect(res.status).toBe(500);
      expect(res.body).not.toContain('/secret/path');
      expect(JSON.parse(res.body).error.code).toBe('io');
      expect(logged.some((line) => line.includes('disk exploded at /secret/path'))).toBe(true);
    } finally {
      await brokenHost.close();
    }
  });

  it('delivers an event over SSE after a file is edited outside the app', async () => {
    const events = await openEvents(port, token);
    try {
      const changed = events.next((e) => e.type === 'note-changed' && e.id === IDS.unrelated);
      await writeFile(join(notebook.root, IDS.unrelated), 'Edited in another editor.\n');
      expect(await changed).toEqual({ type: 'note-changed', id: IDS.unrelated });
    } finally {
      events.close();
    }
  });

  it('close() ends event streams and stops listening', async () => {
    const other = await startWebHost({ service, rendererDir: renderer.dir });
    const events = await openEvents(other.port, other.token);
    await other.close();
    await events.ended;
    await expect(raw(other.port, '/', { headers: { 'X-Notebook-Token': other.token } })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
