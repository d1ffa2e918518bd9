// A note that may never be exported (private, draft, publish: false) leaves no
// byte in any bundle: not its title, slug, file name, body, front matter or
// images, whatever links, embeds, queries, tags or depth point at it.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { exportNotebook } from '../../electron/node/export/export-notebook';
import type { Preset } from '../../electron/core/export/types';
import { useExportTemp } from './export-temp';

const tempDir = useExportTemp('export-privacy');

const PRIVATE_PNG = Buffer.from('\x89PNG\r\n\x1a\nPRIVATE-IMAGE-BYTES-7f3a9c', 'latin1');
const PUBLIC_PNG = Buffer.from('\x89PNG\r\n\x1a\npublic-image-bytes', 'latin1');

const SECRETS = [
  'Salary Negotiation Plans',
  'salary-negotiation-plans',
  'salary-plan',
  'tulip-sandwich-42',
  'Mum wants the family videos',
  'secret_front_matter_value',
  'PRIVATE-IMAGE-BYTES-7f3a9c',
  'private-only',
  'Draft Musings',
  'draft-musings-body',
  'Unpublished Thoughts',
  'unpublished-body-text',
  'Family Tag Note',
  'family-tag-body',
];

const NOTEBOOK: Record<string, string | Buffer> = {
  'private/salary-plan.md': `---
title: Salary Negotiation Plans
private: true
tags: [blog, money]
note_field: secret_front_matter_value
---
# Numbers

The password is tulip-sandwich-42. Mum wants the family videos on the TV.

![[private-only.png]]

See [[Public post]] for what goes on the blog. ^secretblock
`,
  'drafts/musings.md': '---\ntitle: Draft Musings\ndraft: true\ntags: [blog]\n---\ndraft-musings-body [[Public post]]\n',
  'unpublished.md': '---\ntitle: Unpublished Thoughts\npublish: false\ntags: [blog]\n---\nunpublished-body-text\n',
  'family.md': '---\ntitle: Family Tag Note\ntags: [blog, private/family]\n---\nfamily-tag-body\n',
  'Public post.md': `---
title: Public post
date: 2025-02-01
tags: [blog]
publish: true
---
Hello readers. Plans: [[salary-plan|my plans]], [[salary-plan#Numbers|the numbers]],
[see here](private/salary-plan.md), [[Draft Musings|draft]], [[unpublished|later]], [[Family Tag Note|family]].

![[salary-plan]]

![[salary-plan#Numbers]]

![[salary-plan#^secretblock]]

![[Helper]]

![[public.png]]
`,
  'Helper.md': 'Helper text (not tagged, inlined). Nested: ![[salary-plan]] ![[musings]] [[unpublished|u]]\n',
  'attachments/private-only.png': PRIVATE_PNG,
  'attachments/public.png': PUBLIC_PNG,
};

async function writeNotebook(): Promise<string> {
  const root = await tempDir('nb-');
  for (const [path, content] of Object.entries(NOTEBOOK)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

async function allFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path.slice(dir.length + 1), await readFile(path));
  }
  return out;
}

function leaks(files: Map<string, Buffer | Uint8Array>): string[] {
  const found: string[] = [];
  for (const [path, bytes] of files) {
    const text = Buffer.from(bytes).toString('latin1');
    const utf8 = Buffer.from(bytes).toString('utf8').toLowerCase();
    for (const secret of SECRETS) {
      if (text.includes(secret) || utf8.includes(secret.toLowerCase()) || path.toLowerCase().includes(secret.toLowerCase())) {
        found.push(`${path}: ${secret}`);
      }
    }
  }
  return found;
}

const SELECTIONS = [
  { name: 'by tag, 3 links deep', tags: ['blog'], depth: 3 },
  { name: 'by name', notes: ['Public post', 'salary-plan', 'Draft Musings', 'unpublished', 'family'], depth: 2 },
  { name: 'by query', query: 'tulip OR readers OR musings OR unpublished', depth: 1 },
  { name: 'by date and publish: true', since: '2000-01-01', publish: true },
];

describe('a private note never appears in any exported byte', () => {
  for (const preset of ['hugo', 'jekyll', 'astro', 'plain'] as Preset[]) {
    for (const { name, ...selection } of SELECTIONS) {
      it(`${preset}, ${name}: folder and zip`, async () => {
        const root = await writeNotebook();
        const out = await tempDir('out-');
        const result = await exportNotebook(root, { preset, out: join(out, 'bundle'), ...selection });
        expect(result.notes.map((n) => n.id)).toContain('Public post.md');
        expect(result.notes.map((n) => n.id)).not.toEqual(expect.arrayContaining(['private/salary-plan.md']));
        const files = await allFiles(join(out, 'bundle'));
        expect(files.size).toBeGreaterThan(1);
        expect(leaks(files)).toEqual([]);
        // The public image is there, the private one is not.
        expect([...files.values()].some((b) => b.equals(PUBLIC_PNG))).toBe(true);
        expect([...files.values()].some((b) => b.equals(PRIVATE_PNG))).toBe(false);

        await exportNotebook(root, { preset, out: join(out, 'bundle.zip'), zip: true, ...selection });
        const zip = await readFile(join(out, 'bundle.zip'));
        expect(leaks(new Map([['bundle.zip', zip]]))).toEqual([]);
        expect(leaks(new Map(Object.entries(unzipSync(zip))))).toEqual([]);
      });
    }
  }

  it('the text an author wrote in a public note stays: an unaliased link keeps its written name', async () => {
    const root = await writeNotebook();
    await writeFile(join(root, 'Other post.md'), '---\ntags: [blog]\n---\nI wrote [[salary-plan]] here.\n');
    const out = await tempDir('out-');
    const result = await exportNotebook(root, { preset: 'plain', out, notes: ['Other post'] });
    expect(await readFile(join(out, 'other-post.md'), 'utf8')).toContain('I wrote salary-plan here.');
    // ... but nothing of the note itself: no title, no link target, no content.
    expect(result.linksDropped).toEqual([{ source: 'Other post.md', raw: '[[salary-plan]]', reason: 'never-exported' }]);
    const files = await allFiles(out);
    expect(leaks(new Map([...files].map(([p, b]) => [p, Buffer.from(b.toString('utf8').replaceAll('I wrote salary-plan here.', ''))])))).toEqual([]);
  });

  it('re-exporting after a note turns private removes its page from the bundle', async () => {
    const root = await writeNotebook();
    await writeFile(join(root, 'Soon private.md'), '---\ntitle: Soon Private\ntags: [blog]\n---\nsoon-private-body\n');
    const out = await tempDir('out-');
    await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    expect((await allFiles(out)).has('soon-private/index.md')).toBe(true);
    await writeFile(join(root, 'Soon private.md'), '---\ntitle: Soon Private\ntags: [blog]\nprivate: true\n---\nsoon-private-body\n');
    const second = await exportNotebook(root, { preset: 'hugo', out, tags: ['blog'] });
    expect(second.files?.removed).toEqual(['soon-private/index.md']);
    const files = await allFiles(out);
    expect([...files.keys()].some((p) => p.startsWith('soon-private'))).toBe(false);
    expect([...files.values()].some((b) => b.toString('utf8').includes('soon-private-body') || b.toString('utf8').includes('Soon Private'))).toBe(false);
  });
});
