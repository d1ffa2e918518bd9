// The renderer end to end: a person's journeys through the real web host in
// Debian's Chromium, on a temporary copy of the sample notebook. Locators go
// by role and accessible name, so the names the issue promises are tested too.

import { readdir, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { eventually, launchBrowser, startApp, type AppHandle, type StartOptions } from './harness';

const TIMEOUT = 90_000;
let browser: Browser;
let app: AppHandle | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await app?.close();
  app = null;
});

async function open(options: StartOptions = {}): Promise<AppHandle> {
  app = await startApp(browser, options);
  return app;
}

const title = (page: Page) => page.getByRole('heading', { level: 1 });
const status = (page: Page) => page.getByRole('status');
const editor = (page: Page) => page.getByRole('textbox', { name: 'Note editor' });
const backlinks = (page: Page) => page.getByRole('region', { name: /^Backlinks/ });
const mentions = (page: Page) => page.getByRole('region', { name: /^Unlinked mentions/ });

/** Opens a note by name through the quick switcher, as a person would. */
async function switchTo(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+O');
  const dialog = page.getByRole('dialog', { name: 'Quick switcher' });
  await dialog.getByRole('combobox').fill(name);
  await dialog.getByRole('option').first().waitFor();
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

async function openNote(page: Page, name: string, heading = name): Promise<void> {
  await switchTo(page, name);
  await expect.poll(() => title(page).textContent()).toBe(heading);
}

/** Opens a note by its id through the address (a bookmark), for tests that need one exact note. */
async function goToNote(page: Page, id: string, heading: string): Promise<void> {
  await page.goto(new URL(`/#/note/${encodeURIComponent(id)}`, app!.url).href);
  await expect.poll(() => title(page).textContent()).toBe(heading);
}

/** The note id of the open note, from the address. */
async function openId(page: Page): Promise<string> {
  const hash = await page.evaluate(() => location.hash);
  const m = /^#\/note\/([^?]+)/.exec(hash);
  if (!m) throw new Error(`No note is open (hash ${hash}).`);
  return decodeURIComponent(m[1]);
}

describe('reading', () => {
  test('search and open a hit', async () => {
    const { page } = await open();
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('searchbox', { name: 'Search notes' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('rollback generations');
    const results = page.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('listitem').filter({ hasText: 'Generations and rollbacks' }).first();
    await hit.waitFor();
    expect(await hit.locator('mark').count()).toBeGreaterThan(0);
    await hit.getByRole('link').click();
    await expect.poll(() => title(page).textContent()).toBe('Generations and rollbacks on NixOS, explained');
  }, TIMEOUT);

  test('a query error is shown in place', async () => {
    const { page } = await open();
    await page.keyboard.press('Control+Shift+F');
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('after:notadate');
    await expect.poll(() => page.locator('.search-error').textContent(), { timeout: 10_000 }).toMatch(/Query error/);
    expect(await page.getByRole('list', { name: 'Search results' }).getByRole('listitem').count()).toBe(0);
  }, TIMEOUT);

  test('follow a wikilink, then go back and forward with Alt+Left and Alt+Right', async () => {
    const { page } = await open();
    await goToNote(page, 'Flakes.md', 'Flakes');
    await page.locator('.reader').getByRole('link', { name: 'NixOS', exact: true }).first().click();
    await expect.poll(() => title(page).textContent()).toBe('NixOS');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => title(page).textContent()).toBe('Flakes');
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => title(page).textContent()).toBe('NixOS');
  }, TIMEOUT);

  test('see backlinks with the line around each link', async () => {
    const { page } = await open();
    await goToNote(page, 'NixOS.md', 'NixOS');
    const item = backlinks(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Flakes', exact: true }) }).first();
    await item.waitFor();
    expect(await item.locator('.link-context').textContent()).toMatch(/NixOS/);
    await item.getByRole('link').first().click();
    await expect.poll(() => title(page).textContent()).toMatch(/Flakes/);
  }, TIMEOUT);

  test('the timeline groups dated notes by year and month, undated after them', async () => {
    const { page } = await open();
    const timeline = page.getByRole('navigation', { name: 'Timeline' });
    const labels = await timeline.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    expect(labels[0]).toMatch(/^2025, \d+ notes$/);
    expect(labels[1]).toMatch(/^April 2025/);
    await timeline.getByRole('listbox').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('Four months of Nix');
  }, TIMEOUT);

  test('embeds show the embedded note inline, and images load from the notebook', async () => {
    const { page } = await open({ files: { 'Loop.md': '# Loop\n\n![[Loop]]\n' } });
    await goToNote(page, '2025/2025-03-25 Checking reproducibility.md', 'Checking reproducibility');
    const embed = page.getByRole('group', { name: /^Embedded note/ });
    await embed.locator('.embed-body p').first().waitFor();
    expect((await embed.locator('.embed-body').textContent())!.length).toBeGreaterThan(100);

    await goToNote(page, '2025/2025-02-10 Generations and rollbacks.md', 'Generations and rollbacks on NixOS, explained');
    const image = page.locator('.reader img[src^="/files/"]').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // A note that embeds itself stops instead of looping.
    await goToNote(page, 'Loop.md', 'Loop');
    await page.locator('.embed-note-message').first().waitFor();
    expect(await page.locator('.embed-box').count()).toBe(1);
    expect(await page.locator('.embed-note-message').allTextContents()).toEqual(['This note embeds itself here; the loop stops.']);
  }, TIMEOUT);

  test('a tag opens a search for it', async () => {
    const { page } = await open();
    await goToNote(page, 'Flakes.md', 'Flakes');
    await page.locator('.note-header').getByRole('link', { name: '#flakes' }).click();
    const box = page.getByRole('searchbox', { name: 'Search notes' });
    await expect.poll(() => box.inputValue()).toBe('tag:flakes');
    await page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: 'Updating flake.lock' }).waitFor();
  }, TIMEOUT);

  test('the graph opens a node from its keyboard list', async () => {
    const { page } = await open();
    await page.keyboard.press('Control+Shift+G');
    await expect.poll(() => title(page).textContent()).toBe('Graph');
    const nodes = page.getByRole('listbox', { name: 'Graph nodes' });
    await nodes.getByRole('option').first().waitFor();
    await nodes.focus();
    await page.keyboard.press('Home');
    const first = await nodes.locator('[aria-selected="true"]').getAttribute('aria-label');
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe(first!.replace(/, (note|concept|not yet written)$/, ''));
  }, TIMEOUT);

  test('a concept page shows its notes oldest first', async () => {
    const { page } = await open();
    await page.goto(new URL('/#/concept/nixos', app!.url).href);
    await expect.poll(() => title(page).textContent()).toBe('NixOS');
    const entries = page.locator('.concept-entry time');
    await entries.first().waitFor();
    const dates = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort()).toEqual(dates);
  }, TIMEOUT);

  test('an unresolved link looks different and offers to create the note', async () => {
    const { page, read } = await open({ files: { 'Wish list.md': '# Wish list\n\nSomeday: [[Impermanence setup]].\n' } });
    await openNote(page, 'Wish list');
    const link = page.locator('.reader a.wikilink.unresolved', { hasText: 'Impermanence setup' });
    await link.click();
    await expect.poll(() => page.locator('.note-meta').first().textContent()).toMatch(/No note carries this name/);
    await page.getByRole('button', { name: /Create “Impermanence setup”/ }).click();
    await editor(page).waitFor();
    expect(await title(page).textContent()).toBe('Impermanence setup');
    const id = await openId(page);
    await eventually(() => read(id), () => true, `the new note ${id} on disk`);
  }, TIMEOUT);
});

