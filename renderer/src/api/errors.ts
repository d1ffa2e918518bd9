// Every transport's failures become an ApiError with a code the UI can act on.

import { API_ERROR_CODES, ApiError, type ApiErrorCode } from '../../../electron/core/api';

/** Turns whatever a transport rejected with into an ApiError with a known code. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(error);
    if (typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)) return new ApiError(code as ApiErrorCode, text);
    return new ApiError('io', text);
  }
  return new ApiError('io', String(error));
}
