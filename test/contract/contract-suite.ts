// The one contract suite of the notebook API. It runs three ways: against the
// service directly, through the web host over real HTTP, and through the IPC
// wiring (service.contract, web-host.contract, ipc.contract). Each test gets
// a fresh temp copy of test/fixtures/contract-notebook with a symlink
// (`outside-link`) pointing at a folder outside the notebook.

import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type NotebookApi, type NotebookEvent } from '../../electron/core/api';
import type { ServiceOptions } from '../../electron/node/service-types';

export type ContractClient = NotebookApi & {
  onEvent?: (listener: (event: NotebookEvent) => void) => () => void;
  /** For transports whose subscriptions connect asynchronously (SSE): resolves once they are live. */
  eventsReady?: () => Promise<void>;
};

export interface ContractSetup {
  client: ContractClient;
  root: string;
  close(): Promise<void>;
}

const FIXTURE = fileURLToPath(new URL('../fixtures/contract-notebook', import.meta.url));

/** The fixed "today" of every contract run: 14 March 2025, local time. */
export const CONTRACT_TODAY = new Date(2025, 2, 14, 10, 30);

/** The content of the one file outside the notebook: it must never be served or changed. */
export const OUTSIDE_SECRET = 'SECRET-OUTSIDE-THE-NOTEBOOK';

export const IDS = {
  nix: 'Nix.md',
  nixosFirst: '2025/02JAN25 - NixOS.md',
  nixosSecond: '2025/15JAN25 - NixOS.md',
  flakes: '2025/2025-01-09 Flakes.md',
  homeManager: '2025-02-01 Home Manager.md',
  readingList: 'Reading list.md',
  unrelated: 'Unrelated.md',
} as const;

export interface PreparedNotebook {
  root: string;
  /** A folder outside the notebook that `root/outside-link` points at. */
  outside: string;
  /** Service options for this copy: history and cache outside the notebook, a fixed today, watching on. */
  serviceOptions: ServiceOptions;
  cleanup(): Promise<void>;
}

/** A temp copy of the fixture notebook plus an outside folder reachable through a symlink. */
export async function prepareContractNotebook(): Promise<PreparedNotebook> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'nb-contract-')));
  const root = join(base, 'notebook');
  const outside = join(base, 'outside');
  await cp(FIXTURE, root, { recursive: true });
  await mkdir(outside);
  await writeFile(join(outside, 'secret.md'), `${OUTSIDE_SECRET}\n`);
  await symlink(outside, join(root, 'outside-link'), 'dir');
  return {
    root,
    outside,
    serviceOptions: {
      root,
      dataDir: join(base, 'data'),
      cacheDir: join(base, 'cache'),
      now: () => new Date(CONTRACT_TODAY),
      watch: true,
    },
    // Retries: a background index-cache write may still be finishing (reported to the service's owner).
    cleanup: () => rm(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }),
  };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir` (symlinks not followed) with a hash of its bytes. */
async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out[relative(dir, path)] = sha256(await readFile(path));
      else if (entry.isSymbolicLink()) out[relative(dir, path)] = 'symlink';
    }
  };
  await walk(dir);
  return out;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** The ApiError code of a rejected call (fails the test if it resolves). */
async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    const value = await call;
    throw new Error(`expected the call to fail, it returned ${JSON.stringify(value)?.slice(0, 200)}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.code;
  }
}

function waitForEvent(
  client: ContractClient,
  match: (event: NotebookEvent) => boolean,
  what: string,
  timeoutMs = 10_000,
): { promise: Promise<NotebookEvent>; cancel(): void } {
  let off = () => {};
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<NotebookEvent>((resolve, reject) => {
    off = client.onEvent!((event) => {
      if (match(event)) {
        clearTimeout(timer);
        off();
        resolve(event);
      }
    });
    timer = setTimeout(() => {
      off();
      reject(new Error(`no ${what} event arrived`));
    }, timeoutMs);
  });
  return { promise, cancel: () => (clearTimeout(timer), off()) };
}

