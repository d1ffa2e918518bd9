// Turns one note's body into the Markdown of its exported page, as parts:
// text of the note, links to other pages (their heading anchors are filled
// in once every page's headings are known), copied files, and generated
// markup. Only the parser's findings are rewritten (links, `%%` comments,
// block ids outside code): code blocks and everything else pass through.

import { ApiError } from '../api';
import type { LinkGraph } from '../graph';
import { scanMarkdown } from '../markdown-regions';
import type { NoteId, ParsedNote, RawLink, Resolution } from '../model';
import { conceptKey } from '../names';
import { baseNameOf, isImagePath, withoutNoteExtension } from '../paths';
import { inRanges } from '../ranges';
import { lineStartsOf, lineIndexOf } from '../text-position';
import { inlinePlainText } from './markdown-text';
import { isSafeBundlePath } from './bundle-path';
import { conceptNote } from './select';
import type { DropReason, UnexportedLinks } from './types';

export type Part =
  /** Text of a note, as written. */
  | { t: 'text'; s: string }
  /** Markup the exporter made. */
  | { t: 'raw'; s: string }
  /** A link to an exported page (`to` may be the page itself, for an anchor). */
  | { t: 'link'; text: string; to: NoteId; heading?: string; source: NoteId; raw: string }
  /** A copied file, shown as an image or linked. */
  | { t: 'asset'; file: string; image: boolean; text: string; source: NoteId; raw: string };

export interface RewriteEvents {
  dropped(source: NoteId, raw: string, reason: DropReason): void;
  missingAttachment(source: NoteId, target: string): void;
  warning(message: string): void;
}

export interface RewriteContext {
  graph: LinkGraph;
  /** Notes that get a page in this bundle. */
  exported: ReadonlySet<NoteId>;
  /** Notes that may appear at all (not draft, not private, not publish: false). */
  allowed(id: NoteId): boolean;
  unexportedLinks: UnexportedLinks;
  events: RewriteEvents;
}

/** Embeds nested deeper than this are left as links, as if they looped. */
export const MAX_EMBED_DEPTH = 16;

interface NoteScan {
  comments: number[];
  code: number[];
  lineStarts: number[];
}

/** Renders the page of `host`: its body with every link rewritten and every embed inlined. */
export function renderPage(host: NoteId, ctx: RewriteContext): Part[] {
  const note = ctx.graph.note(host);
  if (!note) throw new Error(`renderPage: no note "${host}"`);
  const renderer = new PageRenderer(host, ctx);
  return renderer.region(note, note.bodyOffset, note.source.length, [host]);
}

class PageRenderer {
  private readonly scans = new Map<NoteId, NoteScan>();

  constructor(
    private readonly host: NoteId,
    private readonly ctx: RewriteContext,
  ) {}

  private scan(note: ParsedNote): NoteScan {
    let scan = this.scans.get(note.id);
    if (!scan) {
      const s = scanMarkdown(note.source, note.bodyOffset);
      scan = { comments: s.obsidianComments, code: s.nonProse, lineStarts: lineStartsOf(note.source) };
      this.scans.set(note.id, scan);
    }
    return scan;
  }

  /** The parts of `note.source[start, end)`; `stack` holds the notes being inlined, host first. */
  region(note: ParsedNote, start: number, end: number, stack: NoteId[]): Part[] {
    const scan = this.scan(note);
    type Cut = { start: number; end: number; link?: RawLink };
    const cuts: Cut[] = [];
    for (let i = 0; i + 1 < scan.comments.length; i += 2) {
      if (scan.comments[i + 1] <= start || scan.comments[i] >= end) continue;
      // Clipped to the region: an embedded section may start inside a comment, which must still go.
      const cut = commentCut(note.source, scan.comments[i], scan.comments[i + 1]);
      cuts.push({ start: Math.max(cut.start, start), end: Math.min(cut.end, end) });
    }
    for (const link of note.links) {
      if (link.offset >= start && link.offset + link.raw.length <= end) cuts.push({ start: link.offset, end: link.offset + link.raw.length, link });
    }
    cuts.sort((a, b) => a.start - b.start);

    const parts: Part[] = [];
    let cursor = start;
    for (const cut of cuts) {
      if (cut.start < cursor) continue;
      this.prose(note, cursor, cut.start, parts);
      if (cut.link) parts.push(...this.link(note, cut.link, stack));
      cursor = Math.min(cut.end, end);
    }
    this.prose(note, cursor, end, parts);
    return parts;
  }

