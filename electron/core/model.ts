// The note model shared by every layer: what a parsed note is, and what the
// link graph answers. Pure data types only; no behaviour lives here.

/** A note id: the path relative to the notebook root, `/`-separated, NFC. */
export type NoteId = string;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** A concept key: a name folded by `conceptKey` (NFC, case-folded, spaces collapsed). */
export type ConceptKey = string;

export type LinkKind = 'wikilink' | 'embed' | 'markdown';

/** One link as written in a note. Lines and columns are 1-based. */
export interface RawLink {
  kind: LinkKind;
  /** The target as written, trimmed, without `#heading`/`#^block`; percent-decoded for Markdown links. */
  target: string;
  /** `[[T#A#B]]` gives `A#B`; undefined when there is no heading part. */
  heading?: string;
  /** `[[T#^id]]` gives `id`. */
  block?: string;
  /** `[[T|alias]]` gives `alias`; a Markdown link gives its text. */
  alias?: string;
  /** The exact source text of the link, e.g. `[[Nix|the Nix]]`. */
  raw: string;
  /** Offset of `raw` in the note's full source (front matter included). */
  offset: number;
  line: number;
  column: number;
  /** The text of the line holding the link, trimmed. */
  context: string;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface TagRef {
  /** As written, without `#`; nested parts kept: `nix/flakes`. */
  tag: string;
  /** 0 for front matter tags. */
  line: number;
}

export interface ParseWarning {
  /** A stable code such as `frontmatter-yaml`, `frontmatter-date`. */
  code: string;
  message: string;
  line?: number;
}

export type DateSource = 'frontmatter' | 'filename';

export interface ParsedNote {
  id: NoteId;
  /** File name without the `.md`/`.markdown` extension. */
  stem: string;
  /** Folder part of the id, '' at the root. */
  folder: string;
  title: string;
  date: IsoDate | null;
  dateSource: DateSource | null;
  aliases: string[];
  /** Unique tags, first spelling kept, front matter tags first. */
  tags: string[];
  tagRefs: TagRef[];
  frontmatter: Record<string, unknown>;
  /** The whole file as read (BOM removed). */
  source: string;
  /** Offset in `source` where the body starts (after front matter). */
  bodyOffset: number;
  /** 1-based line number of the first body line. */
  bodyLine: number;
  headings: Heading[];
  links: RawLink[];
  /**
   * Offsets [start, end) pairs, flattened, in `source`, of text that is not
   * prose: front matter, code (fenced, indented, inline), HTML and `%%`
   * comments, and links. Unlinked mentions and tags are searched outside them.
   */
  nonProse: number[];
  warnings: ParseWarning[];
}

/** Where a link leads, after DESIGN.md section 2's resolution rules. */
export type Resolution =
  | { kind: 'note'; id: NoteId }
  | { kind: 'concept'; key: ConceptKey }
  | { kind: 'unresolved'; key: ConceptKey; name: string }
  | { kind: 'attachment'; path: string; exists: boolean };

export interface ResolvedLink {
  source: NoteId;
  link: RawLink;
  resolution: Resolution;
}

export interface Backlink {
  source: NoteId;
  line: number;
  column: number;
  context: string;
  /** The link as written. */
  raw: string;
}

export interface Mention {
  source: NoteId;
  line: number;
  column: number;
  /** Offset of the matched text in the source note. */
  offset: number;
  /** The matched text as written. */
  text: string;
  context: string;
}

export interface ConceptSummary {
  key: ConceptKey;
  /** The display name: the most common spelling among the notes' names. */
  name: string;
  /** Note ids carrying this concept, oldest first, undated last. */
  notes: NoteId[];
}

export interface UnresolvedSummary {
  key: ConceptKey;
  name: string;
  /** How many links point at it, and from which notes. */
  count: number;
  sources: NoteId[];
}

export interface TagSummary {
  /** Lower-cased tag. */
  tag: string;
  count: number;
  notes: NoteId[];
}

/** What one upsert or removal changed, for listeners of the graph. */
export interface GraphChange {
  kind: 'added' | 'changed' | 'removed';
  id: NoteId;
  /** Other notes whose outgoing resolutions changed because of this one. */
  affected: NoteId[];
}
