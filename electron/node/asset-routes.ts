// The GET side shared by the web host and the Electron `app://notebook`
// protocol: `/files/<path>` reads a notebook file through the service,
// everything else is the renderer build. Both transports call this, so the
// same paths are served and refused with the same headers.

import { API_HEADERS, FILE_HEADERS, PAGE_HEADERS } from './security-headers';
import { decodeRequestPath } from './request-path';
import { readStaticFile } from './static-files';
import { HTTP_STATUS, isApiError, toErrorPayload } from './api-errors';
import type { NotebookService } from './service-types';

export interface AssetResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export interface AssetSources {
  rendererDir: string;
  readFile: NotebookService['readFile'];
  log?: (line: string) => void;
}

const text = (status: number, message: string): AssetResponse => ({
  status,
  headers: { ...API_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  body: message,
});

/** `rawPath`: the URL path as received, still percent-encoded, without the query. */
export async function respondToAsset(rawPath: string, sources: AssetSources): Promise<AssetResponse> {
  const decoded = decodeRequestPath(rawPath);
  if (!decoded.ok) return text(403, `Refused: ${decoded.reason}.`);
  const { segments } = decoded;

  if (segments[0] === 'files') {
    const relative = segments.slice(1).join('/');
    if (relative === '' || segments.slice(1).includes('')) return text(404, 'Not found.');
    try {
      const file = await sources.readFile(relative);
      return { status: 200, headers: { ...FILE_HEADERS, 'Content-Type': file.mime, 'Cache-Control': 'no-cache' }, body: file.bytes };
    } catch (error) {
      if (isApiError(error)) return text(HTTP_STATUS[error.code], error.message);
      const payload = toErrorPayload(error, `reading /files/${relative}`, sources.log);
      return text(500, payload.message);
    }
  }

  const file = await readStaticFile(sources.rendererDir, segments);
  if (file.kind === 'outside') return text(403, 'Refused: path leaves the app folder.');
  if (file.kind === 'missing') return text(404, 'Not found.');
  return { status: 200, headers: { ...PAGE_HEADERS, 'Content-Type': file.mime, 'Cache-Control': 'no-cache' }, body: file.bytes };
}
