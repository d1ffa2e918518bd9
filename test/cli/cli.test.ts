import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempNotebook } from './run-cli';

const files = {
  'Nix.md': '---\naliases: [Nix package manager]\ntags: [nix]\n---\n# Nix\n\nThe store lives in /nix/store.\n',
  'NixOS.md': '# NixOS\n\nBuilt on [[Nix]]. See [[Flakes]].\n',
  '2025/02JAN25 - NixOS.md': 'Installed [[NixOS]] today. #til\n\nThe flake.lock pins nixpkgs.\n',
  '2025/2025-01-15 NixOS.md': '---\ntags: nixos\n---\nRolled back a generation of [[nixos|the OS]].\n',
  '2025/2025-01-09 Flakes.md': 'Flakes pin inputs in flake.lock; NixOS uses them.\n\n```nix\n[[not a link]]\n```\n[[Missing Note]]\n',
  'broken.md': '---\ntitle: [unclosed\n---\nBody survives.\n',
};

let dir: string;
beforeAll(async () => {
  dir = await tempNotebook(files);
});

async function json<T>(args: string[]): Promise<T> {
  const result = await runCli([...args, '--dir', dir, '--json']);
  expect(result.stderr.split('\n').filter((l) => l && !l.startsWith('warning:'))).toEqual([]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe('notebook CLI', () => {
  it('list gives id, title, date and tags, oldest first and undated last', async () => {
    const notes = await json<Array<{ id: string; title: string; date: string | null; tags: string[] }>>(['list']);
    expect(notes.map((n) => n.id).slice(0, 3)).toEqual([
      '2025/02JAN25 - NixOS.md',
      '2025/2025-01-09 Flakes.md',
      '2025/2025-01-15 NixOS.md',
    ]);
    expect(notes.slice(3).map((n) => n.id).sort()).toEqual(['Nix.md', 'NixOS.md', 'broken.md']);
    const nixosEntry = notes.find((n) => n.id === '2025/02JAN25 - NixOS.md')!;
    expect(nixosEntry).toMatchObject({ title: 'NixOS', date: '2025-01-02', tags: ['til'] });
    expect(notes.slice(3).every((n) => n.date === null)).toBe(true);
  });

  it('backlinks of a concept list every note that links to any of its notes, with context', async () => {
    const rows = await json<Array<{ source: string; line: number; context: string }>>(['backlinks', 'NixOS']);
    expect(rows.map((r) => r.source).sort()).toEqual(['2025/02JAN25 - NixOS.md', '2025/2025-01-15 NixOS.md']);
    expect(rows.find((r) => r.source === '2025/2025-01-15 NixOS.md')).toMatchObject({
      line: 4,
      context: 'Rolled back a generation of [[nixos|the OS]].',
    });
  });

  it('search finds flake.lock whole and by its parts, with a snippet', async () => {
    for (const query of ['flake.lock', 'lock']) {
      const hits = await json<Array<{ id: string; snippet: string }>>(['search', query]);
      expect(hits.map((h) => h.id).sort(), query).toEqual(['2025/02JAN25 - NixOS.md', '2025/2025-01-09 Flakes.md']);
      expect(hits[0].snippet).toMatch(/flake\.lock/);
    }
  });

  it('a link inside a code block is not a link; an unresolved link is listed', async () => {
    const unresolved = await json<Array<{ name: string; sources: string[] }>>(['unresolved']);
    expect(unresolved.map((u) => u.name)).toEqual(['Missing Note']);
  });

  it('mentions lists plain-text occurrences of a note name', async () => {
    const rows = await json<Array<{ source: string; context: string }>>(['mentions', 'NixOS.md']);
    expect(rows.map((r) => r.source)).toContain('2025/2025-01-09 Flakes.md');
  });

  it('a malformed front matter gives a warning naming the line and nothing crashes', async () => {
    const result = await runCli(['show', 'broken', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: broken\.md:\d+: /);
    expect(result.stdout).toContain('broken');
  });

  it('show, concepts, tags and stats answer', async () => {
    const note = await json<{ id: string; backlinks: unknown[]; outgoing: unknown[] }>(['show', 'Nix package manager']);
    expect(note.id).toBe('Nix.md');
    expect(note.backlinks).toHaveLength(1);
    const concepts = await json<Array<{ name: string; notes: string[] }>>(['concepts']);
    expect(concepts.find((c) => c.name === 'NixOS')?.notes).toEqual([
      '2025/02JAN25 - NixOS.md',
      '2025/2025-01-15 NixOS.md',
      'NixOS.md',
    ]);
    const tags = await json<Array<{ tag: string; count: number }>>(['tags']);
    expect(tags.map((t) => t.tag).sort()).toEqual(['nix', 'nixos', 'til']);
    const stats = await json<{ notes: number; links: { resolved: number; unresolved: number }; warnings: number }>(['stats']);
    expect(stats.notes).toBe(6);
    expect(stats.links.unresolved).toBe(1);
    expect(stats.warnings).toBeGreaterThanOrEqual(1);
  });

  it('errors exit 1 with a message that says what was wrong', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['show', 'No Such Note', '--dir', dir], /No note is called "No Such Note"/],
      [['frobnicate', '--dir', dir], /Unknown command "frobnicate"/],
      [['list', '--dir', join(dir, 'missing')], /missing/],
      [['search', 'after:soon', '--dir', dir], /after:/],
      [['search', 'x', '--limit', 'lots', '--dir', dir], /--limit/],
      [['list', '--bogus', '--dir', dir], /Unknown option --bogus/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('reads $NOTEBOOK_DIR when --dir is absent, and never writes to the notes', async () => {
    const result = await runCli(['list', '--json'], { NOTEBOOK_DIR: dir });
    expect(JSON.parse(result.stdout)).toHaveLength(6);
    expect(await readFile(join(dir, 'broken.md'), 'utf8')).toBe(files['broken.md']);
  });

  it('defaults to the sample notebook: backlinks NixOS and search flake.lock answer', async () => {
    const back = await runCli(['backlinks', 'NixOS', '--json'], { NOTEBOOK_DIR: '' });
    expect(back.code).toBe(0);
    const rows = JSON.parse(back.stdout) as Array<{ source: string; context: string }>;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.context.length > 0)).toBe(true);
    const search = await runCli(['search', 'flake.lock', '--json', '--dir', join(repoRoot, 'notes')]);
    expect(JSON.parse(search.stdout).length).toBeGreaterThan(1);
  });
});
