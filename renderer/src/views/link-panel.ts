// The right pane: who links here (with the line around each link), unlinked
// mentions with "Link" and "Link all", where this note links to, and a local
// graph. Each part is a named region so it can be found by landmark.

import type { GraphData, GraphNode, OutgoingLink, TitledBacklink, TitledMention } from '../../../electron/core/api';
import { routeToHash } from '../app/routes';
import { GraphCanvas } from '../graph/graph-canvas';
import { linkTarget } from '../render/markdown';
import { formatDate, h, uniqueId } from '../ui/dom';

export interface LinkPanelActions {
  openNote(id: string, event: Event): void;
  linkMention(mention: TitledMention): Promise<void>;
  linkAll(): Promise<void>;
  openNode(node: GraphNode): void;
  openGraph(): void;
}

export interface LinkPanelData {
  /** Shown above the lists: what the panel is about. */
  subject: string;
  backlinks: TitledBacklink[];
  /**
   * Null hides the region (a concept page has no mentions of its own). A
   * promise shows "Looking for mentions…" until it settles: finding them scans
   * every note, so the backlinks must not wait for them.
   */
  mentions: Promise<TitledMention[]> | null;
  outgoing: OutgoingLink[] | null;
  graphCenter: string;
}

/** The context line with the link (or mention) text marked where it occurs. */
function contextWithMark(context: string, needle: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const at = needle ? context.indexOf(needle) : -1;
  if (at < 0) {
    fragment.append(context);
    return fragment;
  }
  fragment.append(context.slice(0, at), h('mark', {}, needle), context.slice(at + needle.length));
  return fragment;
}

function section(title: string, count: number | null, ...children: Array<Node | null>): { section: HTMLElement; header: HTMLElement } {
  const id = uniqueId('region');
  const header = h('div', { className: 'region-header' }, h('h2', { className: 'region-title', id }, title, count === null ? null : h('span', { className: 'region-count' }, String(count))));
  const el = h('section', { className: 'link-region', 'aria-labelledby': id }, header, ...children);
  return { section: el, header };
}

export class LinkPanel {
  readonly element = h('div', { className: 'link-panel' });
  private graph: GraphCanvas | null = null;
  /** The local graph's region and the note it centres on, kept while the same note is shown again. */
  private graphRegion: { center: string; element: HTMLElement } | null = null;
  /** Bumped by every show/clear so a late mentions answer for an earlier subject is dropped. */
  private shown = 0;
  /** The mentions list last shown, and for which note. */
  private lastMentions: { center: string; element: HTMLElement } | null = null;

  constructor(private readonly actions: LinkPanelActions) {}

  clear(message = ''): void {
    this.shown++;
    this.dropGraph();
    this.element.replaceChildren(message ? h('p', { className: 'empty' }, message) : '');
  }

  show(data: LinkPanelData): void {
    const shown = ++this.shown;
    const parts: HTMLElement[] = [this.backlinks(data.backlinks)];
    if (data.mentions) {
      // Refreshing the same note (after each autosave) keeps its last list on
      // screen until the new one arrives, instead of flashing "Looking…".
      const previous = this.lastMentions?.center === data.graphCenter ? this.lastMentions.element : null;
      const pending = previous ?? this.mentionsPending();
      pending.setAttribute('aria-busy', 'true');
      parts.push(pending);
      data.mentions.then(
        (mentions) => {
          if (shown !== this.shown) return;
          const element = this.mentions(mentions);
          pending.replaceWith(element);
          this.lastMentions = { center: data.graphCenter, element };
        },
        (error: unknown) => {
          if (shown === this.shown) pending.replaceWith(this.mentionsFailed(error));
        },
      );
    }
    if (data.outgoing) parts.push(this.outgoing(data.outgoing));
    parts.push(this.localGraph(data.subject, data.graphCenter));
    this.element.replaceChildren(...parts);
  }

  setGraph(data: GraphData): void {
    this.graph?.setData(data);
  }

  refreshTheme(): void {
    this.graph?.refreshTheme();
  }

  private noteLink(id: string, title: string): HTMLAnchorElement {
    return h('a', { className: 'source-link', href: routeToHash({ kind: 'note', id }), title: id, onclick: (e: Event) => { e.preventDefault(); this.actions.openNote(id, e); } }, title);
  }

