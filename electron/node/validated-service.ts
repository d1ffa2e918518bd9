// Wraps a NotebookService so every API method validates its argument first
// (core/api-validate): callers that use the service directly (the CLI, tests,
// future transports) get the same `bad-argument` refusals as IPC and HTTP,
// and a bad argument never reaches code that writes.

import { API_METHODS, type ApiMethod } from '../core/api';
import { validateArgs } from '../core/api-validate';
import type { NotebookService } from './service-types';

export function withValidatedArgs(service: NotebookService): NotebookService {
  const wrapped: Record<string, unknown> = {
    onEvent: service.onEvent.bind(service),
    readFile: service.readFile.bind(service),
    close: service.close.bind(service),
  };
  for (const method of API_METHODS) {
    const call = service[method] as (args: unknown) => Promise<unknown>;
    wrapped[method] = async (args: unknown) => call.call(service, validateArgs(method as ApiMethod, args));
  }
  return wrapped as unknown as NotebookService;
}
