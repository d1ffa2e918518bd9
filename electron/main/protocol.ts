// The `app://notebook/` protocol: the renderer build and `/files/...` from the
// notebook, the same layout and the same checks as the web host (both call
// node/asset-routes). The scheme is registered as privileged (standard,
// secure) before `ready`, so the page gets a real origin and no `file://`.

import type { Protocol } from 'electron';
import { respondToAsset } from '../node/asset-routes';
import { APP_HOST, APP_SCHEME } from '../node/app-url';
import type { NotebookService } from '../node/service-types';

/** Must run before app `ready`. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export interface AppProtocolOptions {
  rendererDir: string;
  /** The current notebook (it changes when the user opens another folder). */
  service: () => NotebookService | null;
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, options));
}

export async function answerAppRequest(request: Request, options: AppProtocolOptions): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found.', { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Only GET here.', { status: 405 });
  const service = options.service();
  const asset = await respondToAsset(url.pathname, {
    rendererDir: options.rendererDir,
    readFile: (path) => (service ? service.readFile(path) : Promise.reject(new Error('no notebook is open'))),
  });
  const body = request.method === 'HEAD' ? null : typeof asset.body === 'string' ? asset.body : new Uint8Array(asset.body);
  return new Response(body, { status: asset.status, headers: asset.headers });
}
