// The notebook service: the one object behind the API contract. It composes
// the folder store, the link graph, the search index, the watcher and the
// history; the transports (IPC, web host) and the CLI only call into it.

import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import {
  ApiError,
  type CreateNoteArgs,
  type CreateNoteResult,
  type DateStyle,
  type DeleteResult,
  type ExportRequest,
  type NoteVersion,
  type NotebookEvent,
  type NotebookInfo,
  type NotePage,
  type SaveResult,
} from '../core/api';
import { noteNameProblem } from '../core/api-validate';
import { learnDateStyle, usesYearFolders } from '../core/date-style';
import { formatDatePrefix } from '../core/dates';
import { fullGraph, localGraph } from '../core/graph-data';
import { linkMentionEdits, renameEdits } from '../core/link-edits';
import { unlinkedMentions } from '../core/mentions';
import type { NoteId } from '../core/model';
import { conceptKey } from '../core/names';
import { parseNote } from '../core/note';
import { extensionOf, isNoteFileName, normalizeId } from '../core/paths';
import { quickSwitch } from '../core/quick-switch';
import { toSearchDoc } from '../core/search/search-doc';
import { conceptPage, listItem, outgoingLinks, timeline, titledBacklinks, titledMentions } from '../core/views';
import { exportFromGraph, searchIdsOf } from './export/export-notebook';
import { NoteHistory } from './history';
import { mimeTypeOf } from './mime';
import { notebookKey } from './notebook-cache-dir';
import { openNotebook, type OpenedNotebook } from './open-notebook';
import type { NotebookService, ServiceOptions } from './service-types';
import { defaultDataDir } from './user-dirs';
import type { Eol } from './store/text-file';
import { withValidatedArgs } from './validated-service';
import { NotebookWatcher } from './watcher';

const ATTACHMENTS_FOLDER = 'attachments';

interface PlannedEdit {
  id: NoteId;
  text: string;
  /** The disk version the edit was computed from. */
  base: NoteVersion;
}

export async function createNotebookService(options: ServiceOptions): Promise<NotebookService> {
  const nb = await openNotebook(options.root, { cacheDir: options.cacheDir });
  // Every caller, not only IPC and HTTP, gets arguments checked before anything runs.
  return withValidatedArgs(await new Service(nb, options).start());
}