  /** Prose between links: as written, minus Obsidian block ids (` ^id` ending a line outside code). */
  private prose(note: ParsedNote, start: number, end: number, parts: Part[]): void {
    if (end <= start) return;
    const { code } = this.scan(note);
    const text = note.source.slice(start, end);
    const out = text.replace(/[ \t]+\^[A-Za-z0-9-]+(?=[ \t]*(?:\r?\n|\r|$))/g, (marker, index: number) => {
      const at = start + index;
      const after = note.source.slice(at + marker.length).match(/^[ \t]*(\r?\n|\r|$)/);
      return after && !inRanges(code, at + marker.length - 1) ? '' : marker;
    });
    parts.push({ t: 'text', s: out });
  }

  private resolve(note: ParsedNote, link: RawLink): Resolution {
    return this.ctx.graph.resolve(note.id, link.target);
  }

  /** The note a resolution names, preferring pages of this bundle for a concept. */
  private targetNote(resolution: Resolution): NoteId | null {
    if (resolution.kind === 'note') return resolution.id;
    if (resolution.kind !== 'concept') return null;
    return (
      conceptNote(this.ctx.graph, resolution.key, (id) => this.ctx.exported.has(id)) ??
      conceptNote(this.ctx.graph, resolution.key, (id) => this.ctx.allowed(id)) ??
      conceptNote(this.ctx.graph, resolution.key, () => true)
    );
  }

  private link(note: ParsedNote, link: RawLink, stack: NoteId[]): Part[] {
    const resolution = this.resolve(note, link);
    const image = link.kind === 'markdown' && link.raw.startsWith('!');
    if (resolution.kind === 'attachment' || (image && resolution.kind === 'unresolved')) {
      return this.attachment(note, link, resolution, link.kind === 'embed' || image);
    }
    if (link.kind === 'embed') return this.embed(note, link, resolution, stack);
    return this.noteLink(note, link, resolution, stack);
  }

  private attachment(note: ParsedNote, link: RawLink, resolution: Resolution, shown: boolean): Part[] {
    // The graph found the file (registered or checked); a path no bundle could hold counts as missing.
    const found = resolution.kind === 'attachment' && resolution.exists ? resolution.path : undefined;
    const file = found !== undefined && isSafeBundlePath(found) ? found : undefined;
    if (file === undefined) {
      this.ctx.events.missingAttachment(note.id, link.target);
      this.ctx.events.dropped(note.id, link.raw, 'missing-attachment');
      // A missing image leaves nothing; a link to a missing file leaves its text.
      return shown ? [] : [{ t: 'text', s: displayText(link) }];
    }
    const isImage = shown && isImagePath(file);
    const text = isImage ? imageAlt(link) : link.alias ?? baseNameOf(file);
    return [{ t: 'asset', file, image: isImage, text, source: note.id, raw: link.raw }];
  }

  private embed(note: ParsedNote, link: RawLink, resolution: Resolution, stack: NoteId[]): Part[] {
    const target = this.targetNote(resolution);
    if (target === null) {
      this.ctx.events.dropped(note.id, link.raw, 'unresolved');
      return [];
    }
    if (!this.ctx.allowed(target)) {
      // Never inline a private note, and leave no trace of it: not even its name.
      this.ctx.events.dropped(note.id, link.raw, 'never-exported');
      return [];
    }
    if (stack.includes(target) || stack.length > MAX_EMBED_DEPTH) {
      this.ctx.events.dropped(note.id, link.raw, 'embed-loop');
      this.ctx.events.warning(`${note.id}: ${link.raw} embeds a note that is already being embedded here; it is written as a link`);
      return this.noteLink(note, { ...link, kind: 'wikilink' }, resolution, stack, true);
    }
    const embedded = this.ctx.graph.note(target)!;
    const range = embedRange(embedded, link, this.scan(embedded));
    if (range === null) {
      const what = link.block !== undefined ? `block ^${link.block}` : `heading "${link.heading}"`;
      this.ctx.events.warning(`${note.id}: ${link.raw}: the ${what} is not in the embedded note; nothing is inlined`);
      this.ctx.events.dropped(note.id, link.raw, 'unresolved');
      return [];
    }
    const content = trimParts(this.region(embedded, range[0], range[1], [...stack, target]));
    return placeBlock(note.source, link.offset, link.raw.length, content);
  }

