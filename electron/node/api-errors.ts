// How the transports report errors: an ApiError keeps its code and message;
// anything else is an internal failure whose detail goes to the log only
// (a stack trace or an absolute path is not for the page).

import { API_ERROR_CODES, ApiError, type ApiErrorCode } from '../core/api';

export const HTTP_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  'bad-argument': 400,
  'not-found': 404,
  exists: 409,
  'outside-root': 403,
  'read-only': 423,
  io: 500,
  unavailable: 503,
};

export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
}

/** True for an ApiError, also one from another copy of the core module (bundles). */
export function isApiError(error: unknown): error is ApiError {
  if (error instanceof ApiError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return e.name === 'ApiError' && (API_ERROR_CODES as readonly unknown[]).includes(e.code) && typeof e.message === 'string';
}

/** The `{ code, message }` a caller may see; logs the detail of an unexpected error. */
export function toErrorPayload(
  error: unknown,
  context: string,
  log: (line: string) => void = (line) => console.error(line),
): ApiErrorPayload {
  if (isApiError(error)) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`${context}: internal error: ${detail}`);
  return { code: 'io', message: `${context} failed because of an internal error (see the log).` };
}
