// Faults: a process killed again and again in the middle of saves leaves
// every note with exactly its old or its new content, and a write the disk
// refuses is an error that leaves the note as it was. The saves run in a
// child process (the real FolderStore, bundled by esbuild) so it can be
// SIGKILLed at any instant.

import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../electron/node/store/folder-store';
import { scanNotebook } from '../../electron/node/store/scan';
import { decodeText } from '../../electron/node/store/text-file';
import { walkFolder } from '../../electron/node/store/walk';
import { expectedFromHeader, faultContent } from './fixtures/fault-content';
import { makeTempDir, removeTempDir } from './fs-helpers';

const ROUNDS = 30;
const FILES = 4;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let work: string;
let child: string;

beforeAll(async () => {
  work = await makeTempDir('nb-faults-');
  child = join(work, 'save-child.mjs');
  await build({
    entryPoints: [new URL('./fixtures/save-child.ts', import.meta.url).pathname],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
});

afterAll(async () => {
  await removeTempDir(work);
});

/** note-0 is a BOM + CRLF file, the others plain: both must survive the kills as they are. */
function onDisk(file: number, text: string): Buffer {
  return file === 0 ? Buffer.concat([BOM, Buffer.from(text.replace(/\n/g, '\r\n'))]) : Buffer.from(text);
}

/** Runs the looping child; once it has saved every note at least once, kills it `delayMs` later. */
async function killMidSave(root: string, round: number, delayMs: number): Promise<void> {
  const proc = spawn(process.execPath, [child, 'loop', root, String(round), String(FILES)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    proc.stdout.once('data', () => resolve());
    proc.once('exit', () => reject(new Error(`child exited before saving: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  proc.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('saves under SIGKILL', () => {
  it(`leaves every file with its old or its new content across ${ROUNDS} kills`, async () => {
    const root = join(work, 'vault');
    await mkdir(root);
    for (let file = 0; file < FILES; file++) await writeFile(join(root, `note-${file}.md`), onDisk(file, faultContent(0, 0, file)));
    const ids = Array.from({ length: FILES }, (_, file) => `note-${file}.md`);
    let roundsKilledMidSave = 0;
    const generationsSeen = new Set<string>();

    for (let round = 1; round <= ROUNDS; round++) {
      await killMidSave(root, round, Math.floor(Math.random() * 40));

      const generations = new Set<string>();
      for (let file = 0; file < FILES; file++) {
        const bytes = await readFile(join(root, `note-${file}.md`));
        const decoded = decodeText(bytes);
        const expected = expectedFromHeader(decoded.text.replace(/\r\n/g, '\n'));
        expect(expected, `note-${file}.md after kill ${round} starts with ${JSON.stringify(decoded.text.slice(0, 40))}`).not.toBeNull();
        expect(bytes.equals(onDisk(file, expected as string)), `note-${file}.md after kill ${round} is whole`).toBe(true);
        const header = decoded.text.slice(0, decoded.text.indexOf('\n'));
        generationsSeen.add(header);
        generations.add(header.replace(/ file \d+$/, ''));
      }
      // Temp files are hidden: the notebook shows exactly its notes, nothing skipped.
      const scan = await scanNotebook(root);
      expect(scan.notes.map((n) => n.id)).toEqual(ids);
      expect(scan.skipped).toEqual([]);
      const everything = await walkFolder(root, { hiddenFiles: true });
      // A temp file left over, or notes from two generations: the kill hit a save in progress.
      if (generations.size > 1 || everything.some((f) => f.name.includes('.nbtmp-'))) roundsKilledMidSave++;
      expect(everything.every((f) => ids.includes(f.relPath) || /^\.note-\d\.md\.nbtmp-\d+-[0-9a-f]{8}$/.test(f.name))).toBe(true);
    }

    // Opening the notebook again clears what the killed saves left behind.
    await FolderStore.open(root);
    expect((await readdir(root)).sort()).toEqual(ids);
    // The kills did land in the middle of saves, and saves did happen between them.
    expect(roundsKilledMidSave).toBeGreaterThan(0);
    expect(generationsSeen.size).toBeGreaterThan(FILES);
  }, 120_000);
});

describe('a write the disk refuses', () => {
  it.skipIf(process.platform === 'win32')('is an io error naming the file, and the file keeps its content', async () => {
    const root = join(work, 'full-disk');
    await mkdir(root);
    await writeFile(join(root, 'big.md'), 'the old text\n');
    // A file-size limit makes the write fail with EFBIG, even for root (unlike a read-only folder).
    const proc = spawn('/bin/sh', ['-c', 'ulimit -f 16 && exec "$0" "$@"', process.execPath, child, 'save-once', root, 'big.md', String(200_000)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise((resolve) => proc.on('exit', resolve));
    expect(err).toBe('');
    const outcome = JSON.parse(out) as { error?: { code: string; message: string } };
    expect(outcome.error?.code).toBe('io');
    expect(outcome.error?.message).toContain('big.md');
    expect((await readFile(join(root, 'big.md'))).toString()).toBe('the old text\n');
    expect(await readdir(root)).toEqual(['big.md']);
  });
});
