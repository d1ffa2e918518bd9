// One open note and the safety of its text. It knows the version the editor
// loaded, saves about a second after typing stops (and at once when asked),
// never overwrites a file that changed on disk, reloads a clean buffer when
// the file changes, and turns a change under a dirty buffer into a conflict.

import type { NotebookApi, NotePage, NoteVersion } from '../../../electron/core/api';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'read-only';

export interface Conflict {
  /** The file on disk now. */
  disk: string;
  diskVersion: NoteVersion;
  /** The editor's text. */
  mine: string;
}

export interface NoteSessionOptions {
  /** Milliseconds of quiet before an autosave. */
  delayMs?: number;
  onState?(state: SaveState): void;
  onConflict?(conflict: Conflict): void;
  /** The file changed on disk and the buffer was clean: show this text. */
  onReload?(page: NotePage): void;
  /** The file is gone from disk (deleted or renamed by someone else). */
  onRemoved?(): void;
  /** A save failed for a reason other than a conflict (it will be retried). */
  onError?(error: unknown): void;
  /** A save reached the disk. */
  onSaved?(version: NoteVersion): void;
}

type Client = Pick<NotebookApi, 'saveNote' | 'getNote'>;

const RETRY_MS = 5_000;

export class NoteSession {
  readonly id: string;
  private base: NoteVersion;
  /** The text of the file at `base`. */
  private savedText: string;
  private buffer: string;
  private state: SaveState;
  private conflictInfo: Conflict | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private saveAgain = false;
  private externalChain: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly delayMs: number;
  private readonly readOnly: boolean;

  constructor(
    private readonly client: Client,
    page: NotePage,
    private readonly options: NoteSessionOptions = {},
  ) {
    this.id = page.note.id;
    this.base = page.version;
    this.savedText = page.source;
    this.buffer = page.source;
    this.readOnly = page.readOnly;
    this.state = page.readOnly ? 'read-only' : 'saved';
    this.delayMs = options.delayMs ?? 1000;
  }

  get text(): string {
    return this.buffer;
  }

  get saveState(): SaveState {
    return this.state;
  }

  get version(): NoteVersion {
    return this.base;
  }

  get conflict(): Conflict | null {
    return this.conflictInfo;
  }

  get dirty(): boolean {
    return this.buffer !== this.savedText;
  }

  /** The editor's text changed. */
  edit(text: string): void {
    if (this.disposed || this.readOnly) return;
    this.buffer = text;
    if (this.state === 'conflict') {
      // Keep the dialog's idea of "mine" current; nothing saves until it is resolved.
      if (this.conflictInfo) this.conflictInfo = { ...this.conflictInfo, mine: text };
      return;
    }
    if (this.state !== 'saving') this.setState(this.dirty ? 'unsaved' : 'saved');
    this.schedule(this.delayMs);
  }

  /** Saves now if there is anything to save, and waits for the disk. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (this.dirty && this.state !== 'conflict' && !this.readOnly) await this.save();
  }

  /** The service says the file changed (possibly by our own save). */
  externalChange(): Promise<void> {
    this.externalChain = this.externalChain.then(() => this.checkDisk()).catch((error) => this.options.onError?.(error));
    return this.externalChain;
  }

  /** Resolves a conflict with the editor's text, written over the disk version it now knows. */
  async keepMine(): Promise<void> {
    const conflict = this.conflictInfo;
    if (!conflict) return;
    this.base = conflict.diskVersion;
    this.savedText = conflict.disk;
    this.conflictInfo = null;
    this.setState('unsaved');
    await this.save();
  }

  /** Resolves a conflict with the disk version: the editor shows it and is clean. */
  useDisk(): string {
    const conflict = this.conflictInfo;
    if (!conflict) return this.buffer;
    this.base = conflict.diskVersion;
    this.savedText = conflict.disk;
    this.buffer = conflict.disk;
    this.conflictInfo = null;
    this.setState('saved');
    return conflict.disk;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), ms);
  }

  private setState(state: SaveState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  private save(): Promise<void> {
    if (this.inFlight) {
      this.saveAgain = true;
      return this.inFlight;
    }
    if (this.readOnly || this.state === 'conflict') return Promise.resolve();
    const content = this.buffer;
    if (content === this.savedText) {
      this.setState('saved');
      return Promise.resolve();
    }
    this.setState('saving');
    this.inFlight = (async () => {
      try {
        const result = await this.client.saveNote({ id: this.id, content, baseVersion: this.base });
        if (result.ok) {
          this.base = result.version;
          this.savedText = content;
          this.options.onSaved?.(result.version);
          this.setState(this.dirty ? 'unsaved' : 'saved');
          if (this.dirty && !this.saveAgain) this.schedule(this.delayMs);
        } else {
          this.enterConflict(result.conflict.disk, result.conflict.diskVersion);
        }
      } catch (error) {
        this.setState('unsaved');
        this.options.onError?.(error);
        if (!this.disposed) this.schedule(RETRY_MS);
      } finally {
        this.inFlight = null;
      }
      if (this.saveAgain) {
        this.saveAgain = false;
        await this.save();
      }
    })();
    return this.inFlight;
  }

  private enterConflict(disk: string, diskVersion: NoteVersion): void {
    clearTimeout(this.timer);
    this.conflictInfo = { disk, diskVersion, mine: this.buffer };
    this.setState('conflict');
    this.options.onConflict?.(this.conflictInfo);
  }

  private async checkDisk(): Promise<void> {
    if (this.disposed) return;
    // Our own save makes the watcher report a change: let it land first.
    while (this.inFlight) await this.inFlight;
    let page: NotePage;
    try {
      page = await this.client.getNote({ id: this.id });
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') this.options.onRemoved?.();
      else throw error;
      return;
    }
    if (this.disposed || page.version.hash === this.base.hash) return;
    if (this.state === 'conflict' && this.conflictInfo) {
      if (page.version.hash === this.conflictInfo.diskVersion.hash) return;
      // The disk moved again: the dialog must offer the newest disk version.
      this.conflictInfo = { ...this.conflictInfo, disk: page.source, diskVersion: page.version };
      this.options.onConflict?.(this.conflictInfo);
      return;
    }
    if (!this.dirty && page.source === this.buffer) {
      this.base = page.version;
      return;
    }
    if (!this.dirty) {
      this.base = page.version;
      this.savedText = page.source;
      this.buffer = page.source;
      this.setState(this.readOnly ? 'read-only' : 'saved');
      this.options.onReload?.(page);
      return;
    }
    this.enterConflict(page.source, page.version);
  }
}
