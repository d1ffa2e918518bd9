// The link graph of a notebook: notes, their resolved links, backlinks,
// concepts, unresolved names and tags. Incremental in the way of Foam's
// model/graph.ts: forward links per note, a reverse index per target, and an
// index "dependency key -> notes whose links could be captured by a note with
// that key", so one upsert or removal re-resolves only the links that could
// name the changed note, never the whole notebook.

import type {
  Backlink,
  ConceptKey,
  ConceptSummary,
  GraphChange,
  NoteId,
  ParsedNote,
  Resolution,
  ResolvedLink,
  TagSummary,
  UnresolvedSummary,
} from './model';
import { MultiMap } from './multimap';
import { conceptKey } from './names';
import { baseNameOf, folderOf, withoutNoteExtension } from './paths';
import {
  attachmentDependencyKey,
  compareByPathLength,
  compareCodePoints,
  conceptDependencyKey,
  dependencyKeys,
  lookupKey,
  pathKeyOf,
  resolutionKey,
  resolveTarget,
  stemDependencyKey,
  type NoteLookup,
} from './resolve';

export interface LinkGraphOptions {
  /**
   * Whether a non-note file exists at a root-relative path. Checked for the
   * exact and own-folder paths of attachment links; files registered with
   * `addAttachment` are also found by name anywhere in the notebook.
   */
  attachmentExists?: (path: string) => boolean;
}

/** What the graph keeps per note besides the parsed note itself. */
interface Entry {
  note: ParsedNote;
  /** Concept key -> the spelling of that name in this note (stem, title, aliases). */
  names: Map<ConceptKey, string>;
  /** Keys of the title and aliases: the concepts this note is listed under. */
  conceptNames: Set<ConceptKey>;
  /** Dependency keys of each link, parallel to `note.links`. */
  linkKeys: string[][];
  /** Lower-cased tags with their parents (`a/b` gives `a/b` and `a`). */
  tagKeys: Set<string>;
}

type Listener = (change: GraphChange) => void;

/** Oldest first, undated last, ties by id: the order of a concept's timeline. */
function compareByDate(a: ParsedNote, b: ParsedNote): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return compareCodePoints(a.id, b.id);
}

export function compareBacklinks(a: Backlink, b: Backlink): number {
  return compareCodePoints(a.source, b.source) || a.line - b.line || a.column - b.column;
}

/** Lower-cased NFC tag without `#`, plus each parent of a nested tag. */
function tagKeysOf(tags: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const tag of tags) {
    const key = normalizeTag(tag);
    if (key === '') continue;
    const parts = key.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (prefix !== '') keys.add(prefix);
    }
  }
  return keys;
}

