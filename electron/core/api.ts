// The one API contract between the renderer and the notebook service.
// The same service object is served over Electron IPC (electron/main) and
// over HTTP by the web host (electron/node/web-host); the renderer only ever
// sees this interface. Every method takes one plain-object argument so the
// transports can validate it in one place (api-validate.ts).

import type {
  Backlink,
  ConceptKey,
  Heading,
  IsoDate,
  Mention,
  NoteId,
  ParseWarning,
  Resolution,
  TagSummary,
} from './model';

export interface NotebookInfo {
  /** Absolute path of the notebook root (shown to the user, never trusted back). */
  root: string;
  name: string;
  noteCount: number;
  /** True once the full-text index answers every note. */
  indexReady: boolean;
  /** How new dated notes are named, learnt from the folder: e.g. `DDMMMYY - ` or `YYYY-MM-DD `. */
  dateStyle: DateStyle;
  /** Folder (relative) where pasted images go. */
  attachmentsFolder: string;
  /** Files found but not indexed (binary, too large, invalid UTF-8). */
  skipped: SkippedFile[];
}

export type DateStyle = 'iso' | 'ddmmmyy';

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'invalid-utf8' | 'unreadable';
}

export interface NoteListItem {
  id: NoteId;
  title: string;
  date: IsoDate | null;
  tags: string[];
  aliases: string[];
}

/** A version of a file on disk, as the editor loaded it. */
export interface NoteVersion {
  /** sha256 of the bytes on disk, hex. */
  hash: string;
  mtimeMs: number;
  size: number;
}

export interface OutgoingLink {
  raw: string;
  target: string;
  heading?: string;
  alias?: string;
  line: number;
  resolution: Resolution;
  /** Title of the resolved note or name of the concept, for display. */
  label: string;
}

export interface TitledBacklink extends Backlink {
  title: string;
  date: IsoDate | null;
}

export interface TitledMention extends Mention {
  title: string;
}

export interface NotePage {
  note: NoteListItem;
  frontmatter: Record<string, unknown>;
  headings: Heading[];
  warnings: ParseWarning[];
  /** The whole file as on disk (BOM removed; line endings as found). */
  source: string;
  version: NoteVersion;
  /** Invalid UTF-8 or otherwise unsafe to write back. */
  readOnly: boolean;
  outgoing: OutgoingLink[];
  backlinks: TitledBacklink[];
  /** The concept this note carries (its title's key), for the concept page link. */
  concept: ConceptKey;
}

export interface ConceptPage {
  key: ConceptKey;
  name: string;
  /** Oldest first, undated last. Empty for an unresolved concept. */
  notes: NoteListItem[];
  backlinks: TitledBacklink[];
  unresolved: boolean;
}

export interface SearchHit {
  id: NoteId;
  title: string;
  date: IsoDate | null;
  score: number;
  /** Plain text around the best match. */
  snippet: string;
  /** [start, end) offsets in `snippet` of the matched words. */
  marks: Array<[number, number]>;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** Set when the query cannot be parsed; `hits` is then empty. */
  error?: string;
  /** `index`: answered by the lunr index; `scan`: answered by a plain scan while it builds. */
  mode: 'index' | 'scan';
}

export interface SwitchSuggestion {
  kind: 'note' | 'concept' | 'unresolved';
  /** Note id for notes, concept key otherwise. */
  target: string;
  /** The name that matched (title, stem or alias). */
  name: string;
  title: string;
  date: IsoDate | null;
  score: number;
}

export type CreateNoteArgs =
  | { kind: 'today'; template?: string }
  | { kind: 'named'; name: string; folder?: string; template?: string; content?: string };

export interface CreateNoteResult {
  id: NoteId;
  /** False when the note already existed and was only opened. */
  created: boolean;
}

export type SaveResult =
  | { ok: true; version: NoteVersion }
  | {
      ok: false;
      conflict: {
        /** What is on disk now. */
        disk: string;
        diskVersion: NoteVersion;
        /** What the caller tried to save, returned untouched. */
        mine: string;
      };
    };

export interface RenameResult {
  id: NoteId;
  /** Notes whose links were rewritten. */
  changed: NoteId[];
}

export interface DeleteResult {
  id: NoteId;
  trashedTo: 'os-trash' | 'notebook-trash';
  /** Pass to `undoDelete` to bring the note back. */
  undoToken: string;
}

export interface LinkMentionsResult {
  changed: NoteId[];
  linked: number;
}

export interface GraphNode {
  id: string;
  label: string;
  kind: 'note' | 'concept' | 'unresolved' | 'tag';
  date: IsoDate | null;
}