  private noteLink(note: ParsedNote, link: RawLink, resolution: Resolution, stack: NoteId[], fromLoop = false): Part[] {
    const target = this.targetNote(resolution);
    const text = displayText(link);
    if (target === null) {
      this.ctx.events.dropped(note.id, link.raw, 'unresolved');
      return [{ t: 'text', s: text }];
    }
    const heading = link.heading === undefined ? undefined : lastHeadingPart(link.heading);
    if (this.ctx.exported.has(target)) {
      if (target === this.host && heading === undefined) return [{ t: 'text', s: text }];
      return [{ t: 'link', text, to: target, ...(heading !== undefined ? { heading } : {}), source: note.id, raw: link.raw }];
    }
    // Its text is on this page (inlined): a heading link can still point at it here.
    if (stack.includes(target) && heading !== undefined && !fromLoop) {
      return [{ t: 'link', text, to: this.host, heading, source: note.id, raw: link.raw }];
    }
    const never = !this.ctx.allowed(target);
    switch (this.ctx.unexportedLinks) {
      case 'fail':
        throw new ApiError(
          'bad-argument',
          `${note.id}, line ${link.line}: the link ${link.raw} points to a note that is not exported; export it too, or use --links text or keep`,
        );
      case 'keep':
        if (!never) {
          this.ctx.events.dropped(note.id, link.raw, 'kept-as-written');
          return [{ t: 'text', s: link.raw }];
        }
        break;
      case 'text':
        break;
    }
    this.ctx.events.dropped(note.id, link.raw, never ? 'never-exported' : 'not-exported');
    return [{ t: 'text', s: text }];
  }
}

/** A `%%` comment; one that fills its lines goes with its line break, leaving no blank line behind. */
function commentCut(source: string, start: number, end: number): { start: number; end: number } {
  const lineStart = Math.max(source.lastIndexOf('\n', start - 1), source.lastIndexOf('\r', start - 1)) + 1;
  const after = /^[ \t]*(?:\r\n|\n|\r)/.exec(source.slice(end));
  if (source.slice(lineStart, start).trim() === '' && after) return { start: lineStart, end: end + after[0].length };
  return { start, end };
}

/** `A#B` (a heading path) -> `B`, the heading itself. */
function lastHeadingPart(heading: string): string {
  const parts = heading.split('#').map((p) => p.trim()).filter((p) => p !== '');
  return parts.at(-1) ?? heading.trim();
}

/** What a link shows when it is not a link: its alias, else the target as written. */
export function displayText(link: RawLink): string {
  if (link.alias !== undefined && link.alias !== '') return link.alias;
  const target = withoutNoteExtension(link.target);
  if (target === '') return link.heading ?? '';
  return link.heading ? `${target} > ${link.heading}` : target;
}

/** `![[img.png|300]]` sizes an image in Obsidian: a size is not alt text. */
function imageAlt(link: RawLink): string {
  const alias = link.alias ?? '';
  return /^\d+(?:x\d+)?$/.test(alias) ? '' : alias;
}

/** Whether a heading as written in a link names a heading as written in a note. */
export function headingMatches(written: string, heading: string): boolean {
  const w = conceptKey(written);
  if (w === conceptKey(heading) || w === conceptKey(inlinePlainText(heading))) return true;
  const loose = (s: string) => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return loose(written) !== '' && loose(written) === loose(inlinePlainText(heading));
}

