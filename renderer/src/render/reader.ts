// Fills a reader element with a note's rendered Markdown: sanitised HTML,
// notebook URLs for relative links and images, heading anchors, and `![[…]]`
// embeds fetched and rendered inline (sanitised too, depth-limited, loops stopped).

import type { NotebookApi, OutgoingLink } from '../../../electron/core/api';
import { conceptKey } from '../../../electron/core/names';
import { hashToRoute } from '../app/routes';
import { h } from '../ui/dom';
import { addHeadingIds, renderMarkdown, rewriteRelativeUrls } from './markdown';

const MAX_EMBED_DEPTH = 3;

export interface ReaderSource {
  id: string;
  source: string;
  outgoing: readonly OutgoingLink[];
  /** The page title: a first `# Heading` that only repeats it is not shown twice. */
  title?: string;
}

/** Renders `note` into `root`; embeds load afterwards and never block the page. */
export function renderReader(root: HTMLElement, note: ReaderSource, client: Pick<NotebookApi, 'getNote'>, depth = 0, visited: ReadonlySet<string> = new Set([note.id])): Promise<void> {
  const links = { outgoing: note.outgoing, noteId: note.id };
  // The only innerHTML in the app, and it only ever receives sanitised HTML.
  root.innerHTML = renderMarkdown(note.source, links);
  rewriteRelativeUrls(root, links);
  if (note.title !== undefined) dropRepeatedTitle(root, note.title);
  if (depth === 0) addHeadingIds(root);
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="/files/"]')) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  for (const img of root.querySelectorAll<HTMLImageElement>('img')) img.loading = 'lazy';
  return loadEmbeds(root, client, depth, visited);
}

function dropRepeatedTitle(root: HTMLElement, title: string): void {
  const first = root.firstElementChild;
  if (first && first.classList.contains('md-h1') && conceptKey(first.textContent ?? '') === conceptKey(title)) first.remove();
}

async function loadEmbeds(root: HTMLElement, client: Pick<NotebookApi, 'getNote'>, depth: number, visited: ReadonlySet<string>): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a.embed-note')) {
    const route = hashToRoute(a.getAttribute('href') ?? '');
    if (route.kind !== 'note') continue;
    const box = h('div', { className: 'embed-box', role: 'group', 'aria-label': `Embedded note ${a.textContent ?? ''}` });
    const heading = h('div', { className: 'embed-title' }, a.cloneNode(true));
    const body = h('div', { className: 'embed-body markdown' });
    box.append(heading, body);
    // A block element cannot sit inside a paragraph: replace the paragraph when the embed is alone in it.
    const parent = a.parentElement;
    if (parent && parent.tagName === 'P' && parent.childNodes.length === 1) parent.replaceWith(box);
    else a.replaceWith(box);
    if (visited.has(route.id)) {
      body.append(h('p', { className: 'embed-note-message' }, 'This note embeds itself here; the loop stops.'));
      continue;
    }
    if (depth + 1 > MAX_EMBED_DEPTH) {
      body.append(h('p', { className: 'embed-note-message' }, 'Embedded too deep to show here.'));
      continue;
    }
    jobs.push(
      client
        .getNote({ id: route.id })
        .then((page) => renderReader(body, { id: page.note.id, source: page.source, outgoing: page.outgoing }, client, depth + 1, new Set([...visited, route.id])))
        .catch((error: unknown) => {
          body.replaceChildren(h('p', { className: 'embed-note-message' }, `Cannot show this note: ${error instanceof Error ? error.message : String(error)}`));
        }),
    );
  }
  await Promise.all(jobs);
}
