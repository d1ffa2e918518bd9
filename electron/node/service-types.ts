// The notebook service as the transports (IPC, web host) and the CLI see it:
// the API contract plus events, attachment reads and shutdown.

import type { NotebookApi, NotebookEvent } from '../core/api';

export interface ServiceOptions {
  /** The notebook folder. Must exist; it is never created implicitly. */
  root: string;
  /** Where note history snapshots live (outside the notebook). */
  dataDir?: string;
  /** Where the search index cache lives (outside the notebook). */
  cacheDir?: string;
  /** Moves a file to the OS trash (Electron's shell.trashItem); absent: the notebook's `.trash/`. */
  trashItem?: (absolutePath: string) => Promise<void>;
  /** Watch the folder for changes made by other programs. Default true. */
  watch?: boolean;
  /**
   * Where a page may write an export: given the folder the page asked for,
   * returns the folder to use (the desktop app asks the user with a native
   * dialog; the web host allows one folder) or throws. Absent: the page can
   * only dry-run exports, since a script in it must not write anywhere it likes.
   */
  exportDestination?: (requested: string) => Promise<string>;
  /** Today's date, injectable for tests. */
  now?: () => Date;
}

export interface AttachmentFile {
  bytes: Uint8Array;
  /** A MIME type from the extension; `application/octet-stream` when unknown. */
  mime: string;
}

export interface NotebookService extends NotebookApi {
  onEvent(listener: (event: NotebookEvent) => void): () => void;
  /** Reads a file inside the root for display (images, attachments). Refuses paths outside it. */
  readFile(relativePath: string): Promise<AttachmentFile>;
  /** Stops the watcher and workers; pending saves finish first. */
  close(): Promise<void>;
}