export interface GraphEdge {
  source: string;
  target: string;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface HistoryEntry {
  snapshotId: string;
  takenAt: string;
  size: number;
}

export interface AttachmentResult {
  /** Path relative to the root. */
  path: string;
  /** Markdown to insert, e.g. `![[attachments/img.png]]`. */
  markdown: string;
}

export interface ExportRequest {
  preset: 'hugo' | 'jekyll' | 'astro' | 'plain';
  query?: string;
  tags?: string[];
  since?: IsoDate;
  until?: IsoDate;
  notes?: string[];
  depth?: number;
  unexportedLinks?: 'text' | 'keep' | 'fail';
  /** Absolute output folder or `.zip` path chosen by the user. */
  out: string;
  zip?: boolean;
  dryRun?: boolean;
}

export interface ExportReportSummary {
  notes: Array<{ id: NoteId; output: string }>;
  linksRewritten: number;
  linksDropped: Array<{ source: NoteId; raw: string }>;
  attachments: Array<{ source: string; output: string }>;
  attachmentsMissing: Array<{ source: NoteId; target: string }>;
  warnings: string[];
  written: boolean;
}

/** Every call the renderer can make. */
export interface NotebookApi {
  info(args: Record<string, never>): Promise<NotebookInfo>;
  timeline(args: Record<string, never>): Promise<NoteListItem[]>;
  getNote(args: { id: NoteId }): Promise<NotePage>;
  /**
   * Plain-text occurrences of the note's names in other notes. Separate from
   * getNote because it scans every note: the page and its backlinks open first.
   */
  mentions(args: { id: NoteId }): Promise<TitledMention[]>;
  /** Find a note by id, stem, title or alias; null when nothing matches. */
  findNote(args: { name: string }): Promise<NoteId | null>;
  getConcept(args: { key: string }): Promise<ConceptPage>;
  search(args: { query: string; limit?: number }): Promise<SearchResult>;
  quickSwitch(args: { query: string; limit?: number }): Promise<SwitchSuggestion[]>;
  createNote(args: CreateNoteArgs): Promise<CreateNoteResult>;
  saveNote(args: { id: NoteId; content: string; baseVersion: NoteVersion }): Promise<SaveResult>;
  renameNote(args: { id: NoteId; newId: NoteId }): Promise<RenameResult>;
  deleteNote(args: { id: NoteId }): Promise<DeleteResult>;
  undoDelete(args: { undoToken: string }): Promise<{ id: NoteId }>;
  linkMentions(args: {
    target: NoteId;
    /** Offsets of the mentions to link in each source; omit to link all. */
    mentions?: Array<{ source: NoteId; offset: number }>;
  }): Promise<LinkMentionsResult>;
  tags(args: Record<string, never>): Promise<TagSummary[]>;
  graph(args: { center?: string; depth?: number }): Promise<GraphData>;
  history(args: { id: NoteId }): Promise<HistoryEntry[]>;
  restoreHistory(args: { id: NoteId; snapshotId: string }): Promise<SaveResult>;
  saveAttachment(args: { forNote: NoteId; name: string; dataBase64: string }): Promise<AttachmentResult>;
  exportBundle(args: ExportRequest): Promise<ExportReportSummary>;
}

export type ApiMethod = keyof NotebookApi;
export type ApiArgs<M extends ApiMethod> = Parameters<NotebookApi[M]>[0];
export type ApiReturn<M extends ApiMethod> = Awaited<ReturnType<NotebookApi[M]>>;

export const API_METHODS: readonly ApiMethod[] = [
  'info',
  'timeline',
  'getNote',
  'mentions',
  'findNote',
  'getConcept',
  'search',
  'quickSwitch',
  'createNote',
  'saveNote',
  'renameNote',
  'deleteNote',
  'undoDelete',
  'linkMentions',
  'tags',
  'graph',
  'history',
  'restoreHistory',
  'saveAttachment',
  'exportBundle',
] as const;

/** Events the renderer can receive. */
export type NotebookEvent =
  | { type: 'note-added'; id: NoteId }
  | { type: 'note-changed'; id: NoteId }
  | { type: 'note-removed'; id: NoteId }
  | { type: 'index-ready'; noteCount: number; ms: number }
  | { type: 'conflict'; id: NoteId };

export type ApiErrorCode =
  | 'bad-argument'
  | 'not-found'
  | 'exists'
  | 'outside-root'
  | 'read-only'
  | 'io'
  | 'unavailable';

/** Every ApiErrorCode, for checking a code that arrived as plain data. */
export const API_ERROR_CODES = ['bad-argument', 'not-found', 'exists', 'outside-root', 'read-only', 'io', 'unavailable'] as const satisfies readonly ApiErrorCode[];

// Compiles only while API_ERROR_CODES lists every ApiErrorCode: a code added to the union alone fails here.
type AssertTrue<T extends true> = T;
type _EveryApiErrorCodeListed = AssertTrue<[Exclude<ApiErrorCode, (typeof API_ERROR_CODES)[number]>] extends [never] ? true : false>;

/** The one error shape every transport carries back to the caller. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a transport gives the renderer: the API plus events and file URLs. */
export interface NotebookClient extends NotebookApi {
  onEvent(listener: (event: NotebookEvent) => void): () => void;
  /** A URL the page can load an attachment from (relative path in the notebook). */
  fileUrl(path: string): string;
}
