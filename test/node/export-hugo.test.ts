// The issue's "done when": `notebook export --tag blog --preset hugo --out
// site/content/posts` on the sample notebook gives a bundle that the real Hugo
// builds with no broken link, and running it twice gives identical bytes.
// Hugo must be installed (Debian package `hugo`); without it this test fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HeadingIdSequence } from '../../electron/core/export/heading-id';
import { exportCommand } from '../../electron/node/cli/export-command';
import { LOCK_FILE } from '../../electron/node/export/bundle-writer';
import { useExportTemp } from '../unit/export-temp';

const tempDir = useExportTemp('export-hugo');

const SAMPLE = fileURLToPath(new URL('../../notes', import.meta.url));
const BASE = 'http://example.org/';

function hugoBinary(): string {
  for (const candidate of [process.env.HUGO, '/usr/bin/hugo', 'hugo']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['version'], { stdio: 'pipe' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'The hugo binary is missing: this test builds the exported bundle with the real Hugo. ' +
      'Install it (Debian/Ubuntu: apt-get install hugo) or set HUGO=/path/to/hugo.',
  );
}

// A theme-less site: just enough templates for every page to render its content and links.
const SITE_FILES: Record<string, string> = {
  'hugo.toml': `baseURL = "${BASE}"\ntitle = "Export test"\nlanguageCode = "en"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n`,
  'layouts/_default/baseof.html':
    '<!doctype html>\n<html><head><title>{{ .Title }}</title></head>\n<body><nav><a href="{{ "/" | relURL }}">Home</a></nav>\n<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
  'layouts/_default/single.html':
    '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n<p class="tags">{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>\n{{ .Content }}</article>{{ end }}\n',
  'layouts/_default/list.html':
    '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}\n',
};

// Headings whose ids the real Hugo makes are compared with HeadingIdSequence('hugo').
const ID_CHECK_HEADINGS = [
  'Rolling back',
  'Héllo *World* `code` & Co.!',
  'What’s new in 2.0?',
  'snake_case and-dash',
  '100% sure (really)',
  'C++ / Rust',
  '1 ½ cups',
  'Cafe\u0301 (NFD)',
  '日本語 ノート',
  '?!',
  'Notes',
  'Notes',
  'Notes-1',
  'Notes',
  'A [link](../posts/) and **bold**',
];

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1).split('\\').join('/'), await readFile(path));
  }
  return out;
}

function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
}

/** The href/src values and the ids of an HTML page (Hugo's output: quoted attributes). */
function scanHtml(html: string): { urls: string[]; ids: Set<string> } {
  const urls: string[] = [];
  const ids = new Set<string>();
  for (const tag of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const attr of tag[0].matchAll(/\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const value = decodeHtml(attr[2] ?? attr[3] ?? '');
      if (attr[1] === 'id') ids.add(value);
      else urls.push(value);
    }
  }
  return { urls, ids };
}

