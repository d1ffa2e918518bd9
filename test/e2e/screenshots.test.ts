// Screenshots of each main screen, light and dark, under
// test-results/screenshots/ (not committed) for a person to look at. Each
// screen is also checked for what makes it that screen, by role.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startApp } from './harness';

const TIMEOUT = 120_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
});

describe('screens', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`every main screen in ${scheme}`, async () => {
      const app = await startApp(browser, { colorScheme: scheme });
      const { page } = app;
      try {
        const shot = (name: string) => app.screenshot(`${name}-${scheme}`);
        const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
        const settle = () => page.waitForTimeout(400);

        await settle();
        await shot('home');

        await page.keyboard.press('Control+O');
        await page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('combobox').fill('nixos');
        await page.getByRole('dialog', { name: 'Quick switcher' }).getByRole('option').first().waitFor();
        await settle();
        await shot('quick-switcher');
        await page.keyboard.press('Escape');

        await page.goto(new URL(`/#/note/${encodeURIComponent('Flakes.md')}`, app.url).href);
        await expect.poll(h1).toBe('Flakes');
        await page.getByRole('region', { name: /^Backlinks/ }).getByRole('listitem').first().waitFor();
        await page.waitForTimeout(1500); // the local graph settles
        await shot('note-reader');

        await page.keyboard.press('Control+E');
        await page.getByRole('textbox', { name: 'Note editor' }).waitFor();
        await settle();
        await shot('note-editor');
        await page.keyboard.press('Control+E');

        await page.keyboard.press('Control+Shift+F');
        await page.getByRole('searchbox', { name: 'Search notes' }).fill('flake.lock');
        await page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first().waitFor();
        await settle();
        await shot('search');

        await page.goto(new URL('/#/concept/nixos', app.url).href);
        await expect.poll(h1).toBe('NixOS');
        await page.locator('.concept-entry-body .md-h1, .concept-entry-body p').first().waitFor();
        await page.waitForTimeout(1200);
        await shot('concept');

        await page.keyboard.press('Control+Shift+G');
        await expect.poll(h1).toBe('Graph');
        await page.waitForTimeout(2500);
        await shot('graph');

        await page.keyboard.press('Control+Shift+E');
        await page.getByRole('dialog', { name: 'Export' }).waitFor();
        await page.getByRole('dialog', { name: 'Export' }).getByLabel('Output folder').fill('/tmp/notebook-export-preview');
        await page.getByRole('button', { name: 'Dry run' }).click();
        await page.getByRole('region', { name: 'Export report' }).waitFor({ timeout: 20_000 });
        await shot('export');
        await page.keyboard.press('Escape');

        const original = await app.read('Nix.md');
        await page.goto(new URL(`/#/note/${encodeURIComponent('Nix.md')}`, app.url).href);
        await expect.poll(h1).toBe('Nix');
        await page.keyboard.press('Control+E');
        await page.getByRole('textbox', { name: 'Note editor' }).waitFor();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nA sentence typed in the browser.');
        await app.write('Nix.md', `${original}\nA sentence written by another program.\n`);
        await page.getByRole('dialog', { name: /^Conflict/ }).waitFor({ timeout: 15_000 });
        await settle();
        await shot('conflict');
        await page.getByRole('dialog', { name: /^Conflict/ }).getByRole('button', { name: 'Keep mine' }).click();
        expect(app.dialogs).toEqual([]);
      } finally {
        await app.close();
      }
    }, TIMEOUT);
  }
});
