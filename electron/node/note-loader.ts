// Turns the notes an open reads into parsed notes, as they arrive: from the
// parse cache when the bytes are unchanged, from the record a worker thread
// parsed, or parsed here. Then hands back what to write to the cache.

import type { NoteId, ParsedNote } from '../core/model';
import { parseNote } from '../core/note';
import { fromNoteRecord, toNoteRecord, type NoteRecord } from '../core/note-record';
import { ParseCache, type ParseCacheEntry } from './parse-cache';
import type { ScannedNote } from './store/scan';

export interface LoadStats {
  /** Reading the cache file. */
  cacheMs: number;
  /** Main-thread time spent taking notes from the cache or records, or parsing them. */
  parseMs: number;
  fromCache: number;
  parsed: number;
}

export class NoteLoader {
  private cache: ParseCache | null = null;
  /** Settles when the cache is loaded (empty when there is none). */
  readonly ready: Promise<void>;
  private readonly waiting: Array<[ScannedNote, NoteRecord | null | undefined]> = [];
  private readonly done = new Map<NoteId, ParsedNote>();
  /** Records made by worker threads, written back to the cache as they are. */
  private readonly records = new Map<NoteId, NoteRecord>();
  readonly stats: LoadStats = { cacheMs: 0, parseMs: 0, fromCache: 0, parsed: 0 };

  /** Starts loading the cache in `cacheDir` (null: no cache). */
  constructor(private readonly cacheDir: string | null) {
    const started = performance.now();
    this.ready = (cacheDir === null ? Promise.resolve(ParseCache.empty()) : ParseCache.load(cacheDir)).then((cache) => {
      this.stats.cacheMs = performance.now() - started;
      this.cache = cache;
      for (const [file, record] of this.waiting.splice(0)) this.take(file, record);
    });
  }

  /** The content hash the cache holds for `id` (once `ready`). */
  readonly knownHash = (id: NoteId): string | undefined => this.cache?.hashOf(id);

  /**
   * Takes one note as it is read. `record` is what a worker parsed (null: it
   * could not); without one the cache is asked, then the note is parsed here.
   */
  readonly take = (file: ScannedNote, record?: NoteRecord | null): void => {
    if (this.cache === null) {
      this.waiting.push([file, record]);
      return;
    }
    const started = performance.now();
    let note: ParsedNote | null = null;
    if (record) {
      note = fromNoteRecord(file.id, file.source, record);
      if (note) this.records.set(file.id, record);
    } else if (record === undefined) {
      note = this.cache.lookup(file.id, file.version.hash, file.source);
      if (note) this.stats.fromCache++;
    }
    if (note === null || record) this.stats.parsed++;
    this.done.set(file.id, note ?? parseNote(file.id, file.source));
    this.stats.parseMs += performance.now() - started;
  };

  /** Every note of `notes` parsed, in that order (once `ready` and every note is taken). */
  finish(notes: readonly ScannedNote[]): ParsedNote[] {
    const started = performance.now();
    const parsed = notes.map((file) => {
      const note = this.done.get(file.id);
      if (note) return note;
      // Not handed over by the reader (a caller that skipped take()): parse it now.
      this.stats.parsed++;
      return parseNote(file.id, file.source);
    });
    this.stats.parseMs += performance.now() - started;
    return parsed;
  }

  /**
   * The cache entries to write for `notes` (parsed as `parsed`), or null when
   * the cache file is current already (nothing parsed, nothing gone).
   */
  cacheEntries(notes: readonly ScannedNote[], parsed: readonly ParsedNote[]): ParseCacheEntry[] | null {
    if (this.cacheDir === null || this.cache === null) return null;
    if (this.stats.parsed === 0 && this.cache.size === notes.length) return null;
    const out: ParseCacheEntry[] = [];
    notes.forEach((file, i) => {
      const hash = file.version.hash;
      const record = this.records.get(file.id) ?? this.cache!.record(file.id, hash) ?? toNoteRecord(parsed[i]);
      if (record) out.push({ id: file.id, hash, record });
    });
    return out;
  }
}