describe('the hugo bundle of the sample notebook builds with the real Hugo', () => {
  let site = '';
  let bundle = new Map<string, Buffer>();
  let publicFiles = new Map<string, Buffer>();
  let exportReport: { notes: Array<{ id: string; slug: string }>; linksRewritten: number } = { notes: [], linksRewritten: 0 };

  beforeAll(async () => {
    const hugo = hugoBinary();
    site = await tempDir('site-');
    for (const [path, text] of Object.entries(SITE_FILES)) {
      await mkdir(dirname(join(site, path)), { recursive: true });
      await writeFile(join(site, path), text);
    }
    const out = join(site, 'content', 'posts');
    const run = async (json: boolean) => {
      const io = { root: SAMPLE, json, stdout: (s: string) => void (io.text += s), stderr: (s: string) => void (io.err += s), text: '', err: '' };
      const code = await exportCommand(['--tag', 'blog', '--preset', 'hugo', '--out', out], io);
      expect(io.err).toBe('');
      expect(code).toBe(0);
      return io.text;
    };
    await run(false);
    const first = await files(out);
    exportReport = JSON.parse(await run(true));
    bundle = await files(out);
    // Twice: identical bytes.
    expect([...bundle.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of bundle) expect(bytes.equals(first.get(path)!), path).toBe(true);

    // A page of headings, to compare Hugo's ids with ours.
    await mkdir(join(site, 'content', 'idcheck'), { recursive: true });
    await writeFile(
      join(site, 'content', 'idcheck', 'index.md'),
      `---\ntitle: Ids\n---\n${ID_CHECK_HEADINGS.map((h) => `## ${h}\n\ntext\n`).join('\n')}`,
    );
    execFileSync(hugo, ['--source', site, '--destination', join(site, 'public')], { stdio: 'pipe' });
    publicFiles = await files(join(site, 'public'));
  });

  it('exports the blog notes and builds a page for each', () => {
    expect(exportReport.notes.length).toBeGreaterThanOrEqual(2);
    expect(exportReport.linksRewritten).toBeGreaterThan(0);
    for (const note of exportReport.notes) {
      expect(bundle.has(`${note.slug}/index.md`), note.slug).toBe(true);
      expect(publicFiles.has(`posts/${note.slug}/index.html`), note.slug).toBe(true);
    }
  });

  it('every internal href and src reaches a generated file, and every #fragment an id on it', () => {
    const htmlPages = [...publicFiles.keys()].filter((p) => p.endsWith('.html'));
    const idsOf = new Map(htmlPages.map((p) => [p, scanHtml(publicFiles.get(p)!.toString('utf8')).ids]));
    const broken: string[] = [];
    let checked = 0;
    let fragments = 0;
    for (const page of htmlPages) {
      const pageUrl = new URL(page, BASE);
      for (const raw of scanHtml(publicFiles.get(page)!.toString('utf8')).urls) {
        const url = new URL(raw, pageUrl);
        if (url.origin !== new URL(BASE).origin) continue;
        checked++;
        let path = decodeURIComponent(url.pathname).replace(/^\//, '');
        if (path === '' || path.endsWith('/')) path += 'index.html';
        else if (!publicFiles.has(path) && publicFiles.has(`${path}/index.html`)) path += '/index.html';
        if (!publicFiles.has(path)) {
          broken.push(`${page}: ${raw} -> ${path} (no such file)`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment !== '') {
          fragments++;
          if (!idsOf.get(path)?.has(fragment)) broken.push(`${page}: ${raw} -> #${fragment} (no such id in ${path})`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    expect(fragments).toBeGreaterThan(0);
  });

  it('links between exported notes and copied images are in the built pages', () => {
    const jellyfin = exportReport.notes.find((n) => n.id.includes('Jellyfin'));
    const generations = exportReport.notes.find((n) => n.id.includes('Generations'));
    expect(jellyfin && generations).toBeTruthy();
    const html = publicFiles.get(`posts/${jellyfin!.slug}/index.html`)!.toString('utf8');
    expect(html).toContain(`href="../${generations!.slug}/#rolling-back"`);
    const image = publicFiles.get(`posts/${generations!.slug}/nixos-generations.png`);
    expect(image).toBeDefined();
    return readFile(join(SAMPLE, 'attachments', 'nixos-generations.png')).then((original) => expect(image!.equals(original)).toBe(true));
  });

  it('Hugo makes the heading ids HeadingIdSequence("hugo") predicts', () => {
    const html = publicFiles.get('idcheck/index.html')!.toString('utf8');
    const hugoIds = [...html.matchAll(/<h2 id="([^"]*)"/g)].map((m) => decodeHtml(m[1]));
    const sequence = new HeadingIdSequence('hugo');
    // Hugo (goldmark) reads the heading's source text: a link's URL counts too.
    expect(hugoIds).toEqual(ID_CHECK_HEADINGS.map((h) => sequence.next(h)));
    expect(hugoIds.at(-1)).toBe('a-linkposts-and-bold');
  });

  it('publishes neither the lock file nor anything of the private note', async () => {
    // Phrases of the sample's private note (private: true, #private): each is really in it, so the check below can fail.
    const privateNote = await readFile(join(SAMPLE, '2025', '2025-02-14 Home server plan.md'), 'utf8');
    const phrases = ['tulip-sandwich-42', 'hallway cupboard', 'Home server plan', 'DDNS updater', 'stay under 250'];
    for (const phrase of phrases) expect(privateNote, phrase).toContain(phrase);
    expect(bundle.has(LOCK_FILE)).toBe(true);
    expect([...publicFiles.keys()].some((p) => posix.basename(p) === LOCK_FILE)).toBe(false);
    expect(existsSync(join(site, 'public', 'posts', LOCK_FILE))).toBe(false);
    for (const [path, bytes] of [...bundle, ...publicFiles]) {
      const text = bytes.toString('utf8');
      for (const phrase of phrases) expect(text.includes(phrase), `${path}: ${phrase}`).toBe(false);
    }
  });
});
