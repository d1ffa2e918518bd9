// The Electron main process and preload with `electron` mocked: the window's
// secure webPreferences, navigation and window.open denied (only parsed
// http/https/mailto links reach shell.openExternal), the IPC sender check,
// the app:// protocol, the menu commands and the preload's bridge.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, ApiError } from '../../electron/core/api';
import { RENDERER_CSP } from '../../electron/node/security-headers';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeWebContents {
    readonly listeners = new Map<string, Listener[]>();
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    readonly session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async () => undefined);
    readonly maximize = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
  }
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, Listener[]>();
  return {
    FakeBrowserWindow,
    shell: { openExternal: vi.fn(async () => undefined) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    exposed,
    rendererListeners,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, _args: unknown): Promise<unknown> => ({ ok: true, value: null })),
      on(channel: string, listener: Listener) {
        rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
      },
      removeListener(channel: string, listener: Listener) {
        rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeBrowserWindow,
  shell: fake.shell,
  protocol: fake.protocol,
  contextBridge: fake.contextBridge,
  ipcRenderer: fake.ipcRenderer,
  Menu: fake.Menu,
}));

const { createMainWindow } = await import('../../electron/main/window');
const { isAppMainFrame } = await import('../../electron/main/ipc');
const { answerAppRequest, registerAppScheme } = await import('../../electron/main/protocol');
const { menuTemplate } = await import('../../electron/main/menu');

function openWindow() {
  createMainWindow({ preload: '/app/dist/preload/preload.cjs', state: { width: 1000, height: 700, maximized: false } });
  return fake.FakeBrowserWindow.created.at(-1)!;
}

beforeEach(() => {
  fake.shell.openExternal.mockClear();
});

