// Markdown to sanitised HTML for the reader: marked with the shared wikilink
// extension from core (so the parser and the reader agree on what a link is),
// link targets taken from the service's resolutions, DOMPurify last.

import { Marked, type Tokens } from 'marked';
import type { OutgoingLink } from '../../../electron/core/api';
import type { Resolution } from '../../../electron/core/model';
import { conceptKey } from '../../../electron/core/names';
import { isImagePath, resolveRelative } from '../../../electron/core/paths';
import { wikilinkExtension } from '../../../electron/core/wikilink-marked';
import { fileUrl } from '../api/file-url';
import { routeToHash } from '../app/routes';
import { sanitizeHtml } from './sanitize';

const FRONT_MATTER = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export interface LinkContext {
  outgoing: readonly OutgoingLink[];
  /** Id of the note being rendered: relative Markdown links start from its folder. */
  noteId: string;
}

export function stripFrontMatter(source: string): string {
  return source.replace(FRONT_MATTER, '');
}

export function tagHref(tag: string): string {
  return `#/tag/${encodeURIComponent(tag)}`;
}

/** Where a resolved link goes in the app, and how it looks. */
export function linkTarget(resolution: Resolution, heading?: string): { href: string; className: string } {
  switch (resolution.kind) {
    case 'note':
      return { href: routeToHash({ kind: 'note', id: resolution.id, heading }), className: 'wikilink' };
    case 'concept':
      return { href: routeToHash({ kind: 'concept', key: resolution.key }), className: 'wikilink concept-link' };
    case 'unresolved':
      return { href: routeToHash({ kind: 'concept', key: resolution.key }), className: 'wikilink unresolved' };
    case 'attachment':
      return { href: fileUrl(resolution.path), className: resolution.exists ? 'attachment-link' : 'attachment-link missing' };
  }
}

/** A link destination as core reads it (`decodeURIComponent`); kept as written when malformed. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The notebook path a destination names: a leading `/` is the root, as core's resolver reads it. */
function notebookPath(noteId: string, written: string): string | null {
  return written.startsWith('/') ? resolveRelative('', written.replace(/^\/+/, '')) : resolveRelative(noteId, written);
}

let byRaw = new Map<string, OutgoingLink>();

const marked = new Marked({ gfm: true, breaks: false });
marked.use(
  wikilinkExtension({
    link(l) {
      const found = byRaw.get(l.raw);
      const resolution: Resolution = found?.resolution ?? { kind: 'unresolved', key: conceptKey(l.target), name: l.target };
      const target = linkTarget(resolution, l.heading);
      if (l.embed) {
        // The extension renders an image embed as <img> itself (same isImagePath test); this only names its class.
        const kind = isImagePath(l.target) ? 'embed-image' : resolution.kind === 'note' ? 'embed-note' : 'embed-other';
        return { href: target.href, className: `${target.className} embed ${kind}`, text: l.alias ?? found?.label ?? l.target };
      }
      return { ...target, text: l.alias ?? undefined };
    },
    tag(tag) {
      return { href: tagHref(tag), className: 'tag' };
    },
  }),
  {
    renderer: {
      // The note's title is the page's only h1; Markdown headings sit one level below it.
      heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, token: Tokens.Heading): string {
        const level = Math.min(token.depth + 1, 6);
        return `<h${level} class="md-h${token.depth}">${this.parser.parseInline(token.tokens)}</h${level}>\n`;
      },
      checkbox(token: Tokens.Checkbox): string {
        return `<span class="task-box" data-checked="${token.checked ? 'true' : 'false'}" role="img" aria-label="${token.checked ? 'done' : 'to do'}"></span> `;
      },
    },
  },
);

/** Renders a note's Markdown (front matter removed) to sanitised HTML. */
export function renderMarkdown(source: string, links: LinkContext): string {
  byRaw = new Map(links.outgoing.map((o) => [o.raw, o]));
  try {
    const html = marked.parse(stripFrontMatter(source), { async: false });
    return sanitizeHtml(html);
  } finally {
    byRaw = new Map();
  }
}

/**
 * Plain Markdown links and images (`[t](Other%20Note.md)`, `![](img.png)`) are
 * not the extension's: point them at the notebook after sanitising.
 */
export function rewriteRelativeUrls(root: HTMLElement, links: LinkContext): void {
  // Core's OutgoingLink.target is the destination already unwrapped (`<…>`) and
  // percent-decoded, without its #fragment: the same key the rendered href decodes to.
  const markdownTargets = new Map<string, OutgoingLink>();
  for (const o of links.outgoing) {
    if (!o.raw.startsWith('[[') && !o.raw.startsWith('![[')) markdownTargets.set(o.target, o);
  }
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/files/')) continue;
    const hash = href.indexOf('#');
    const written = safeDecode(hash < 0 ? href : href.slice(0, hash)).trim();
    const found = markdownTargets.get(written);
    if (found) {
      const target = linkTarget(found.resolution, fragmentHeading(hash < 0 ? '' : href.slice(hash + 1)));
      a.setAttribute('href', target.href);
      a.className = `${a.className} ${target.className}`.trim();
    } else {
      const path = notebookPath(links.noteId, written);
      if (path) a.setAttribute('href', fileUrl(path));
      else a.removeAttribute('href');
    }
  }
  for (const img of root.querySelectorAll<HTMLImageElement>('img[src]')) {
    const src = img.getAttribute('src') ?? '';
    if (src.startsWith('/files/') || /^(data|blob):/i.test(src)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
      // Remote images would leak that the note was opened; the app is offline.
      img.replaceWith(Object.assign(document.createElement('span'), { className: 'remote-image', textContent: img.alt || src }));
      continue;
    }
    const written = safeDecode(src.split('#')[0]).trim();
    const found = markdownTargets.get(written);
    const path = found?.resolution.kind === 'attachment' ? found.resolution.path : notebookPath(links.noteId, written);
    if (path) img.setAttribute('src', fileUrl(path));
    else img.removeAttribute('src');
  }
}

/**
 * The heading of this anchor's own `#fragment` (two links to one note may name
 * different headings); none for a `#^block` fragment, as core reads it.
 */
function fragmentHeading(fragment: string): string | undefined {
  const heading = safeDecode(fragment).trim();
  return heading === '' || heading.startsWith('^') ? undefined : heading;
}

/** A heading's anchor id, the way `[[Note#Heading]]` finds it. */
export function headingSlug(text: string): string {
  return (
    'h-' +
    text
      .normalize('NFC')
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
  );
}

export function addHeadingIds(root: HTMLElement): void {
  const used = new Set<string>();
  for (const heading of root.querySelectorAll<HTMLElement>('h2, h3, h4, h5, h6')) {
    let id = headingSlug(heading.textContent ?? '');
    for (let n = 2; used.has(id); n++) id = `${headingSlug(heading.textContent ?? '')}-${n}`;
    used.add(id);
    heading.id = id;
  }
}

