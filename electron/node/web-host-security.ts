// The web host's gatekeeping: which Host and Origin headers are ours (a DNS
// rebinding page or another site must not reach the API) and whether a
// request carries the session token (cookie or header).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'nb_token';
export const TOKEN_HEADER = 'x-notebook-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only `127.0.0.1:PORT` and `localhost:PORT`: any other name may be an attacker's DNS pointing here. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

/** No Origin (a plain navigation) is fine; a present one must be this host. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const value = origin.toLowerCase();
  return value === `http://127.0.0.1:${port}` || value === `http://localhost:${port}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Compares in constant time (hashing first so lengths never leak either). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function hasValidToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && tokensEqual(header, token)) return true;
  const cookie = parseCookies(req.headers.cookie).get(TOKEN_COOKIE);
  return cookie !== undefined && tokensEqual(cookie, token);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