class Service implements NotebookService {
  private readonly listeners = new Set<(event: NotebookEvent) => void>();
  private readonly snapshots: NoteHistory;
  private readonly deleted = new Map<string, { id: NoteId; source: string; bom: boolean; eol: Eol }>();
  /** Hashes of what this process last wrote or read per note, to tell our writes from others'. */
  private readonly knownHash = new Map<NoteId, string>();
  private watcher: NotebookWatcher | null = null;
  /** Learnt from every file name: recomputed only when notes come or go. */
  private dateStyle: DateStyle | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly nb: OpenedNotebook,
    private readonly options: ServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.snapshots = new NoteHistory(options.dataDir ?? defaultDataDir(), notebookKey(nb.root));
    for (const file of nb.scan.notes) this.knownHash.set(file.id, file.version.hash);
  }

  async start(): Promise<this> {
    void this.nb.search.ready.then((ready) =>
      this.emit({ type: 'index-ready', noteCount: ready.notes, ms: Math.round(ready.ms) }),
    );
    if (this.options.watch !== false) {
      this.watcher = new NotebookWatcher(
        this.nb.root,
        (event) => {
          void this.onExternalChange(event.kind, event.id).catch((error: unknown) => {
            console.error(`watcher: could not reload ${event.id}: ${String(error)}`);
          });
        },
        {
          onAttachment: ({ path, exists }) => {
            const affected = exists ? this.nb.graph.addAttachment(path) : this.nb.graph.removeAttachment(path);
            for (const id of affected) this.emit({ type: 'note-changed', id });
          },
          onError: (error) => console.error(`watcher: ${String(error)}`),
        },
      );
      // The scan just read every file: changes from here on are reported.
      this.watcher.seed(this.nb.scan.notes);
      await this.watcher.start();
    }
    void this.snapshots.prune(this.now()).catch(() => undefined);
    return this;
  }

  onEvent(listener: (event: NotebookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: NotebookEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async close(): Promise<void> {
    await this.watcher?.stop();
    await this.nb.search.close();
  }

  // ---- reading -------------------------------------------------------

  async info(): Promise<NotebookInfo> {
    const graph = this.nb.graph;
    return {
      root: this.nb.root,
      name: basename(this.nb.root),
      noteCount: graph.size,
      indexReady: this.nb.search.isReady(),
      dateStyle: this.notebookDateStyle(),
      attachmentsFolder: ATTACHMENTS_FOLDER,
      skipped: this.nb.scan.skipped,
    };
  }

  private notebookDateStyle(): DateStyle {
    this.dateStyle ??= learnDateStyle([...this.nb.graph.notes()].map((n) => n.stem));
    return this.dateStyle;
  }

  async timeline() {
    return timeline(this.nb.graph);
  }

  private requireNote(id: NoteId) {
    const note = this.nb.graph.note(id);
    if (!note) throw new ApiError('not-found', `No note "${id}" in this notebook.`);
    return note;
  }

  async getNote({ id }: { id: NoteId }): Promise<NotePage> {
    this.requireNote(id);
    const file = await this.nb.store.read(id);
    // The disk is the truth: a change the watcher has not reported yet is applied now.
    if (file.version.hash !== this.knownHash.get(id)) this.applySource(id, file.source, file.version.hash);
    const note = this.requireNote(id);
    const graph = this.nb.graph;
    return {
      note: listItem(note),
      frontmatter: note.frontmatter,
      headings: note.headings,
      warnings: note.warnings,
      source: file.source,
      version: file.version,
      readOnly: file.readOnly,
      outgoing: outgoingLinks(graph, id),
      backlinks: titledBacklinks(graph, id),
      concept: conceptKey(note.title),
    };
  }

  async mentions({ id }: { id: NoteId }) {
    this.requireNote(id);
    return titledMentions(this.nb.graph, id);
  }

  async findNote({ name }: { name: string }) {
    return this.nb.graph.findByName(name);
  }

  async getConcept({ key }: { key: string }) {
    const page = conceptPage(this.nb.graph, key);
    if (!page) throw new ApiError('not-found', `No note or link names the concept "${key}".`);
    return page;
  }

  async search({ query, limit }: { query: string; limit?: number }) {
    return this.nb.search.search(query, { limit });
  }

  async quickSwitch({ query, limit }: { query: string; limit?: number }) {
    return quickSwitch(this.nb.graph, query, limit);
  }

  async tags() {
    return this.nb.graph.tags();
  }

  async graph({ center, depth }: { center?: string; depth?: number }) {
    return center ? localGraph(this.nb.graph, center, depth ?? 1) : fullGraph(this.nb.graph);
  }

  async history({ id }: { id: NoteId }) {
    return this.snapshots.list(id);
  }

  async readFile(relativePath: string) {
    const bytes = await this.nb.store.readBytes(relativePath);
    return { bytes, mime: mimeTypeOf(relativePath) };
  }

  // ---- writing -------------------------------------------------------

  /** Parses new text for a note into the graph and the index, and remembers its hash. */
  private applySource(id: NoteId, source: string, hash: string): 'added' | 'changed' {
    const existed = this.nb.graph.note(id) !== undefined;
    if (!existed) this.dateStyle = null;
    const note = parseNote(id, source);
    this.nb.graph.upsert(note);
    this.nb.search.upsert(toSearchDoc(note));
    this.knownHash.set(id, hash);
    return existed ? 'changed' : 'added';
  }

  private forget(id: NoteId): void {
    this.dateStyle = null;
    this.nb.graph.remove(id);
    this.nb.search.remove(id);
    this.knownHash.delete(id);
  }

  private async onExternalChange(kind: 'upsert' | 'remove', id: NoteId): Promise<void> {
    if (kind === 'remove') {
      if (!this.nb.graph.note(id)) return;
      this.forget(id);
      this.emit({ type: 'note-removed', id });
      return;
    }
    const file = await this.nb.store.read(id).catch(() => null);
    if (!file || file.version.hash === this.knownHash.get(id)) return; // our own write, or gone again
    const change = this.applySource(id, file.source, file.version.hash);
    this.emit({ type: change === 'added' ? 'note-added' : 'note-changed', id });
  }

  async saveNote({ id, content, baseVersion }: { id: NoteId; content: string; baseVersion: NoteVersion }): Promise<SaveResult> {
    this.requireNote(id);
    const result = await this.nb.store.save(id, content, baseVersion, {
      beforeOverwrite: (previous) => this.snapshots.snapshot(id, previous, this.now()),
    });
    if (!result.ok) {
      this.emit({ type: 'conflict', id });
      return result;
    }
    const { source } = await this.nb.store.read(id);
    this.applySource(id, source, result.version.hash);
    this.emit({ type: 'note-changed', id });
    return result;
  }

  async restoreHistory({ id, snapshotId }: { id: NoteId; snapshotId: string }): Promise<SaveResult> {
    this.requireNote(id);
    const text = await this.snapshots.read(id, snapshotId);
    const current = await this.nb.store.read(id);
    // The text being replaced is kept whatever the 5-minute rule says: a restore must be undoable.
    await this.snapshots.snapshot(id, current.source, this.now(), { force: true });
    return this.saveNote({ id, content: text, baseVersion: current.version });
  }

  private async writeNew(id: NoteId, content: string, format: { bom?: boolean; eol?: Eol } = {}): Promise<void> {
    await this.nb.store.create(id, content, format);
    const file = await this.nb.store.read(id);
    this.applySource(id, file.source, file.version.hash);
    this.emit({ type: 'note-added', id });
  }

  async createNote(args: CreateNoteArgs): Promise<CreateNoteResult> {
    const id = args.kind === 'today' ? this.todayId() : this.namedId(args.name, args.folder);
    if (this.nb.graph.note(id)) return { id, created: false };
    const content = args.kind === 'named' && args.content !== undefined ? args.content : await this.templateText(args.template, id);
    await this.writeNew(id, content);
    return { id, created: true };
  }

  private todayId(): NoteId {
    const today = this.now();
    const iso = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
      .join('-');
    const notes = [...this.nb.graph.notes()];
    const style = this.notebookDateStyle();
    // A daily note is named by its date alone: `2025-01-02.md` or `02JAN25.md`.
    const stem = formatDatePrefix(iso, style).replace(/[\s\-_]+$/, '');
    const folder = usesYearFolders(notes) ? iso.slice(0, 4) : '';
    return normalizeId(folder ? `${folder}/${stem}.md` : `${stem}.md`);
  }

  private namedId(name: string, folder?: string): NoteId {
    // One rule for every caller (api-validate): `/` separates folders inside the notebook.
    const problem = noteNameProblem(name);
    if (problem) throw new ApiError('bad-argument', problem);
    const clean = name.trim();
    const file = isNoteFileName(clean) ? clean : `${clean}.md`;
    try {
      return normalizeId(folder ? `${folder}/${file}` : file);
    } catch (error) {
      throw new ApiError('outside-root', String((error as Error).message));
    }
  }

  private async templateText(template: string | undefined, id: NoteId): Promise<string> {
    if (!template) return '';
    const templateId = this.nb.graph.findByName(template);
    if (!templateId) throw new ApiError('not-found', `No template note "${template}".`);
    const { source } = await this.nb.store.read(templateId);
    const note = parseNote(id, '');
    return source
      .replaceAll('{{title}}', note.title)
      .replaceAll('{{date}}', note.date ?? '');
  }

  /**
   * Plans edits the app makes on its own (rename, link mentions): every note
   * to edit is read from disk first, and one that changed since the graph
   * read it is re-parsed and the edits computed again, so an edit never
   * carries stale text over a change another program made.
   */
  private async planEdits(compute: () => Map<NoteId, string>, diskIdOf: (id: NoteId) => NoteId = (id) => id): Promise<PlannedEdit[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const planned: PlannedEdit[] = [];
      let stale = false;
      for (const [id, text] of [...compute()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const diskId = diskIdOf(id);
        const file = await this.nb.store.read(diskId);
        if (file.version.hash !== this.knownHash.get(diskId)) {
          this.applySource(diskId, file.source, file.version.hash);
          this.emit({ type: 'note-changed', id: diskId });
          stale = true;
        }
        planned.push({ id, text, base: file.version });
      }
      if (!stale) return planned;
    }
    throw new ApiError('io', 'Notes kept changing on disk while their links were being prepared; nothing was changed, try again.');
  }

  /** Saves planned edits against the versions they were planned on; returns the notes written and those skipped. */
  private async writePlanned(planned: PlannedEdit[]): Promise<{ changed: NoteId[]; skipped: NoteId[] }> {
    const changed: NoteId[] = [];
    const skipped: NoteId[] = [];
    for (const { id, text, base } of planned) {
      const result = await this.nb.store.save(id, text, base, {
        beforeOverwrite: (previous) => this.snapshots.snapshot(id, previous, this.now(), { force: true }),
      });
      if (!result.ok) {
        skipped.push(id);
        continue;
      }
      const { source } = await this.nb.store.read(id);
      this.applySource(id, source, result.version.hash);
      this.emit({ type: 'note-changed', id });
      changed.push(id);
    }
    return { changed, skipped };
  }

  async renameNote({ id, newId }: { id: NoteId; newId: NoteId }) {
    this.requireNote(id);
    if (!isNoteFileName(newId)) throw new ApiError('bad-argument', `The new name "${newId}" must end in .md or .markdown.`);
    const target = normalizeId(newId);
    if (target === id) return { id, changed: [] };
    if (this.nb.graph.note(target)) throw new ApiError('exists', `A note "${target}" already exists.`);
    // Every note to rewrite is checked against the disk before anything moves.
    // The renamed note's own edit comes keyed by its new id; until the move it is read at the old one.
    const planned = await this.planEdits(
      () => renameEdits(this.nb.graph, id, target),
      (editId) => (editId === target ? id : editId),
    );
    await this.nb.store.move(id, target);
    await this.snapshots.rename(id, target).catch(() => undefined);
    const moved = await this.nb.store.read(target);
    this.forget(id);
    this.applySource(target, moved.source, moved.version.hash);
    this.emit({ type: 'note-removed', id });
    this.emit({ type: 'note-added', id: target });
    const { changed, skipped } = await this.writePlanned(planned);
    if (skipped.length > 0) {
      throw new ApiError(
        'io',
        `Renamed to "${target}", but ${skipped.join(', ')} changed on disk during the rename and still link to the old name; nothing in them was overwritten.`,
      );
    }
    return { id: target, changed: changed.filter((c) => c !== target) };
  }

  async deleteNote({ id }: { id: NoteId }): Promise<DeleteResult> {
    this.requireNote(id);
    const { source, bom, eol } = await this.nb.store.read(id);
    const trashedTo = await this.nb.store.trash(id, this.options.trashItem);
    this.forget(id);
    this.emit({ type: 'note-removed', id });
    const undoToken = randomUUID();
    this.deleted.set(undoToken, { id, source, bom, eol });
    return { id, trashedTo, undoToken };
  }

  async undoDelete({ undoToken }: { undoToken: string }) {
    const entry = this.deleted.get(undoToken);
    if (!entry) throw new ApiError('not-found', 'Nothing to undo: the deletion is unknown or was already undone.');
    // The note comes back byte for byte: BOM and line endings as they were.
    await this.writeNew(entry.id, entry.source, { bom: entry.bom, eol: entry.eol });
    this.deleted.delete(undoToken);
    return { id: entry.id };
  }

  async linkMentions({ target, mentions }: { target: NoteId; mentions?: Array<{ source: NoteId; offset: number }> }) {
    this.requireNote(target);
    let linked = 0;
    const planned = await this.planEdits(() => {
      const all = unlinkedMentions(this.nb.graph, target);
      const wanted = mentions
        ? all.filter((m) => mentions.some((w) => w.source === m.source && w.offset === m.offset))
        : all;
      if (mentions && wanted.length !== mentions.length) {
        throw new ApiError('not-found', 'Some of those mentions are no longer in their notes; reload and try again.');
      }
      linked = wanted.length;
      return linkMentionEdits(this.nb.graph, target, wanted);
    });
    const { changed, skipped } = await this.writePlanned(planned);
    if (skipped.length > 0) {
      throw new ApiError('io', `${skipped.join(', ')} changed on disk while being linked and were left as they are; reload and try again.`);
    }
    return { changed, linked };
  }

  async saveAttachment({ forNote, name, dataBase64 }: { forNote: NoteId; name: string; dataBase64: string }) {
    this.requireNote(forNote);
    const safeName = basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f<>:"|?*#^[\]]/g, '-').trim();
    if (safeName === '' || safeName.startsWith('.') || isNoteFileName(safeName) || extensionOf(safeName) === '') {
      throw new ApiError('bad-argument', `"${name}" is not a usable attachment file name.`);
    }
    const bytes = Buffer.from(dataBase64, 'base64');
    const path = await this.nb.store.writeAttachment(`${ATTACHMENTS_FOLDER}/${safeName}`, bytes);
    for (const id of this.nb.graph.addAttachment(path)) if (id !== forNote) this.emit({ type: 'note-changed', id });
    const image = /\.(png|jpe?g|gif|webp|svg|avif|bmp)$/i.test(path);
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    return { path, markdown: `${image ? '!' : ''}[[${fileName}]]` };
  }

  async exportBundle(args: ExportRequest) {
    // The open notebook's graph and index answer it: nothing is scanned again.
    const source = {
      root: this.nb.root,
      graph: this.nb.graph,
      searchIds: searchIdsOf((q, { limit }) => this.nb.search.search(q, { limit }), this.nb.graph.size),
    };
    if (args.dryRun) return exportFromGraph(source, args);
    if (!this.options.exportDestination) {
      throw new ApiError('outside-root', 'This window can only preview exports; run `notebook export` to write one.');
    }
    return exportFromGraph(source, { ...args, out: await this.options.exportDestination(args.out) });
  }
}