// A 1x1 transparent PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function runContractSuite(name: string, makeClient: () => Promise<ContractSetup>): void {
  describe(`notebook API contract: ${name}`, () => {
    let setup: ContractSetup;
    let api: ContractClient;
    let root: string;
    const file = (id: string) => join(root, id);
    const read = (id: string) => readFile(file(id), 'utf8');

    beforeEach(async () => {
      setup = await makeClient();
      api = setup.client;
      root = setup.root;
    });
    afterEach(async () => {
      await setup.close();
    });

    it('info describes the notebook', async () => {
      const info = await api.info({});
      expect(await realpath(info.root)).toBe(await realpath(root));
      expect(info.noteCount).toBe(7);
      expect(info.attachmentsFolder).toBe('attachments');
      // Two ISO-dated and two 02JAN25-dated names: a tie goes to ISO.
      expect(info.dateStyle).toBe('iso');
      // The index builds in the background, so it may or may not be ready yet; it does get ready.
      expect(typeof info.indexReady).toBe('boolean');
      await expect.poll(async () => (await api.info({})).indexReady, { timeout: 10_000 }).toBe(true);
    });

    it('timeline lists the notes with their dates and titles', async () => {
      const items = await api.timeline({});
      const byId = new Map(items.map((item) => [item.id, item]));
      expect(byId.get(IDS.nixosFirst)).toMatchObject({ title: 'NixOS', date: '2025-01-02' });
      expect(byId.get(IDS.nixosSecond)).toMatchObject({ title: 'NixOS', date: '2025-01-15', tags: ['nixos', 'server'] });
      expect(byId.get(IDS.flakes)).toMatchObject({ title: 'Flakes', date: '2025-01-09', aliases: ['flake'] });
      expect(byId.get(IDS.homeManager)).toMatchObject({ title: 'Home Manager', date: '2025-02-01' });
      for (const item of items) if (item.id === IDS.nix || item.id === IDS.readingList) expect(item.date).toBeNull();
      expect(items.some((item) => item.id.startsWith('outside-link/'))).toBe(false);
    });

    it('getNote returns source, version, outgoing links and backlinks with context', async () => {
      const page = await api.getNote({ id: IDS.nix });
      const bytes = await readFile(file(IDS.nix));
      expect(page.source).toBe(bytes.toString('utf8'));
      expect(page.version.hash).toBe(sha256(bytes));
      expect(page.version.size).toBe(bytes.byteLength);
      expect(page.note).toMatchObject({ id: IDS.nix, title: 'Nix', aliases: ['Nix package manager'], tags: ['nix'] });
      expect(page.readOnly).toBe(false);
      expect(page.outgoing.map((l) => ({ raw: l.raw, resolution: l.resolution }))).toEqual([
        { raw: '[[NixOS]]', resolution: { kind: 'concept', key: 'nixos' } },
      ]);
      const backlinks = page.backlinks.map((b) => ({ source: b.source, line: b.line, context: b.context, title: b.title }));
      expect(backlinks).toEqual(
        expect.arrayContaining([
          { source: IDS.nixosFirst, line: 3, context: 'Installed NixOS on the laptop today. It is built on [[Nix]].', title: 'NixOS' },
          { source: IDS.nixosSecond, line: 5, context: 'Rolled back a generation with [[Nix|the Nix CLI]].', title: 'NixOS' },
          { source: IDS.flakes, line: 6, context: 'See [[Nix#Packages]] for the basics.', title: 'Flakes' },
          { source: IDS.homeManager, line: 1, context: 'Home Manager manages dotfiles with [[Nix]].', title: 'Home Manager' },
        ]),
      );
      expect(page.backlinks).toHaveLength(4);
      // Mentions scan every note, so they are their own call, not part of the page.
      expect(page).not.toHaveProperty('mentions');
    });

    it('getNote of a missing note is not-found', async () => {
      expect(await codeOf(api.getNote({ id: 'No such note.md' }))).toBe('not-found');
    });

    it('mentions lists plain-text occurrences of the note\'s names in other notes, with titles', async () => {
      expect(await api.mentions({ id: IDS.flakes })).toEqual([
        expect.objectContaining({ source: IDS.readingList, title: 'Reading list', text: 'Flakes', line: 3, context: '- The Flakes chapter of the manual.' }),
      ]);
      expect(await api.mentions({ id: IDS.unrelated })).toEqual([]);
    });

    it('mentions of a missing note is not-found', async () => {
      expect(await codeOf(api.mentions({ id: 'No such note.md' }))).toBe('not-found');
    });

    it('findNote finds by id, title, alias and case, and null for nothing', async () => {
      expect(await api.findNote({ name: IDS.readingList })).toBe(IDS.readingList);
      expect(await api.findNote({ name: 'Home Manager' })).toBe(IDS.homeManager);
      expect(await api.findNote({ name: 'flake' })).toBe(IDS.flakes);
      expect(await api.findNote({ name: 'nix package manager' })).toBe(IDS.nix);
      expect(await api.findNote({ name: 'Nothing is called this' })).toBeNull();
    });

    it('getConcept gathers dated notes oldest first with the backlinks of them all', async () => {
      const concept = await api.getConcept({ key: 'nixos' });
      expect(concept.unresolved).toBe(false);
      expect(concept.name).toBe('NixOS');
      expect(concept.notes.map((n) => n.id)).toEqual([IDS.nixosFirst, IDS.nixosSecond]);
      const sources = new Set(concept.backlinks.map((b) => b.source));
      expect(sources).toEqual(new Set([IDS.nix, IDS.nixosSecond, IDS.readingList]));

      const missing = await api.getConcept({ key: 'missing concept' });
      expect(missing).toMatchObject({ unresolved: true, notes: [] });
      expect(missing.backlinks.map((b) => b.source)).toEqual([IDS.readingList]);
    });

    it('search ranks the note holding a word and marks it in the snippet', async () => {
      const result = await api.search({ query: 'jellyfin' });
      expect(result.error).toBeUndefined();
      expect(result.hits.map((h) => h.id)).toEqual([IDS.nixosSecond]);
      expect(result.total).toBe(1);
      const [hit] = result.hits;
      expect(hit.marks.length).toBeGreaterThan(0);
      const [start, end] = hit.marks[0];
      expect(hit.snippet.slice(start, end).toLowerCase()).toBe('jellyfin');

      const limited = await api.search({ query: 'nix', limit: 1 });
      expect(limited.hits).toHaveLength(1);
    });

    it('quickSwitch suggests notes by title prefix and alias', async () => {
      const byTitle = await api.quickSwitch({ query: 'home man' });
      expect(byTitle.some((s) => s.kind === 'note' && s.target === IDS.homeManager)).toBe(true);
      const byAlias = await api.quickSwitch({ query: 'flake' });
      expect(byAlias.some((s) => s.kind === 'note' && s.target === IDS.flakes)).toBe(true);
      // More than two notes match "n" (Nix, both NixOS notes, Unrelated, ...): the limit cuts them to two.
      expect((await api.quickSwitch({ query: 'n' })).length).toBeGreaterThan(2);
      const limited = await api.quickSwitch({ query: 'n', limit: 2 });
      expect(limited).toHaveLength(2);
    });

    it("createNote today makes today's dated note once", async () => {
      const first = await api.createNote({ kind: 'today' });
      expect(first.created).toBe(true);
      expect(await exists(file(first.id))).toBe(true);
      expect((await api.getNote({ id: first.id })).note.date).toBe('2025-03-14');
      const again = await api.createNote({ kind: 'today' });
      expect(again).toEqual({ id: first.id, created: false });
    });

    it('createNote named writes a new note, with content, and opens an existing one', async () => {
      const made = await api.createNote({ kind: 'named', name: 'Garbage collection', content: 'Run [[Nix]] gc.\n' });
      expect(made.created).toBe(true);
      expect(made.id.endsWith('Garbage collection.md')).toBe(true);
      expect(await read(made.id)).toBe('Run [[Nix]] gc.\n');
      expect((await api.getNote({ id: IDS.nix })).backlinks.map((b) => b.source)).toContain(made.id);

      const inFolder = await api.createNote({ kind: 'named', name: 'Generations', folder: 'topics' });
      expect(inFolder).toEqual({ id: 'topics/Generations.md', created: true });
      expect(await exists(file('topics/Generations.md'))).toBe(true);

      const existing = await api.createNote({ kind: 'named', name: 'Unrelated' });
      expect(existing).toEqual({ id: IDS.unrelated, created: false });
      expect(await read(IDS.unrelated)).toBe('Sourdough baking: feed the starter twice a day. #baking\n');
    });

    it('saveNote writes with the loaded version and returns the new one', async () => {
      const page = await api.getNote({ id: IDS.unrelated });
      const content = 'Sourdough: feed the starter once a day.\nKeep it warm.\n';
      const saved = await api.saveNote({ id: IDS.unrelated, content, baseVersion: page.version });
      expect(saved.ok).toBe(true);
      const bytes = await readFile(file(IDS.unrelated));
      expect(bytes.toString('utf8')).toBe(content);
      if (saved.ok) expect(saved.version.hash).toBe(sha256(bytes));
      expect((await api.getNote({ id: IDS.unrelated })).source).toBe(content);
    });

    it('saveNote with a stale version is a conflict and the file keeps the disk content', async () => {
      const page = await api.getNote({ id: IDS.unrelated });
      const external = 'Edited by another program.\n';
      await writeFile(file(IDS.unrelated), external);
      const mine = 'My unsaved edit.\n';
      const result = await api.saveNote({ id: IDS.unrelated, content: mine, baseVersion: page.version });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.conflict.disk).toBe(external);
        expect(result.conflict.mine).toBe(mine);
        expect(result.conflict.diskVersion.hash).toBe(sha256(external));
      }
      expect(await read(IDS.unrelated)).toBe(external);
    });

    it('renameNote moves the note and rewrites every link to it', async () => {
      const before = await read(IDS.nix);
      const newId = 'concepts/Nix language.md';
      const result = await api.renameNote({ id: IDS.nix, newId });
      expect(result.id).toBe(newId);
      expect(new Set(result.changed)).toEqual(new Set([IDS.nixosFirst, IDS.nixosSecond, IDS.flakes, IDS.homeManager]));
      expect(await exists(file(IDS.nix))).toBe(false);
      expect(await read(newId)).toBe(before);

      const moved = await api.getNote({ id: newId });
      expect(new Set(moved.backlinks.map((b) => b.source))).toEqual(
        new Set([IDS.nixosFirst, IDS.nixosSecond, IDS.flakes, IDS.homeManager]),
      );
      // Alias and heading parts survive the rewrite.
      expect(await read(IDS.nixosSecond)).toMatch(/\|the Nix CLI\]\]/);
      expect(await read(IDS.flakes)).toMatch(/#Packages\]\]/);
      expect(await read(IDS.homeManager)).not.toContain('[[Nix]]');
      expect(await codeOf(api.getNote({ id: IDS.nix }))).toBe('not-found');
    });

    it('renameNote onto an existing note is refused and nothing moves', async () => {
      const tree = await snapshotTree(root);
      expect(await codeOf(api.renameNote({ id: IDS.nix, newId: IDS.unrelated }))).toBe('exists');
      expect(await snapshotTree(root)).toEqual(tree);
    });

    it('deleteNote moves the note out and undoDelete brings it back', async () => {
      const content = await read(IDS.unrelated);
      const deleted = await api.deleteNote({ id: IDS.unrelated });
      expect(deleted).toMatchObject({ id: IDS.unrelated, trashedTo: 'notebook-trash' });
      expect(await exists(file(IDS.unrelated))).toBe(false);
      expect((await api.timeline({})).map((n) => n.id)).not.toContain(IDS.unrelated);
      expect(await codeOf(api.getNote({ id: IDS.unrelated }))).toBe('not-found');

      expect(await api.undoDelete({ undoToken: deleted.undoToken })).toEqual({ id: IDS.unrelated });
      expect(await read(IDS.unrelated)).toBe(content);
      expect((await api.timeline({})).map((n) => n.id)).toContain(IDS.unrelated);
      expect(await codeOf(api.undoDelete({ undoToken: deleted.undoToken }))).toBe('not-found');
    });

    it('linkMentions turns the unlinked mentions into links', async () => {
      const result = await api.linkMentions({ target: IDS.flakes });
      expect(result).toEqual({ changed: [IDS.readingList], linked: 1 });
      expect(await api.mentions({ id: IDS.flakes })).toEqual([]);
      const page = await api.getNote({ id: IDS.flakes });
      expect(page.backlinks.map((b) => b.source)).toContain(IDS.readingList);
      const text = await read(IDS.readingList);
      expect(text).toContain('- The [[2025-01-09 Flakes|Flakes]] chapter of the manual.');
      expect(text).toContain('[Installing NixOS](2025/02JAN25%20-%20NixOS.md)');
    });

    it('linkMentions links only the chosen mention', async () => {
      const [mention] = await api.mentions({ id: IDS.flakes });
      const result = await api.linkMentions({ target: IDS.flakes, mentions: [{ source: mention.source, offset: mention.offset }] });
      expect(result).toEqual({ changed: [IDS.readingList], linked: 1 });
    });

    it('tags counts notes per lower-cased tag', async () => {
      const tags = await api.tags({});
      const nixos = tags.find((t) => t.tag === 'nixos');
      expect(nixos).toBeDefined();
      expect(nixos!.count).toBe(2);
      expect(new Set(nixos!.notes)).toEqual(new Set([IDS.nixosFirst, IDS.nixosSecond]));
      expect(tags.find((t) => t.tag === 'baking')?.notes).toEqual([IDS.unrelated]);
    });

    it('graph gives nodes and edges, whole or around a centre', async () => {
      const whole = await api.graph({});
      const nodeIds = new Set(whole.nodes.map((n) => n.id));
      for (const id of Object.values(IDS)) expect(nodeIds.has(id)).toBe(true);
      for (const edge of whole.edges) {
        expect(nodeIds.has(edge.source)).toBe(true);
        expect(nodeIds.has(edge.target)).toBe(true);
      }
      expect(whole.edges).toContainEqual({ source: IDS.homeManager, target: IDS.nix });
      expect(whole.nodes.find((n) => n.id === IDS.nixosFirst)).toMatchObject({ kind: 'note', label: 'NixOS', date: '2025-01-02' });

      const local = await api.graph({ center: IDS.homeManager, depth: 1 });
      const localIds = new Set(local.nodes.map((n) => n.id));
      expect(localIds.has(IDS.homeManager)).toBe(true);
      expect(localIds.has(IDS.nix)).toBe(true);
      expect(localIds.has(IDS.unrelated)).toBe(false);
    });

    it('history keeps the replaced version and restoreHistory brings it back', async () => {
      const original = await read(IDS.unrelated);
      const page = await api.getNote({ id: IDS.unrelated });
      const saved = await api.saveNote({ id: IDS.unrelated, content: 'Replaced.\n', baseVersion: page.version });
      expect(saved.ok).toBe(true);
      const entries = await api.history({ id: IDS.unrelated });
      expect(entries.length).toBeGreaterThanOrEqual(1);
      expect(entries[0].size).toBe(Buffer.byteLength(original));
      const restored = await api.restoreHistory({ id: IDS.unrelated, snapshotId: entries[0].snapshotId });
      expect(restored.ok).toBe(true);
      expect(await read(IDS.unrelated)).toBe(original);
      // History lives outside the notebook.
      const tree = Object.keys(await snapshotTree(root));
      expect(tree.filter((p) => !p.endsWith('.md') && p !== 'outside-link')).toEqual([]);
    });

    it('saveAttachment writes the bytes inside the notebook and returns Markdown for them', async () => {
      const info = await api.info({});
      const result = await api.saveAttachment({ forNote: IDS.nix, name: 'pixel.png', dataBase64: PNG_BASE64 });
      expect(result.path.startsWith(`${info.attachmentsFolder}/`)).toBe(true);
      expect(result.path.endsWith('.png')).toBe(true);
      expect(await readFile(file(result.path))).toEqual(Buffer.from(PNG_BASE64, 'base64'));
      expect(result.markdown).toContain(result.path.slice(result.path.lastIndexOf('/') + 1));
    });

    const badCalls: Array<[string, (api: ContractClient) => Promise<unknown>]> = [
      ['getNote without id', (a) => a.getNote({} as never)],
      ['getNote with a number id', (a) => a.getNote({ id: 5 } as never)],
      ['getNote with an extra field', (a) => a.getNote({ id: IDS.nix, extra: true } as never)],
      ['getNote with a .. id', (a) => a.getNote({ id: '../outside/secret.md' })],
      ['getNote with an absolute id', (a) => a.getNote({ id: '/etc/passwd.md' })],
      ['getNote with a backslash id', (a) => a.getNote({ id: '2025\\02JAN25 - NixOS.md' })],
      ['getNote with a non-note id', (a) => a.getNote({ id: 'attachments/pixel.png' })],
      ['getNote with null', (a) => a.getNote(null as never)],
      ['mentions without id', (a) => a.mentions({} as never)],
      ['mentions with a .. id', (a) => a.mentions({ id: '../outside/secret.md' })],
      ['search with a negative limit', (a) => a.search({ query: 'nix', limit: -1 })],
      ['search with a fractional limit', (a) => a.search({ query: 'nix', limit: 1.5 })],
      ['createNote of an unknown kind', (a) => a.createNote({ kind: 'weekly' } as never)],
      ['createNote named with a .. folder', (a) => a.createNote({ kind: 'named', name: 'Escape', folder: '../outside' })],
      ['createNote named without a name', (a) => a.createNote({ kind: 'named' } as never)],
      ['saveNote with a bad hash', (a) => a.saveNote({ id: IDS.unrelated, content: 'x', baseVersion: { hash: 'nope', mtimeMs: 1, size: 1 } })],
      ['saveNote without content', (a) => a.saveNote({ id: IDS.unrelated, baseVersion: { hash: '0'.repeat(64), mtimeMs: 1, size: 1 } } as never)],
      ['saveNote outside the root', (a) => a.saveNote({ id: '../outside/secret.md', content: 'pwned', baseVersion: { hash: '0'.repeat(64), mtimeMs: 1, size: 1 } })],
      ['renameNote to a non-note', (a) => a.renameNote({ id: IDS.unrelated, newId: 'Unrelated.txt' })],
      ['renameNote out of the root', (a) => a.renameNote({ id: IDS.unrelated, newId: '../Unrelated.md' })],
      ['deleteNote with a .. id', (a) => a.deleteNote({ id: '2025/../../outside/secret.md' })],
      ['linkMentions with a negative offset', (a) => a.linkMentions({ target: IDS.flakes, mentions: [{ source: IDS.readingList, offset: -3 }] })],
      ['graph with a huge depth', (a) => a.graph({ depth: 1_000 })],
      ['restoreHistory with a path as snapshot', (a) => a.restoreHistory({ id: IDS.unrelated, snapshotId: '../../etc/passwd' })],
      ['saveAttachment with a path as name', (a) => a.saveAttachment({ forNote: IDS.nix, name: '../escape.png', dataBase64: PNG_BASE64 })],
      ['saveAttachment with non-base64 data', (a) => a.saveAttachment({ forNote: IDS.nix, name: 'x.png', dataBase64: '<script>' })],
      // dryRun: even a transport that failed to refuse these must not write anywhere.
      ['exportBundle with a bad date', (a) => a.exportBundle({ preset: 'hugo', out: join(tmpdir(), 'nb-never'), since: '2025-13-01', dryRun: true })],
      ['exportBundle with a relative out', (a) => a.exportBundle({ preset: 'hugo', out: 'relative/out', dryRun: true })],
      ['exportBundle with an unknown preset', (a) => a.exportBundle({ preset: 'wordpress', out: join(tmpdir(), 'nb-never'), dryRun: true } as never)],
    ];

    it.each(badCalls)('a bad argument is refused with bad-argument and writes nothing: %s', async (_label, call) => {
      const outside = await realpath(join(root, 'outside-link'));
      const before = [await snapshotTree(root), await snapshotTree(outside)];
      expect(await codeOf(call(api))).toBe('bad-argument');
      expect([await snapshotTree(root), await snapshotTree(outside)]).toEqual(before);
    });

    it('a path that leaves the root through a symlink is refused and nothing is written outside', async () => {
      const outside = await realpath(join(root, 'outside-link'));
      const before = await snapshotTree(outside);
      expect(['not-found', 'outside-root']).toContain(await codeOf(api.getNote({ id: 'outside-link/secret.md' })));
      expect(await codeOf(api.createNote({ kind: 'named', name: 'Leak', folder: 'outside-link' }))).toBe('outside-root');
      expect(await codeOf(api.renameNote({ id: IDS.unrelated, newId: 'outside-link/Unrelated.md' }))).toBe('outside-root');
      expect(await exists(file(IDS.unrelated))).toBe(true);
      expect(await snapshotTree(outside)).toEqual(before);
    });

    it('an attachments folder that is a symlink out of the root is refused', async () => {
      const outside = await realpath(join(root, 'outside-link'));
      const info = await api.info({});
      await symlink(outside, file(info.attachmentsFolder), 'dir');
      const before = await snapshotTree(outside);
      expect(await codeOf(api.saveAttachment({ forNote: IDS.nix, name: 'pixel.png', dataBase64: PNG_BASE64 }))).toBe('outside-root');
      expect(await snapshotTree(outside)).toEqual(before);
    });

    it('an edit by another program reaches the client as an event and through getNote', async (context) => {
      if (!api.onEvent) return context.skip();
      const changed = waitForEvent(api, (e) => e.type === 'note-changed' && e.id === IDS.unrelated, 'note-changed');
      try {
        await api.eventsReady?.();
        // Let the watcher settle on the fresh copy before editing.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await writeFile(file(IDS.unrelated), 'Changed outside the app. #baking\n');
        await changed.promise;
      } finally {
        changed.cancel();
      }
      expect((await api.getNote({ id: IDS.unrelated })).source).toBe('Changed outside the app. #baking\n');
    });
  });
}