function normalizeTag(tag: string): string {
  return lookupKey(tag.trim().replace(/^#/, '')).replace(/^\/+|\/+$/g, '');
}

/** The spelling that occurs most often; ties go to the one seen first. */
function mostCommon(spellings: string[]): string {
  const counts = new Map<string, number>();
  let best = spellings[0] ?? '';
  for (const s of spellings) {
    const n = (counts.get(s) ?? 0) + 1;
    counts.set(s, n);
    if (n > (counts.get(best) ?? 0)) best = s;
  }
  return best;
}

/** What a bulk load knows about one target written in one folder. */
interface TargetMemo {
  /** Dependency keys (see dependencyKeys). */
  keys: string[];
  resolution?: Resolution;
  resolutionKey?: string;
  /** The last note whose reverse and dependency entries were recorded for it. */
  recordedFor?: NoteId;
}

/**
 * A bulk load's memo. Only the folder of the linking note matters to where a
 * target leads and what it depends on, except for a link to the note itself
 * (`[[#Heading]]`), whose resolution is never memoised; so the notes of one
 * folder share the work, and the key strings, which keeps hashing cheap.
 */
class LinkMemo {
  private readonly byFolder = new Map<string, Map<string, TargetMemo>>();

  /** The memos of the targets written in notes of the folder of `from`. */
  folderOf(from: NoteId): Map<string, TargetMemo> {
    const folder = folderOf(from);
    let targets = this.byFolder.get(folder);
    if (!targets) this.byFolder.set(folder, (targets = new Map()));
    return targets;
  }

  /** The memo of `target` as written in note `from`, whose folder's memos are `targets`. */
  static target(targets: Map<string, TargetMemo>, from: NoteId, target: string): TargetMemo {
    let memo = targets.get(target);
    if (!memo) targets.set(target, (memo = { keys: dependencyKeys(from, target) }));
    return memo;
  }
}

export class LinkGraph {
  private readonly entries = new Map<NoteId, Entry>();
  /** pathKeyOf(id) -> ids (several only when ids differ by case or extension). */
  private readonly byPath = new MultiMap<string, NoteId>();
  /** Lower-cased stem -> ids. */
  private readonly byStem = new MultiMap<string, NoteId>();
  /** Concept key of any name (stem, title, alias) -> ids. */
  private readonly byName = new MultiMap<ConceptKey, NoteId>();
  /** Lower-cased base name -> attachment paths registered with addAttachment. */
  private readonly attachments = new MultiMap<string, string>();
  /** Forward links: one resolved link per raw link, in source order. */
  private readonly forward = new Map<NoteId, ResolvedLink[]>();
  /** Reverse index: resolutionKey -> notes holding a link that resolves there. */
  private readonly reverse = new MultiMap<string, NoteId>();
  /** Dependency key -> notes with a link whose resolution that key could change. */
  private readonly dependents = new MultiMap<string, NoteId>();
  private readonly tagIndex = new MultiMap<string, NoteId>();
  /**
   * Notes a bulk load has not yet entered in `dependents`, which only
   * changes need: they are entered by prepareForChanges, or before the
   * first change at the latest.
   */
  private pendingDependents: Entry[] = [];
  private readonly listeners = new Set<Listener>();
  private changes = 0;

  /** The tables resolution reads; link-edits builds "after rename" overlays on it. */
  readonly lookup: NoteLookup;

  constructor(options: LinkGraphOptions = {}) {
    const attachmentExists = options.attachmentExists;
    this.lookup = {
      notesAtPath: (key) => this.byPath.get(key),
      notesWithStem: (key) => this.byStem.get(key),
      hasConcept: (key) => this.byName.has(key),
      attachmentsNamed: (key) => this.attachments.get(key),
      ...(attachmentExists ? { attachmentExists: (path: string) => attachmentExists(path) } : {}),
    };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Counts changes (notes and attachments): views derived from the graph are current while it stays the same. */
  get version(): number {
    return this.changes;
  }

  note(id: NoteId): ParsedNote | undefined {
    return this.entries.get(id)?.note;
  }

  notes(): IterableIterator<ParsedNote> {
    const entries = this.entries.values();
    return (function* () {
      for (const entry of entries) yield entry.note;
    })();
  }

  /** Adds or replaces one note, re-resolving only the links its names could capture or release. */
  upsert(note: ParsedNote): GraphChange {
    if (typeof note?.id !== 'string' || note.id === '') {
      throw new Error('LinkGraph.upsert: the note has no id');
    }
    this.prepareForChanges();
    const old = this.entries.get(note.id);
    const oldKeys = old ? this.nameDependencyKeys(old) : new Set<string>();
    if (old) {
      this.unlinkSource(note.id);
      this.unindex(old);
    }
    const entry = this.index(note);
    this.linkSource(entry);

    const changedKeys = new Set<string>();
    const newKeys = this.nameDependencyKeys(entry);
    for (const key of oldKeys) if (!newKeys.has(key)) changedKeys.add(key);
    for (const key of newKeys) if (!oldKeys.has(key)) changedKeys.add(key);

    const change: GraphChange = {
      kind: old ? 'changed' : 'added',
      id: note.id,
      affected: this.reresolve(changedKeys, note.id),
    };
    this.emit(change);
    return change;
  }

  /**
   * Adds many notes at once, leaving the graph exactly as upserting them one
   * by one would. Into a graph that holds no notes yet (opening a notebook)
   * every note is indexed first and each link resolved once, instead of
   * re-resolving earlier notes' links as later ones arrive; each note is then
   * reported as 'added' with nothing `affected` (no note existed before the
   * batch). Otherwise, or when the batch repeats an id, the notes are upserted
   * one by one. Returns one change per upsert, in order.
   */
  upsertMany(notes: Iterable<ParsedNote>): GraphChange[] {
    const batch = [...notes];
    const ids = new Set<NoteId>();
    for (const note of batch) {
      if (typeof note?.id !== 'string' || note.id === '') throw new Error('LinkGraph.upsertMany: a note has no id');
      ids.add(note.id);
    }
    if (this.entries.size > 0 || ids.size !== batch.length) return batch.map((note) => this.upsert(note));

    const memo = new LinkMemo();
    const entries = batch.map((note) => this.index(note, memo));
    for (const entry of entries) this.linkSourceBulk(entry, memo);
    this.pendingDependents = entries;
    const changes = batch.map((note): GraphChange => ({ kind: 'added', id: note.id, affected: [] }));
    for (const change of changes) this.emit(change);
    return changes;
  }

  /**
   * Finishes what a bulk load deferred (the index of which links each name
   * could capture, needed only by changes): up to `maxNotes` notes per call,
   * so a caller can spread it over turns of its event loop. True when done.
   * Any change does the rest first, so calling this is never required.
   */
  prepareForChanges(maxNotes = Infinity): boolean {
    const pending = this.pendingDependents;
    const count = Math.min(pending.length, maxNotes);
    for (let i = 0; i < count; i++) this.addDependents(pending[i]);
    this.pendingDependents = count === pending.length ? [] : pending.slice(count);
    return this.pendingDependents.length === 0;
  }

  /** Removes one note; links that named it fall back to the next rule. Null when it was not there. */
  remove(id: NoteId): GraphChange | null {
    const old = this.entries.get(id);
    if (!old) return null;
    this.prepareForChanges();
    this.unlinkSource(id);
    this.unindex(old);
    const change: GraphChange = { kind: 'removed', id, affected: this.reresolve(this.nameDependencyKeys(old), id) };
    this.emit(change);
    return change;
  }

  /**
   * Registers a non-note file (root-relative path) so attachment links find it
   * by name anywhere. Returns the notes whose links changed; no event is fired
   * (no note changed), the caller reports it as it sees fit.
   */
  addAttachment(file: string): NoteId[] {
    const path = file.normalize('NFC');
    const key = lookupKey(baseNameOf(path));
    if (this.attachments.hasValue(key, path)) return [];
    this.prepareForChanges();
    this.changes++;
    this.attachments.add(key, path);
    return this.reresolve(new Set([attachmentDependencyKey(path)]), null);
  }

  /** Forgets a file registered with addAttachment; returns the notes whose links changed. */
  removeAttachment(file: string): NoteId[] {
    const path = file.normalize('NFC');
    const key = lookupKey(baseNameOf(path));
    if (!this.attachments.hasValue(key, path)) return [];
    this.prepareForChanges();
    this.changes++;
    this.attachments.delete(key, path);
    return this.reresolve(new Set([attachmentDependencyKey(path)]), null);
  }

  /** Where `target`, written in note `from`, leads now (see resolve.ts). */
  resolve(from: NoteId, target: string): Resolution {
    return resolveTarget(this.lookup, from, target);
  }

  /** The links of a note with their resolutions, in source order. */
  outgoing(id: NoteId): ResolvedLink[] {
    return [...(this.forward.get(id) ?? [])];
  }

  /** Notes whose links resolve to `id` (self links excluded), by source id, then line and column. */
  backlinks(id: NoteId): Backlink[] {
    return this.collect(`n:${id}`, id).sort(compareBacklinks);
  }

  /** The concept a note carries: the key of its title. */
  conceptOfNote(id: NoteId): ConceptKey {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`LinkGraph.conceptOfNote: no note "${id}"`);
    return conceptKey(entry.note.title);
  }

  /** The notes carrying a name with this key, oldest first, undated last; undefined when none does. */
  concept(key: ConceptKey): ConceptSummary | undefined {
    const ids = this.byName.get(key);
    if (!ids) return undefined;
    const entries = [...ids].map((id) => this.entries.get(id)!);
    entries.sort((a, b) => compareByDate(a.note, b.note));
    return {
      key,
      name: mostCommon(entries.map((e) => e.names.get(key)!)),
      notes: entries.map((e) => e.note.id),
    };
  }

  /**
   * Every concept named by some note's title or alias, by key. A key that only
   * a dated file stem carries (`02jan25 - nixos`) still resolves links but is
   * not listed: the title (`nixos`) is the concept.
   */
  concepts(): ConceptSummary[] {
    const keys: ConceptKey[] = [];
    for (const [key, ids] of this.byName.entries()) {
      for (const id of ids) {
        if (this.entries.get(id)!.conceptNames.has(key)) {
          keys.push(key);
          break;
        }
      }
    }
    return keys.sort(compareCodePoints).map((key) => this.concept(key)!);
  }

  /**
   * Backlinks of a concept: those of each of its notes, plus links that resolve
   * to the concept itself (or, for an unresolved name, to that name). Links
   * between the concept's notes are kept; only a note's links to itself are not.
   */
  conceptBacklinks(key: ConceptKey): Backlink[] {
    // Each link has one resolution, so these lists never share a link.
    const out: Backlink[] = [];
    for (const id of this.byName.get(key) ?? []) out.push(...this.collect(`n:${id}`, id));
    out.push(...this.collect(`c:${key}`, null), ...this.collect(`u:${key}`, null));
    return out.sort(compareBacklinks);
  }

  /** Links that resolve to the concept itself: a title or alias that no file is named after. */
  conceptLinks(key: ConceptKey): Backlink[] {
    return this.collect(`c:${key}`, null).sort(compareBacklinks);
  }

  /** Names that links use but no note carries; most linked first, then by key. */
  unresolved(): UnresolvedSummary[] {
    const out: UnresolvedSummary[] = [];
    for (const resKey of this.reverse.keys()) if (resKey.startsWith('u:')) out.push(this.unresolvedSummary(resKey.slice(2))!);
    return out.sort((a, b) => b.count - a.count || compareCodePoints(a.key, b.key));
  }

  /** One unresolved name, or undefined when no link names it (or a note carries it). */
  unresolvedName(key: ConceptKey): UnresolvedSummary | undefined {
    return this.unresolvedSummary(key);
  }

  private unresolvedSummary(key: ConceptKey): UnresolvedSummary | undefined {
    const resKey = `u:${key}`;
    const sources = this.reverse.get(resKey);
    if (!sources) return undefined;
    const spellings: string[] = [];
    const sorted = [...sources].sort(compareCodePoints);
    for (const source of sorted) {
      for (const { resolution } of this.forward.get(source)!) {
        if (resolution.kind === 'unresolved' && resolution.key === key) spellings.push(resolution.name);
      }
    }
    return { key, name: mostCommon(spellings), count: spellings.length, sources: sorted };
  }

  tags(): TagSummary[] {
    return [...this.tagIndex.keys()].sort(compareCodePoints).map((tag) => {
      const notes = this.notesWithTag(tag);
      return { tag, count: notes.length, notes };
    });
  }

  /** Notes carrying `tag` (case-insensitive, `#` optional) or a tag nested under it, by id. */
  notesWithTag(tag: string): NoteId[] {
    return [...(this.tagIndex.get(normalizeTag(tag)) ?? [])].sort(compareCodePoints);
  }

  /**
   * One note by a name a person would type, case-insensitively, in this order:
   * exact id; id without `.md`; stem (several: shortest path, then code-point
   * order, as rule 3 picks); title; alias (several: oldest first, undated
   * last, then id). Null when nothing matches.
   */
  findByName(name: string): NoteId | null {
    const wanted = name.trim().normalize('NFC').replace(/\\/g, '/').replace(/^\/+/, '');
    if (wanted === '') return null;
    const byPath = [...(this.byPath.get(lookupKey(withoutNoteExtension(wanted))) ?? [])];
    const exactId = byPath.find((id) => lookupKey(id) === lookupKey(wanted));
    if (exactId !== undefined) return exactId;
    if (byPath.length > 0) return byPath.sort(compareCodePoints)[0];

    const stems = [...(this.byStem.get(lookupKey(withoutNoteExtension(wanted))) ?? [])];
    if (stems.length > 0) return stems.sort(compareByPathLength)[0];

    const key = conceptKey(wanted);
    const carriers = [...(this.byName.get(key) ?? [])].map((id) => this.entries.get(id)!);
    const pick = (entries: Entry[]) => entries.sort((a, b) => compareByDate(a.note, b.note))[0]?.note.id ?? null;
    return pick(carriers.filter((e) => conceptKey(e.note.title) === key)) ?? pick(carriers.filter((e) => e.conceptNames.has(key)));
  }

  /**
   * Notes holding a link whose target's last segment is `stem` (any case):
   * the links a note with that stem could capture. Used by link-edits.
   */
  linkSourcesNaming(stem: string): NoteId[] {
    this.prepareForChanges();
    return [...(this.dependents.get(stemDependencyKey(stem)) ?? [])].sort(compareCodePoints);
  }

  /** Calls `listener` after every upsert and removal; returns the function that unsubscribes. */
  onDidUpdate(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- internals ---------------------------------------------------------

  private emit(change: GraphChange): void {
    this.changes++;
    for (const listener of [...this.listeners]) listener(change);
  }

  /** The dependency keys a note answers to: its stem and the concept key of each name. */
  private nameDependencyKeys(entry: Entry): Set<string> {
    const keys = new Set<string>([stemDependencyKey(entry.note.stem)]);
    for (const key of entry.names.keys()) keys.add(conceptDependencyKey(key));
    return keys;
  }

  private index(note: ParsedNote, memo?: LinkMemo): Entry {
    // As noteNames (first spelling of each key), folding each name once: this runs for every note on open.
    const names = new Map<ConceptKey, string>();
    const conceptNames = new Set<ConceptKey>();
    const written = [note.stem, note.title, ...note.aliases];
    for (let i = 0; i < written.length; i++) {
      const key = conceptKey(written[i]);
      if (key === '') continue;
      if (!names.has(key)) names.set(key, written[i].trim());
      if (i > 0) conceptNames.add(key);
    }
    const targets = memo?.folderOf(note.id);
    const entry: Entry = {
      note,
      names,
      conceptNames,
      linkKeys: note.links.map((link) => (targets ? LinkMemo.target(targets, note.id, link.target).keys : dependencyKeys(note.id, link.target))),
      tagKeys: tagKeysOf(note.tags),
    };
    this.entries.set(note.id, entry);
    this.byPath.add(pathKeyOf(note.id), note.id);
    this.byStem.add(lookupKey(note.stem), note.id);
    for (const key of names.keys()) this.byName.add(key, note.id);
    for (const tag of entry.tagKeys) this.tagIndex.add(tag, note.id);
    return entry;
  }

  private unindex(entry: Entry): void {
    const { id } = entry.note;
    this.entries.delete(id);
    this.byPath.delete(pathKeyOf(id), id);
    this.byStem.delete(lookupKey(entry.note.stem), id);
    for (const key of entry.names.keys()) this.byName.delete(key, id);
    for (const tag of entry.tagKeys) this.tagIndex.delete(tag, id);
  }

  /** Resolves every link of a freshly indexed note and records it in the forward, reverse and dependency maps. */
  private linkSource(entry: Entry): void {
    const { id, links } = entry.note;
    const resolved = links.map((link) => ({ source: id, link, resolution: this.resolve(id, link.target) }));
    this.forward.set(id, resolved);
    for (const r of resolved) this.reverse.add(resolutionKey(r.resolution), id);
    for (const keys of entry.linkKeys) for (const key of keys) this.dependents.add(key, id);
  }

  /** linkSource for a bulk load (every note already indexed): each target resolved once per folder. */
  private linkSourceBulk(entry: Entry, memo: LinkMemo): void {
    const { id, links } = entry.note;
    const targets = memo.folderOf(id);
    const resolved: ResolvedLink[] = new Array(links.length);
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const target = LinkMemo.target(targets, id, link.target);
      let resolution = target.resolution;
      let key = target.resolutionKey;
      if (resolution === undefined || key === undefined) {
        resolution = this.resolve(id, link.target);
        key = resolutionKey(resolution);
        if (!(resolution.kind === 'note' && resolution.id === id)) {
          target.resolution = resolution;
          target.resolutionKey = key;
        }
      }
      resolved[i] = { source: id, link, resolution };
      // A note links the same few targets many times: record each once.
      if (target.recordedFor === id) continue;
      target.recordedFor = id;
      this.reverse.add(key, id);
    }
    this.forward.set(id, resolved);
  }

  /** Enters a note's links in `dependents` (the memo shares one key array per target, so repeats are skipped). */
  private addDependents(entry: Entry): void {
    const id = entry.note.id;
    let seen: Set<string[]> | null = null;
    for (const keys of entry.linkKeys) {
      if (keys.length === 0) continue;
      seen ??= new Set();
      if (seen.has(keys)) continue;
      seen.add(keys);
      for (const key of keys) this.dependents.add(key, id);
    }
  }

  private unlinkSource(id: NoteId): void {
    const entry = this.entries.get(id);
    for (const r of this.forward.get(id) ?? []) this.reverse.delete(resolutionKey(r.resolution), id);
    for (const keys of entry?.linkKeys ?? []) for (const key of keys) this.dependents.delete(key, id);
    this.forward.delete(id);
  }

  /**
   * Re-resolves, in other notes, the links that depend on one of `keys`;
   * returns (sorted) the notes whose resolutions changed.
   */
  private reresolve(keys: Set<string>, except: NoteId | null): NoteId[] {
    const sources = new Set<NoteId>();
    for (const key of keys) for (const source of this.dependents.get(key) ?? []) if (source !== except) sources.add(source);

    const affected: NoteId[] = [];
    for (const source of sources) {
      const entry = this.entries.get(source)!;
      const before = this.forward.get(source)!;
      let after: ResolvedLink[] | null = null;
      for (let i = 0; i < entry.linkKeys.length; i++) {
        if (!entry.linkKeys[i].some((k) => keys.has(k))) continue;
        const resolution = this.resolve(source, before[i].link.target);
        if (resolutionKey(resolution) === resolutionKey(before[i].resolution)) continue;
        after ??= [...before];
        after[i] = { ...before[i], resolution };
      }
      if (after === null) continue;
      for (const r of before) this.reverse.delete(resolutionKey(r.resolution), source);
      for (const r of after) this.reverse.add(resolutionKey(r.resolution), source);
      this.forward.set(source, after);
      affected.push(source);
    }
    return affected.sort(compareCodePoints);
  }

  /** Backlinks of the links resolving to `resKey`, minus `self`'s own. */
  private collect(resKey: string, self: NoteId | null): Backlink[] {
    const list: Backlink[] = [];
    for (const source of this.reverse.get(resKey) ?? []) {
      if (source === self) continue;
      for (const { link, resolution } of this.forward.get(source)!) {
        if (resolutionKey(resolution) !== resKey) continue;
        list.push({ source, line: link.line, column: link.column, context: link.context, raw: link.raw });
      }
    }
    return list;
  }
}