describe('main window', () => {
  it('is created with the secure webPreferences and loads the app protocol', () => {
    const win = openWindow();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://notebook/index.html');
    expect(win.webContents.session.setPermissionRequestHandler).toHaveBeenCalled();
    const [deny] = win.webContents.session.setPermissionRequestHandler.mock.calls[0] as [(...a: unknown[]) => void];
    const callback = vi.fn();
    deny(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each([
    ['app://notebook/index.html', false, null],
    ['app://notebook/files/a.png', false, null],
    ['https://example.com/page', true, 'https://example.com/page'],
    ['mailto:someone@example.com', true, 'mailto:someone@example.com'],
    ['file:///etc/passwd', true, null],
    ['javascript:alert(1)', true, null],
    ['app://evil/index.html', true, null],
    ['http://localhost:3000/', true, 'http://localhost:3000/'],
  ])('will-navigate to %s: prevented=%s, opened outside=%s', (url, prevented, external) => {
    const win = openWindow();
    for (const event of ['will-navigate', 'will-redirect']) {
      fake.shell.openExternal.mockClear();
      const preventDefault = vi.fn();
      win.webContents.emit(event, { url, preventDefault }, url);
      expect(preventDefault).toHaveBeenCalledTimes(prevented ? 1 : 0);
      if (external) expect(fake.shell.openExternal).toHaveBeenCalledWith(external);
      else expect(fake.shell.openExternal).not.toHaveBeenCalled();
    }
  });

  it('refuses to attach a webview', () => {
    const win = openWindow();
    const preventDefault = vi.fn();
    win.webContents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it.each([
    ['https://nixos.org/manual', 'https://nixos.org/manual'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:me@example.com?subject=hi', 'mailto:me@example.com?subject=hi'],
    ['file:///etc/passwd', null],
    ['javascript:alert(document.cookie)', null],
    ['app://notebook/index.html', null],
    ['smb://server/share', null],
    ['vscode://file/etc/passwd', null],
    ['not a url', null],
    ['', null],
  ])('window.open(%s) is denied; only http/https/mailto go to shell.openExternal', (url, external) => {
    const win = openWindow();
    expect(win.webContents.openHandler!({ url })).toEqual({ action: 'deny' });
    if (external) expect(fake.shell.openExternal).toHaveBeenCalledWith(external);
    else expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('IPC sender check', () => {
  it.each([
    [{ url: 'app://notebook/index.html', parent: null }, true],
    [{ url: 'app://notebook/', parent: null }, true],
    [{ url: 'app://notebook/index.html', parent: { url: 'app://notebook/index.html' } }, false],
    [{ url: 'https://evil.example/', parent: null }, false],
    [{ url: 'app://evil/index.html', parent: null }, false],
    [{ url: 'file:///index.html', parent: null }, false],
    [{ url: 'app://user@notebook/index.html', parent: null }, false],
    [null, false],
  ])('sender frame %j trusted: %s', (frame, trusted) => {
    expect(isAppMainFrame({ senderFrame: frame } as never)).toBe(trusted);
  });
});

describe('app:// protocol', () => {
  it('registers app as a privileged standard, secure scheme', () => {
    registerAppScheme(fake.protocol as never);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the renderer with the CSP, notebook files sandboxed, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nb-protocol-'));
    try {
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
      const readFile = vi.fn(async (path: string) => {
        if (path === 'attachments/a.svg') return { bytes: new TextEncoder().encode('<svg/>'), mime: 'image/svg+xml' };
        throw new ApiError('outside-root', `"${path}" is outside`);
      });
      const service = { readFile } as never;
      const options = { rendererDir: dir, service: () => service };

      const index = await answerAppRequest(new Request('app://notebook/index.html'), options);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(await index.text()).toContain('<title>app</title>');

      const file = await answerAppRequest(new Request('app://notebook/files/attachments/a.svg'), options);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-security-policy')).toBe('sandbox');
      expect(file.headers.get('content-type')).toBe('image/svg+xml');

      expect((await answerAppRequest(new Request('app://notebook/files/elsewhere.png'), options)).status).toBe(403);
      expect((await answerAppRequest(new Request('app://notebook/files/..%2f..%2fetc%2fpasswd'), options)).status).toBe(403);
      expect((await answerAppRequest(new Request('app://other/index.html'), options)).status).toBe(404);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('menu', () => {
  it('sends the UI commands with the usual shortcuts', () => {
    const actions = { command: vi.fn(), openNotebookFolder: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), revealNotebook: vi.fn() };
    const template = menuTemplate(actions, ['/notes/a'], 'linux');
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const byAccelerator = (accelerator: string) => items.find((item) => item.accelerator === accelerator);
    for (const [accelerator, command] of [
      ['CmdOrCtrl+N', 'new-note'],
      ['Alt+D', 'today'],
      ['CmdOrCtrl+Shift+F', 'search'],
      ['CmdOrCtrl+O', 'quick-switcher'],
      ['CmdOrCtrl+E', 'toggle-edit'],
    ]) {
      const item = byAccelerator(accelerator);
      expect(item, accelerator).toBeDefined();
      (item!.click as () => void)();
      expect(actions.command).toHaveBeenLastCalledWith(command);
    }
    const open = items.find((item) => item.label === 'Open Notebook Folder…');
    (open!.click as () => void)();
    expect(actions.openNotebookFolder).toHaveBeenCalled();
    const recent = items.find((item) => item.label === 'Open Recent');
    const first = (recent!.submenu as Array<{ click?: () => void }>)[0];
    first.click!();
    expect(actions.openRecent).toHaveBeenCalledWith('/notes/a');
  });
});

describe('preload bridge', () => {
  it('exposes only functions: one per API method plus onEvent and onCommand', async () => {
    await import('../../electron/preload/preload');
    const api = fake.exposed.get('notebookApi') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'onEvent', 'onCommand'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes notebook:<method> and rejects with a plain { code, message }', async () => {
    await import('../../electron/preload/preload');
    const api = fake.exposed.get('notebookApi') as Record<string, (args: unknown) => Promise<unknown>>;
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'Nix.md' });
    await expect(api.findNote({ name: 'Nix' })).resolves.toBe('Nix.md');
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith('notebook:findNote', { name: 'Nix' });

    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message: 'No note' } });
    await expect(api.getNote({ id: 'x.md' })).rejects.toEqual({ code: 'not-found', message: 'No note' });
  });

  it('onEvent and onCommand pass only the payload and unsubscribe', async () => {
    await import('../../electron/preload/preload');
    const api = fake.exposed.get('notebookApi') as Record<string, (listener: (v: unknown) => void) => () => void>;
    const seen: unknown[] = [];
    const off = api.onEvent((event) => seen.push(event));
    const offCommand = api.onCommand((command) => seen.push(command));
    const ipcEvent = { sender: 'raw ipcRenderer' };
    for (const l of fake.rendererListeners.get('notebook:event') ?? []) l(ipcEvent, { type: 'note-changed', id: 'a.md' });
    for (const l of fake.rendererListeners.get('notebook:command') ?? []) l(ipcEvent, 'today');
    expect(seen).toEqual([{ type: 'note-changed', id: 'a.md' }, 'today']);
    off();
    offCommand();
    expect(fake.rendererListeners.get('notebook:event')).toEqual([]);
    expect(fake.rendererListeners.get('notebook:command')).toEqual([]);
  });
});
