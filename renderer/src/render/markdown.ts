// Markdown to sanitised HTML for the reader: marked with the shared wikilink
// extension from core (so the parser and the reader agree on what a link is),
// link targets taken from the service's resolutions, DOMPurify last.

import { Marked, type Tokens } from 'marked';
import type { OutgoingLink } from '../../../electron/core/api';
import type { Resolution } from '../../../electron/core/model';
import { conceptKey } from '../../../electron/core/names';
import { wikilinkExtension } from '../../../electron/core/wikilink-marked';
import { fileUrl } from '../api/file-url';
import { routeToHash } from '../app/routes';
import { sanitizeHtml } from './sanitize';

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|svg|avif|bmp)$/i;
const FRONT_MATTER = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export interface LinkContext {
  outgoing: readonly OutgoingLink[];
  /** Folder of the note being rendered, for relative Markdown links. */
  folder: string;
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

/** `a/b/../c` → `a/c`; null when the path climbs above the root. */
export function normalizePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
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
        const image = resolution.kind === 'attachment' && IMAGE_EXTENSION.test(resolution.path);
        const kind = image ? 'embed-image' : resolution.kind === 'note' ? 'embed-note' : 'embed-other';
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
  const markdownTargets = new Map<string, OutgoingLink>();
  for (const o of links.outgoing) {
    const m = /\]\(<?([^)>\s]+)>?(?:\s+"[^"]*")?\)$/.exec(o.raw);
    if (m) markdownTargets.set(safeDecode(m[1]), o);
  }
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/files/')) continue;
    const found = markdownTargets.get(safeDecode(href));
    if (found) {
      const target = linkTarget(found.resolution, found.heading);
      a.setAttribute('href', target.href);
      a.className = `${a.className} ${target.className}`.trim();
    } else {
      const path = normalizePath(`${links.folder}/${safeDecode(href.split('#')[0])}`);
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
    const found = markdownTargets.get(safeDecode(src));
    const path = found?.resolution.kind === 'attachment' ? found.resolution.path : normalizePath(`${links.folder}/${safeDecode(src)}`);
    if (path) img.setAttribute('src', fileUrl(path));
    else img.removeAttribute('src');
  }
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