  private backlinks(backlinks: TitledBacklink[]): HTMLElement {
    const list = h('ul', { className: 'link-list', role: 'list' });
    for (const b of backlinks) {
      list.append(
        h(
          'li',
          { className: 'link-item' },
          h('div', { className: 'link-item-head' }, this.noteLink(b.source, b.title), b.date ? h('time', { datetime: b.date }, formatDate(b.date)) : null),
          h('p', { className: 'link-context' }, contextWithMark(b.context, b.raw)),
        ),
      );
    }
    return section('Backlinks', backlinks.length, backlinks.length ? list : h('p', { className: 'empty' }, 'No notes link here yet.')).section;
  }

  private mentionsPending(): HTMLElement {
    const { section: el } = section('Unlinked mentions', null, h('p', { className: 'empty', role: 'status' }, 'Looking for mentions…'));
    el.setAttribute('aria-busy', 'true');
    return el;
  }

  private mentionsFailed(error: unknown): HTMLElement {
    const reason = error instanceof Error ? error.message : String(error);
    return section('Unlinked mentions', null, h('p', { className: 'empty', role: 'status' }, `Mentions could not be found: ${reason}`)).section;
  }

  private mentions(mentions: TitledMention[]): HTMLElement {
    const list = h('ul', { className: 'link-list', role: 'list' });
    for (const m of mentions) {
      const contextId = uniqueId('mention');
      const button = h('button', { type: 'button', className: 'button small', 'aria-describedby': contextId }, 'Link');
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await this.actions.linkMention(m);
        } finally {
          button.disabled = false;
        }
      });
      list.append(
        h(
          'li',
          { className: 'link-item' },
          h('div', { className: 'link-item-head' }, this.noteLink(m.source, m.title), button),
          h('p', { className: 'link-context', id: contextId }, contextWithMark(m.context, m.text)),
        ),
      );
    }
    const { section: el, header } = section('Unlinked mentions', mentions.length, mentions.length ? list : h('p', { className: 'empty' }, 'No unlinked mentions.'));
    if (mentions.length) {
      const all = h('button', { type: 'button', className: 'button small' }, 'Link all');
      all.addEventListener('click', async () => {
        all.disabled = true;
        try {
          await this.actions.linkAll();
        } finally {
          all.disabled = false;
        }
      });
      header.append(all);
    }
    return el;
  }

  private outgoing(outgoing: OutgoingLink[]): HTMLElement {
    const seen = new Set<string>();
    const list = h('ul', { className: 'link-list compact', role: 'list' });
    for (const o of outgoing) {
      const target = linkTarget(o.resolution, o.heading);
      if (seen.has(target.href)) continue;
      seen.add(target.href);
      const attachment = o.resolution.kind === 'attachment';
      list.append(
        h(
          'li',
          { className: 'link-item' },
          h('a', { href: target.href, className: target.className, target: attachment ? '_blank' : null, rel: attachment ? 'noopener noreferrer' : null }, o.label || o.target),
          o.resolution.kind === 'unresolved' ? h('span', { className: 'badge' }, 'not written') : o.resolution.kind === 'concept' ? h('span', { className: 'badge' }, 'concept') : null,
        ),
      );
    }
    return section('Outgoing links', seen.size, seen.size ? list : h('p', { className: 'empty' }, 'This note links nowhere yet.')).section;
  }

  private localGraph(subject: string, center: string): HTMLElement {
    const label = `Local graph of ${subject}`;
    // Refreshing the same note (after each autosave) keeps its graph: setGraph
    // then updates it in place, keeping node positions, instead of restarting the layout.
    if (this.graph && this.graphRegion?.center === center) {
      this.graph.setLabel(label);
      return this.graphRegion.element;
    }
    this.dropGraph();
    this.graph = new GraphCanvas({ label, onOpen: (n) => this.actions.openNode(n), compact: true, centerId: center });
    const open = h('button', { type: 'button', className: 'button small', onclick: () => this.actions.openGraph() }, 'Open graph');
    const { section: el, header } = section('Local graph', null, this.graph.element);
    header.append(open);
    this.graphRegion = { center, element: el };
    return el;
  }

  private dropGraph(): void {
    this.graph?.destroy();
    this.graph = null;
    this.graphRegion = null;
  }
}
