// End-to-end harness: a temporary copy of the sample notebook served by the
// real `notebook serve`, opened in Debian's Chromium through playwright-core.
// Everything it starts it stops: the browser, the server, the temp folders.

import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(REPO, 'notes');
const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');
const SERVE_LINE = /^Research Notebook is serving (.+) at (http:\/\/\S+)$/;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AppHandle {
  page: Page;
  context: BrowserContext;
  /** The notebook folder the server serves (a copy of notes/). */
  dir: string;
  url: string;
  /** Messages of any alert/confirm/prompt the page opened (a script ran). */
  dialogs: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  path(relative: string): string;
  read(relative: string): Promise<string>;
  write(relative: string, text: string): Promise<void>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra files written into the notebook copy before the server starts. */
  files?: Record<string, string>;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

interface Server {
  child: ChildProcess;
  url: string;
  root: string;
  stderr: () => string;
}

/** Servers still running: stopped on exit even when a test run is cut short. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function startServer(dir: string, home: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'notebook.mjs'), 'serve', '--dir', dir, '--port', '0'], {
      cwd: REPO,
      env: { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache'), NOTEBOOK_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`notebook serve printed no URL within 30 s.\nstdout: ${out}\nstderr: ${err}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        const m = SERVE_LINE.exec(line.trim());
        if (m) {
          clearTimeout(timer);
          resolve({ child, root: m[1], url: m[2], stderr: () => err });
          return;
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`notebook serve exited with ${code} before printing its URL.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startApp(browser: Browser, options: StartOptions = {}): Promise<AppHandle> {
  const base = await mkdtemp(join(tmpdir(), 'notebook-e2e-'));
  const dir = join(base, 'notes');
  await cp(SAMPLE, dir, { recursive: true });
  for (const [relative, text] of Object.entries(options.files ?? {})) {
    await mkdir(dirname(join(dir, relative)), { recursive: true });
    await writeFile(join(dir, relative), text);
  }
  let server: Server;
  try {
    server = await startServer(dir, base);
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The token URL sets the cookie and redirects to the app. While another process rebuilds
  // dist/ (each vitest run's global setup does), the renderer can be missing for a moment.
  let response = await page.goto(server.url);
  for (let attempt = 0; attempt < 20 && response?.status() === 404; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    response = await page.reload();
  }
  const handle: AppHandle = {
    page,
    context,
    dir,
    url: server.url,
    dialogs,
    pageErrors,
    path: (relative) => join(dir, relative),
    read: (relative) => readFile(join(dir, relative), 'utf8'),
    write: (relative, text) => writeFile(join(dir, relative), text),
    async screenshot(name) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await context.close().catch(() => undefined);
      await stopServer(server.child);
      await rm(base, { recursive: true, force: true });
    },
  };
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  // The app is ready when the timeline has its rows.
  try {
    await page.getByRole('navigation', { name: 'Timeline' }).getByRole('option').first().waitFor({ timeout: 20_000 });
  } catch (error) {
    await handle.screenshot('startup-failure').catch(() => undefined);
    const body = await page.locator('body').innerText().catch(() => '');
    await handle.close();
    throw new Error(`The app did not show its timeline: ${String(error)}\npage text: ${body.slice(0, 500)}\npage errors: ${pageErrors.join(' | ')}\nconsole: ${consoleLines.join(' | ')}\nserver stderr: ${server.stderr()}`);
  }
  return handle;
}

/** Waits until `read()` gives something `accept` likes; returns it. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}. Last value: ${JSON.stringify(last)}${lastError ? `; last error: ${String(lastError)}` : ''}`);
}
