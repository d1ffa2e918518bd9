// Phase 6: save one note through the service, adding a word no note holds
// and a link to another note, and time until both show: the search finds the
// word and the target's backlinks list the saved note. One save warms the
// code paths first (reported as the first save); then one save is timed for
// both conditions together, one for search alone and one for backlinks alone.

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { NoteListItem } from '../../../electron/core/api';
import type { NotebookService } from '../../../electron/node/service-types';
import type { Metrics, PhaseContext } from '../phase-context';
import { openService, waitForIndex } from '../service-helpers';
import { round } from '../stats';

interface SaveTiming {
  saveMs: number;
  searchableMs: number | null;
  backlinksMs: number | null;
  totalMs: number;
  word: string;
  found: boolean;
  backlinked: boolean;
}

async function saveAndWait(
  service: NotebookService,
  source: NoteListItem,
  target: NoteListItem,
  word: string,
  waitFor: { search: boolean; backlinks: boolean },
): Promise<SaveTiming> {
  const page = await service.getNote({ id: source.id });
  const before = await service.getNote({ id: target.id });
  if (before.backlinks.some((b) => b.source === source.id)) throw new Error(`${source.id} already links to ${target.id}`);
  const content = `${page.source.replace(/\n*$/, '')}\n\nBench note: ${word} builds on [[${target.title}]].\n`;
  const t0 = performance.now();
  const result = await service.saveNote({ id: source.id, content, baseVersion: page.version });
  const saveMs = performance.now() - t0;
  if (!result.ok) throw new Error(`saving ${source.id} reported a conflict`);

  let searchableMs: number | null = null;
  let backlinksMs: number | null = null;
  for (;;) {
    if (waitFor.search && searchableMs === null) {
      const found = await service.search({ query: word, limit: 10 });
      if (found.hits.some((hit) => hit.id === source.id)) searchableMs = performance.now() - t0;
    }
    if (waitFor.backlinks && backlinksMs === null) {
      const targetPage = await service.getNote({ id: target.id });
      if (targetPage.backlinks.some((b) => b.source === source.id)) backlinksMs = performance.now() - t0;
    }
    const done = (!waitFor.search || searchableMs !== null) && (!waitFor.backlinks || backlinksMs !== null);
    if (done) break;
    if (performance.now() - t0 > 60_000) break;
    await nextTurn();
  }
  return {
    saveMs: round(saveMs),
    searchableMs: searchableMs === null ? null : round(searchableMs),
    backlinksMs: backlinksMs === null ? null : round(backlinksMs),
    totalMs: round(performance.now() - t0),
    word,
    found: searchableMs !== null,
    backlinked: backlinksMs !== null,
  };
}

/** Dated notes away from the hub and its linkers, in pairs that do not link yet. */
function pickPairs(items: NoteListItem[], hub: string, count: number): Array<[NoteListItem, NoteListItem]> {
  const dated = items.filter((item) => item.date !== null && item.id !== hub);
  const pairs: Array<[NoteListItem, NoteListItem]> = [];
  for (let i = 0; i < count; i++) {
    const source = dated[Math.floor(((i + 1) * dated.length) / (count + 2))];
    const target = dated[Math.floor(((i + 1) * dated.length) / (count + 2)) + Math.max(1, Math.floor(dated.length / (3 * count)))];
    pairs.push([source, target]);
  }
  return pairs;
}

export async function savePhase(ctx: PhaseContext): Promise<Metrics> {
  const t0 = performance.now();
  const service = await openService(ctx.dir, ctx.serviceDataDir, ctx.serviceCacheDir);
  const openMs = performance.now() - t0;
  const indexWaitMs = await waitForIndex(service);
  const items = await service.timeline({});
  const [warm, both, searchOnly, backlinksOnly] = pickPairs(items, ctx.hub, 4);
  const stamp = Date.now().toString(36);
  const unique = (n: number) => `zqbench${stamp}w${n}`;

  const first = await saveAndWait(service, warm[0], warm[1], unique(0), { search: true, backlinks: true });
  const combined = await saveAndWait(service, both[0], both[1], unique(1), { search: true, backlinks: true });
  const search = await saveAndWait(service, searchOnly[0], searchOnly[1], unique(2), { search: true, backlinks: false });
  const backlinks = await saveAndWait(service, backlinksOnly[0], backlinksOnly[1], unique(3), { search: false, backlinks: true });

  // Where the time of one check goes: a search for the word, and the target's page (backlinks).
  // Its unlinked mentions are a separate call the app makes after showing the page; timed apart.
  const s0 = performance.now();
  await service.search({ query: combined.word, limit: 10 });
  const s1 = performance.now();
  await service.getNote({ id: both[1].id });
  const s2 = performance.now();
  await service.mentions({ id: both[1].id });
  const s3 = performance.now();
  await service.close();

  return {
    serviceOpenMs: round(openMs),
    indexWaitMs: round(indexWaitMs),
    /** Save to searchable with updated backlinks: the target metric. */
    totalMs: combined.totalMs,
    saveNoteMs: combined.saveMs,
    searchableMs: search.searchableMs,
    backlinksMs: backlinks.backlinksMs,
    firstSaveTotalMs: first.totalMs,
    searchCallMs: round(s1 - s0),
    getNoteCallMs: round(s2 - s1),
    mentionsCallMs: round(s3 - s2),
    found: combined.found && search.found && first.found,
    backlinked: combined.backlinked && backlinks.backlinked && first.backlinked,
    word: combined.word,
    source: both[0].id,
    target: both[1].id,
  };
}