describe('writing', () => {
  test('edit and see the autosave reach the file on disk', async () => {
    const { page, read } = await open();
    await openNote(page, 'Reproducibility');
    const id = await openId(page);
    await page.keyboard.press('Control+E');
    await expect.poll(() => editor(page).evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nAutosaved sentence from the browser.');
    await expect.poll(() => status(page).textContent()).toMatch(/Unsaved|Saving/);
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    const text = await eventually(() => read(id), (t) => t.includes('Autosaved sentence from the browser.'), 'the autosave on disk');
    expect(text.startsWith('---') || text.startsWith('#')).toBe(true);
  }, TIMEOUT);

  test('[[ completes note names with their dates, # completes tags', async () => {
    const { page, read } = await open({ files: { 'Drafts.md': '# Drafts\n' } });
    await openNote(page, 'Drafts');
    const id = await openId(page);
    await page.keyboard.press('Control+E');
    await editor(page).waitFor();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nSee [[Pinning');
    const completions = page.locator('.cm-tooltip-autocomplete').getByRole('listbox');
    const option = completions.getByRole('option', { name: /^Pinning nixpkgs/ }).first();
    await option.waitFor();
    expect(await option.textContent()).toMatch(/3 Feb 2025/);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' and #flak');
    await completions.getByRole('option', { name: /^flakes/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    const text = await eventually(() => read(id), (t) => t.includes('#flakes'), 'the completed text on disk');
    expect(text).toContain('See [[Pinning nixpkgs]] and #flakes');
  }, TIMEOUT);

  test("create today's note with Alt+D", async () => {
    const { page, read } = await open();
    await page.keyboard.press('Alt+D');
    await editor(page).waitFor();
    const id = await openId(page);
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(await page.locator('.note-date').getAttribute('datetime')).toBe(iso);
    await page.keyboard.type('First thought of the day.');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    await eventually(() => read(id), (t) => t.includes('First thought of the day.'), "today's note on disk");
  }, TIMEOUT);

  test('the quick switcher creates a note when nothing matches', async () => {
    const { page, read } = await open();
    await page.keyboard.press('Control+O');
    await page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('combobox').fill('Zygomorphic thoughts');
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('Zygomorphic thoughts');
    const id = await openId(page);
    await eventually(() => read(id), () => true, 'the created note');
  }, TIMEOUT);

  test('link one unlinked mention, then all of them', async () => {
    const { page, read } = await open({
      files: {
        'Mention one.md': '# Mention one\n\nI keep a Reproducibility checklist.\n',
        'Mention two.md': '# Mention two\n\nReproducibility again, and reproducibility once more.\n',
      },
    });
    await openNote(page, 'Reproducibility');
    const region = mentions(page);
    const one = region.getByRole('listitem').filter({ hasText: 'Mention one' });
    await one.getByRole('button', { name: 'Link', exact: true }).click();
    await eventually(() => read('Mention one.md'), (t) => /\[\[Reproducibility(\|[^\]]*)?\]\] checklist/.test(t), 'the linked mention on disk');
    await expect.poll(() => region.getByRole('listitem').filter({ hasText: 'Mention one' }).count()).toBe(0);
    await backlinks(page).getByRole('listitem').filter({ hasText: 'Mention one' }).waitFor();

    await region.getByRole('button', { name: 'Link all', exact: true }).click();
    const two = await eventually(() => read('Mention two.md'), (t) => (t.match(/\[\[/g) ?? []).length >= 2, 'both mentions linked');
    // Each mention, as written, became a link (`[[text]]` or `[[Target|text]]`).
    expect(two).toMatch(/\[\[(?:[^\]|\n]*\|)?Reproducibility\]\] again, and \[\[(?:[^\]|\n]*\|)?reproducibility\]\] once more\./);
  }, TIMEOUT);

  test('mentions load after the note and its backlinks; a late answer for a note left behind is dropped', async () => {
    const { page } = await open({ files: { 'Mention one.md': '# Mention one\n\nI keep a Reproducibility checklist.\n' } });
    // Hold every mentions answer until the test lets it through.
    const held = new Map<string, Route>();
    await page.route('**/api/mentions', (route) => {
      const { id } = route.request().postDataJSON() as { id: string };
      held.set(id, route);
    });
    await openNote(page, 'Reproducibility');
    const reproducibilityId = await openId(page);
    await backlinks(page).getByRole('listitem').first().waitFor();
    await mentions(page).getByRole('status').filter({ hasText: 'Looking for mentions…' }).waitFor();
    await expect.poll(() => held.has(reproducibilityId)).toBe(true);

    await goToNote(page, 'Mention one.md', 'Mention one');
    await expect.poll(() => held.has('Mention one.md')).toBe(true);
    await held.get('Mention one.md')!.continue();
    await mentions(page).getByText('No unlinked mentions.').waitFor();

    // Reproducibility's answer (which lists Mention one) arrives after its note was left.
    const late = page.waitForResponse((r) => r.url().endsWith('/api/mentions') && r.request().postDataJSON().id === reproducibilityId);
    await held.get(reproducibilityId)!.continue();
    await (await late).finished();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await mentions(page).getByRole('listitem').count()).toBe(0);
    expect(await mentions(page).getByText('No unlinked mentions.').count()).toBe(1);
  }, TIMEOUT);

  test('a pasted image is saved into the notebook and linked', async () => {
    const { page, read } = await open();
    await openNote(page, 'Reproducibility');
    const id = await openId(page);
    await page.keyboard.press('Control+E');
    await editor(page).waitFor();
    await page.keyboard.press('Control+End');
    await editor(page).evaluate((el) => {
      // A 1x1 PNG, as a screenshot tool would put on the clipboard.
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([png], 'plot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    const text = await eventually(() => read(id), (t) => /plot[^\n]*\.png/.test(t), 'the image link in the note');
    const link = /plot[^\])\n|]*\.png/.exec(text)![0];
    const names = await readdir(app!.path('attachments'));
    expect(names.some((n) => link.endsWith(n))).toBe(true);
    await page.keyboard.press('Control+E');
    await page.locator('.reader img[src^="/files/"]').last().waitFor();
  }, TIMEOUT);

  test('rename a note; links to it follow', async () => {
    const { page, read } = await open({ files: { 'Scratch.md': '# Scratch\n\nTemporary.\n', 'Pointer.md': 'See [[Scratch]].\n' } });
    await openNote(page, 'Scratch');
    await page.getByRole('button', { name: 'Rename' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename note' });
    await dialog.getByRole('textbox', { name: 'New name' }).fill('Scratch pad');
    await page.keyboard.press('Enter');
    await expect.poll(() => openId(page).catch(() => '')).toBe('Scratch pad.md');
    await eventually(() => readdir(app!.dir), (names) => names.includes('Scratch pad.md') && !names.includes('Scratch.md'), 'the renamed file');
    await eventually(() => read('Pointer.md'), (t) => t.includes('[[Scratch pad]]'), 'the link rewritten');
  }, TIMEOUT);

  test('delete a note and bring it back with Undo', async () => {
    const { page, read } = await open({ files: { 'Scratch.md': '# Scratch\n\nTemporary.\n' } });
    await openNote(page, 'Scratch');
    await page.getByRole('button', { name: 'Delete' }).click();
    await eventually(() => readdir(app!.dir), (names) => !names.includes('Scratch.md'), 'the note to leave the folder');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => title(page).textContent()).toBe('Scratch');
    await eventually(() => readdir(app!.dir), (names) => names.includes('Scratch.md'), 'the note to come back');
    expect(await read('Scratch.md')).toBe('# Scratch\n\nTemporary.\n');
  }, TIMEOUT);
});

describe('export', () => {
  test('the export dialog shows a dry run, then writes the bundle to the typed folder', async () => {
    const { page } = await open();
    const out = `${app!.dir}-export`;
    await page.keyboard.press('Control+Shift+E');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Preset').selectOption('hugo');
    await dialog.getByLabel('Tags').fill('blog');
    await dialog.getByLabel('Output folder').fill(out);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    const report = dialog.getByRole('region', { name: 'Export report' });
    await report.waitFor({ timeout: 20_000 });
    expect(await report.textContent()).toMatch(/Dry run: nothing was written/);
    await expect.poll(() => readdir(out).then(() => 'exists', () => 'absent')).toBe('absent');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toMatch(/The bundle was written/);
    const written = await readdir(out, { recursive: true });
    expect(written.some((f) => String(f).endsWith('.md'))).toBe(true);
  }, TIMEOUT);
});

describe('long lists', () => {
  test('a timeline of thousands of notes keeps only the visible rows in the DOM', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) {
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      files[`bulk/${day} Bulk note ${i}.md`] = `# Bulk note ${i}\n\nFiller about [[Nix]].\n`;
    }
    const { page } = await open({ files });
    const list = page.getByRole('navigation', { name: 'Timeline' }).getByRole('listbox');
    await expect.poll(() => list.getAttribute('aria-label')).toBe('Notes by date');
    const rendered = () => list.getByRole('option').count();
    expect(await rendered()).toBeLessThan(80);
    expect(await list.getByRole('option').first().getAttribute('aria-setsize')).toMatch(/^3\d{3}$/);
    await list.focus();
    await page.keyboard.press('End');
    // The last row (the undated notes come last, by title) is now rendered and active.
    const last = list.locator('[aria-selected="true"]');
    await expect.poll(() => last.getAttribute('aria-posinset')).toBe(await list.getByRole('option').first().getAttribute('aria-setsize'));
    expect(await last.getAttribute('aria-label')).toBe('Start here');
    expect(await rendered()).toBeLessThan(80);
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('Start here');
  }, TIMEOUT);
});

describe('changes from outside', () => {
  test('an external edit reloads a clean note, in the reader and in the editor', async () => {
    const { page, read, write } = await open();
    await openNote(page, 'Home Manager');
    const id = await openId(page);
    const before = await read(id);
    await write(id, `${before}\nA paragraph written by another program.\n`);
    await page.locator('.reader', { hasText: 'A paragraph written by another program.' }).waitFor({ timeout: 15_000 });

    await page.keyboard.press('Control+E');
    await editor(page).waitFor();
    await write(id, `${before}\nA second outside paragraph.\n`);
    await editor(page).filter({ hasText: 'A second outside paragraph.' }).waitFor({ timeout: 15_000 });
    expect(await status(page).textContent()).toBe('Saved');
    expect(await read(id)).toContain('A second outside paragraph.');
  }, TIMEOUT);

  test('a note deleted outside while being edited keeps the unsaved text as a new note', async () => {
    const { page } = await open({ files: { 'Doomed.md': '# Doomed\n\nSoon gone.\n' } });
    await openNote(page, 'Doomed');
    await page.keyboard.press('Control+E');
    await editor(page).waitFor();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('UNSAVED WORDS');
    await rm(app!.path('Doomed.md'));
    const copy = await eventually(() => readdir(app!.dir), (names) => names.some((n) => /^Doomed \(conflict .*\)\.md$/.test(n)), 'a copy of the unsaved text');
    const name = copy.find((n) => n.startsWith('Doomed ('))!;
    expect(await app!.read(name)).toContain('UNSAVED WORDS');
    await expect.poll(() => title(page).textContent()).not.toBe('Doomed');
  }, TIMEOUT);

  for (const choice of ['Keep mine', 'Use disk version'] as const) {
    test(`a conflict keeps both versions (${choice})`, async () => {
      const { page, read, write } = await open();
      await openNote(page, 'Nix');
      const id = await openId(page);
      const original = await read(id);
      await page.keyboard.press('Control+E');
      await editor(page).waitFor();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nMY EDIT IN THE BROWSER');
      await write(id, `${original}\nTHEIR EDIT ON DISK\n`);
      const dialog = page.getByRole('dialog', { name: /^Conflict/ });
      await dialog.waitFor({ timeout: 15_000 });
      expect(await status(page).textContent()).toBe('Conflict');
      await dialog.getByRole('button', { name: choice }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');

      const kept = choice === 'Keep mine' ? 'MY EDIT IN THE BROWSER' : 'THEIR EDIT ON DISK';
      const copied = choice === 'Keep mine' ? 'THEIR EDIT ON DISK' : 'MY EDIT IN THE BROWSER';
      const onDisk = await eventually(() => read(id), (t) => t.includes(kept), 'the chosen version on disk');
      expect(onDisk).not.toContain(copied);
      const names = await readdir(app!.dir);
      const copy = names.find((n) => /^Nix \(conflict .*\)\.md$/.test(n));
      expect(copy, `a conflict copy in ${names.join(', ')}`).toBeTruthy();
      expect(await read(copy!)).toContain(copied);
      await editor(page).filter({ hasText: kept }).waitFor();
    }, TIMEOUT);
  }
});

describe('hostile notes render inert', () => {
  const hostile = [
    '---',
    'title: "<img src=x onerror=alert(\'title\')>"',
    'tags: [xss]',
    '---',
    '<script>alert("script")</script>',
    '',
    '<img src="x" onerror="alert(\'onerror\')">',
    '',
    '[a javascript link](javascript:alert("link"))',
    '',
    '<a href="javascript:alert(\'anchor\')">raw anchor</a>',
    '',
    '<iframe src="javascript:alert(\'iframe\')"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '',
    '<object data="javascript:alert(\'object\')"></object><embed src="javascript:alert(\'embed\')">',
    '',
    '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
    '',
    '<div style="background:url(javascript:alert(\'style\'))" onclick="alert(\'click\')">styled</div>',
    '',
    '<form action="javascript:alert(\'form\')"><button>Go</button></form>',
    '',
    '[[Nix|<img src=x onerror=alert("alias")>]] and a visit to https://example.org',
    '',
    '[external](https://example.org/page)',
    '',
  ].join('\n');

  test('scripts, handlers, javascript: URLs and frames do nothing', async () => {
    const { page, dialogs } = await open({ files: { 'Hostile.md': hostile } });
    await page.goto(new URL(`/#/note/${encodeURIComponent('Hostile.md')}`, app!.url).href);
    const reader = page.locator('.reader');
    await reader.getByText('styled').waitFor();
    await reader.getByText('raw anchor').click();
    await reader.getByText('styled').click();
    await page.waitForTimeout(300);
    const report = await page.evaluate(() => {
      const root = document.querySelector('.reader')!;
      const all = [...document.querySelectorAll('*')];
      return {
        frames: document.querySelectorAll('iframe, frame, object, embed').length,
        scripts: root.querySelectorAll('script').length,
        forms: root.querySelectorAll('form').length,
        jsUrls: all.filter((el) => [...el.attributes].some((a) => /^\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'data', 'xlink:href'].includes(a.name))).length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        styleUrls: [...root.querySelectorAll('[style]')].filter((el) => /url\(/i.test(el.getAttribute('style') ?? '')).length,
        external: [...root.querySelectorAll('a[href^="https:"]')].map((a) => `${a.getAttribute('target')}|${a.getAttribute('rel')}`),
      };
    });
    expect(report).toMatchObject({ frames: 0, scripts: 0, forms: 0, jsUrls: 0, handlers: 0, styleUrls: 0 });
    expect(report.external.length).toBeGreaterThan(0);
    for (const e of report.external) expect(e).toBe('_blank|noopener noreferrer');
    expect(await title(page).textContent()).toBe("<img src=x onerror=alert('title')>");
    expect(dialogs).toEqual([]);
    expect(app!.pageErrors).toEqual([]);
  }, TIMEOUT);

  test('a hostile note in search results stays text', async () => {
    const { page, dialogs } = await open({ files: { 'Hostile.md': hostile } });
    await page.keyboard.press('Control+Shift+F');
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('onerror');
    await page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first().waitFor();
    expect(await page.locator('.search-results img, .search-results script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  }, TIMEOUT);
});

describe('done when', () => {
  test('the keyboard journey: Flakes, to NixOS, its backlinks, a new dated note linking to Flakes, seen in Flakes’ backlinks', async () => {
    const { page, read } = await open();
    // Find the Flakes notes with search.
    await page.keyboard.press('Control+Shift+F');
    await page.keyboard.type('flakes');
    const results = page.getByRole('list', { name: 'Search results' });
    // Results arrive while typing: wait for those of the whole word.
    await expect.poll(async () => (await results.locator('.hit-title').allTextContents()).filter((t) => /flake/i.test(t)).length).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/notes?$/);
    // The concept note Flakes.md (the dated Flakes notes share its title).
    const ids = await results.locator('a.hit').evaluateAll((links) => links.map((a) => a.getAttribute('title')));
    const flakesAt = ids.indexOf('Flakes.md');
    expect(flakesAt).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < flakesAt; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('Flakes');

    // Follow to NixOS: Tab through the reader to the link.
    await page.locator('.reader').focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const a = document.activeElement;
        return a instanceof HTMLAnchorElement && a.closest('.reader') !== null && a.textContent === 'NixOS';
      });
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('NixOS');

    // See who links there.
    await backlinks(page).getByRole('listitem').first().waitFor();
    expect(await backlinks(page).getByRole('listitem').filter({ hasText: 'Flakes' }).count()).toBeGreaterThan(0);

    // Write a new dated note that links to Flakes.
    await page.keyboard.press('Control+O');
    await page.keyboard.type('2025-05-01 Flakes in CI');
    await page.keyboard.press('Shift+Enter');
    await editor(page).waitFor();
    await expect.poll(() => title(page).textContent()).toBe('Flakes in CI');
    const id = await openId(page);
    await page.keyboard.type('Running [[Flakes');
    await page.keyboard.press('Escape');
    await page.keyboard.type(']] checks in CI.');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Saved');
    const text = await eventually(() => read(id), (t) => t.includes('[[Flakes]]'), 'the new note on disk');
    expect(text).toContain('Running [[Flakes]] checks in CI.');

    // And see it in Flakes' backlinks.
    await page.keyboard.press('Control+O');
    await page.keyboard.type('Flakes');
    const first = page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('option').first();
    await expect.poll(() => first.textContent()).toMatch(/^Flakes/);
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page).textContent()).toBe('Flakes');
    await backlinks(page).getByRole('listitem').filter({ hasText: 'Flakes in CI' }).waitFor({ timeout: 15_000 });
  }, TIMEOUT);
});
