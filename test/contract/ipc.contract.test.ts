// The contract suite through the Electron IPC wiring, with `electron` mocked:
// a fake ipcMain records the handlers registerIpc installs; the client calls
// them as the preload would (arguments and results structured-cloned as IPC
// does) with an event from the app's main frame.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, ApiError, type NotebookEvent } from '../../electron/core/api';
import { API_CHANNEL_PREFIX, EVENT_CHANNEL, type IpcResult } from '../../electron/main/ipc-channels';
import { createNotebookService } from '../../electron/node/service';
import type { NotebookService } from '../../electron/node/service-types';
import { prepareContractNotebook, runContractSuite, type ContractClient } from './contract-suite';

type Handler = (event: unknown, args: unknown) => Promise<IpcResult>;

const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  return {
    handlers,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, args: unknown) => unknown) {
        // Like Electron: a second handler for one channel is an error.
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        handlers.delete(channel);
      },
    },
  };
});
vi.mock('electron', () => ({ ipcMain: fake.ipcMain }));

const { ipcMain } = await import('electron');
const { forwardEvents, isAppMainFrame, registerIpc } = await import('../../electron/main/ipc');

const appFrameEvent = { senderFrame: { url: 'app://notebook/index.html', parent: null } };

function ipcClient(sender: unknown): ContractClient {
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    client[method] = async (args: unknown) => {
      const handler = fake.handlers.get(API_CHANNEL_PREFIX + method) as Handler | undefined;
      if (!handler) throw new Error(`no IPC handler for ${method}`);
      const result = structuredClone(await handler(sender, structuredClone(args)));
      if (result.ok) return result.value;
      throw new ApiError(result.error.code as ApiError['code'], result.error.message);
    };
  }
  return client as unknown as ContractClient;
}

async function wire(): Promise<{ service: NotebookService; root: string; events: Set<(e: NotebookEvent) => void>; close(): Promise<void> }> {
  const notebook = await prepareContractNotebook();
  const service = await createNotebookService(notebook.serviceOptions);
  const unregister = registerIpc(ipcMain, service, isAppMainFrame);
  const events = new Set<(e: NotebookEvent) => void>();
  const window = {
    isDestroyed: () => false,
    send(channel: string, event: NotebookEvent) {
      if (channel === EVENT_CHANNEL) for (const listener of events) listener(structuredClone(event));
    },
  };
  const stopEvents = forwardEvents(service, () => [window]);
  return {
    service,
    root: notebook.root,
    events,
    async close() {
      stopEvents();
      unregister();
      await service.close();
      await notebook.cleanup();
    },
  };
}

runContractSuite('Electron IPC', async () => {
  const wired = await wire();
  const client = ipcClient(appFrameEvent);
  client.onEvent = (listener) => {
    wired.events.add(listener);
    return () => wired.events.delete(listener);
  };
  return { client, root: wired.root, close: () => wired.close() };
});

describe('IPC sender check', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('registers exactly one handler per API method and removes them all', async () => {
    const wired = await wire();
    close = wired.close;
    expect([...fake.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => API_CHANNEL_PREFIX + m).sort());
    await wired.close();
    close = null;
    expect(fake.handlers.size).toBe(0);
  });

  it.each([
    ['a foreign site', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['another app host', { senderFrame: { url: 'app://elsewhere/index.html', parent: null } }],
    ['a subframe of the app', { senderFrame: { url: 'app://notebook/index.html', parent: { url: 'app://notebook/index.html' } } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s and runs nothing', async (_label, sender) => {
    const wired = await wire();
    close = wired.close;
    const foreign = ipcClient(sender);
    await expect(foreign.createNote({ kind: 'named', name: 'Injected' })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(foreign.info({})).rejects.toBeInstanceOf(ApiError);
    expect(existsSync(join(wired.root, 'Injected.md'))).toBe(false);
    // The same call from the app's main frame works.
    await expect(ipcClient(appFrameEvent).createNote({ kind: 'named', name: 'Injected' })).resolves.toEqual({ id: 'Injected.md', created: true });
  });
});