/** The [start, end) of what an embed shows: the body, one heading's section, or one block. */
function embedRange(note: ParsedNote, link: RawLink, scan: NoteScan): [number, number] | null {
  const { source } = note;
  if (link.block !== undefined) return blockRange(note, link.block, scan);
  if (link.heading === undefined) return [note.bodyOffset, source.length];
  const wanted = lastHeadingPart(link.heading);
  const index = note.headings.findIndex((h) => headingMatches(wanted, h.text));
  if (index < 0) return null;
  const heading = note.headings[index];
  const start = scan.lineStarts[heading.line - 1];
  const next = note.headings.slice(index + 1).find((h) => h.level <= heading.level);
  return [start, next ? scan.lineStarts[next.line - 1] : source.length];
}

/** The paragraph (or list item) ending with ` ^id`. */
function blockRange(note: ParsedNote, id: string, scan: NoteScan): [number, number] | null {
  const { source } = note;
  const marker = new RegExp(`[ \\t]\\^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*(?=\\r?\\n|\\r|$)`, 'g');
  for (const m of source.matchAll(marker)) {
    if (m.index < note.bodyOffset || inRanges(scan.code, m.index + 1)) continue;
    const lineIndex = lineIndexOf(scan.lineStarts, m.index);
    const end = m.index + m[0].length;
    const lineStart = scan.lineStarts[lineIndex];
    if (/^[ \t]*(?:[-*+]|\d+[.)])[ \t]/.test(source.slice(lineStart, end))) return [lineStart, end];
    let first = lineIndex;
    while (first > 0 && scan.lineStarts[first - 1] >= note.bodyOffset) {
      const previous = source.slice(scan.lineStarts[first - 1], scan.lineStarts[first]);
      if (previous.trim() === '') break;
      first--;
    }
    return [scan.lineStarts[first], end];
  }
  return null;
}

/** Drops blank lines at both ends of inlined content. */
function trimParts(parts: Part[]): Part[] {
  const out = [...parts];
  while (out.length > 0 && isBlank(out[0])) out.shift();
  while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
  if (out.length > 0 && (out[0].t === 'text' || out[0].t === 'raw')) out[0] = { ...out[0], s: out[0].s.replace(/^(?:[ \t]*(?:\r?\n|\r))+/, '') };
  const last = out.length - 1;
  if (last >= 0 && (out[last].t === 'text' || out[last].t === 'raw')) out[last] = { ...out[last], s: (out[last] as { s: string }).s.replace(/\s+$/, '') };
  return out;
}

function isBlank(part: Part): boolean {
  return (part.t === 'text' || part.t === 'raw') && part.s.trim() === '';
}

/**
 * Places inlined block content where the embed stood. On a line of its own
 * (possibly inside a blockquote or a list item) the content takes the line's
 * place, every following line carrying the same quote markers or indent; in
 * the middle of a paragraph it becomes blocks of its own.
 */
function placeBlock(source: string, offset: number, length: number, content: Part[]): Part[] {
  if (content.length === 0) return [];
  const lineStart = Math.max(source.lastIndexOf('\n', offset - 1), source.lastIndexOf('\r', offset - 1)) + 1;
  const before = source.slice(lineStart, offset);
  const afterMatch = /^[^\r\n]*/.exec(source.slice(offset + length))![0];
  const quote = /^[ \t]*(?:>[ \t]?)*/.exec(before)![0];
  const listItem = /^([ \t]*(?:>[ \t]?)*)[ \t]*(?:[-*+]|\d+[.)])[ \t]+$/.exec(before);
  let continuation: string;
  let wrap = false;
  if (before === quote && afterMatch.trim() === '') continuation = quote;
  else if (listItem && afterMatch.trim() === '') continuation = listItem[1] + ' '.repeat(before.length - listItem[1].length);
  else {
    continuation = quote;
    wrap = true;
  }
  const indent = (s: string) => (continuation === '' ? s : s.replace(/\r?\n|\r/g, (eol) => eol + continuation));
  const placed = content.map((part): Part => (part.t === 'text' || part.t === 'raw' ? { ...part, s: indent(part.s) } : part));
  if (!wrap) return placed;
  const gap = `\n${continuation}\n${continuation}`;
  return [{ t: 'raw', s: gap }, ...placed, { t: 'raw', s: gap }];
}
