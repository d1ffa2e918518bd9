// Full-text search in the left pane: results while typing (debounced), ranked
// hits with snippets whose matched words are <mark>ed from the service's
// offsets (built node by node, never as HTML), a query error in place, and a
// hint while the index is still being built.

import type { NotebookClient, SearchHit, SearchResult } from '../../../electron/core/api';
import { routeToHash } from '../app/routes';
import { formatDate, h, markedText } from '../ui/dom';

const DEBOUNCE_MS = 150;
const LIMIT = 100;

export interface SearchPanelOptions {
  open(hit: SearchHit, event: Event): void;
}

export class SearchPanel {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly results: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly hint: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  /** The hit behind each result link. */
  private readonly hits = new WeakMap<HTMLElement, SearchHit>();

  constructor(
    private readonly client: NotebookClient,
    private readonly options: SearchPanelOptions,
  ) {
    this.input = h('input', {
      type: 'search',
      className: 'search-input',
      'aria-label': 'Search notes',
      placeholder: 'Search notes…',
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-describedby': 'search-error search-status',
    });
    this.error = h('p', { className: 'search-error', id: 'search-error', hidden: true });
    this.status = h('p', { className: 'search-status', id: 'search-status' });
    this.hint = h('p', { className: 'search-hint', hidden: true }, 'Searching without the index while it is being built; results may be incomplete.');
    this.results = h('ul', { className: 'search-results', role: 'list', 'aria-label': 'Search results' });
    this.element = h(
      'section',
      { className: 'search-panel', 'aria-label': 'Search' },
      h('div', { className: 'search-box' }, this.input),
      this.error,
      this.hint,
      this.status,
      this.results,
      h(
        'details',
        { className: 'search-help' },
        h('summary', {}, 'Search syntax'),
        h(
          'ul',
          {},
          ...[
            ['nix flakes', 'all words'],
            ['nix OR guix', 'either word'],
            ['"exact phrase"', 'a phrase'],
            ['-draft', 'without a word'],
            ['conf*', 'prefix'],
            ['flaek~1', 'fuzzy'],
            ['title:nixos  tag:blog  path:2025', 'fields'],
            ['after:2025-01-01  before:2025-03-01', 'dates'],
          ].map(([syntax, meaning]) => h('li', {}, h('code', {}, syntax), ` ${meaning}`)),
        ),
      ),
    );
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.focusHit(0);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(this.timer);
        void this.run().then(() => this.focusHit(0));
      } else if (event.key === 'Escape' && this.input.value !== '') {
        event.preventDefault();
        this.setQuery('');
      }
    });
    this.results.addEventListener('keydown', (event) => this.onResultsKey(event));
    this.results.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('a.hit');
      if (!link) return;
      event.preventDefault();
      const hit = this.hits.get(link);
      if (hit) this.options.open(hit, event);
    });
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  /** Sets the query (e.g. `tag:nix` from a tag) and runs it now. */
  setQuery(query: string): Promise<void> {
    this.input.value = query;
    clearTimeout(this.timer);
    return this.run();
  }

  /** Runs the current query again (the index became ready, a note changed). */
  refresh(): void {
    if (this.input.value.trim() !== '') void this.run();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  private async run(): Promise<void> {
    const query = this.input.value.trim();
    const sequence = ++this.sequence;
    if (query === '') {
      this.show({ hits: [], total: 0, mode: 'index' }, '');
      return;
    }
    this.element.setAttribute('aria-busy', 'true');
    try {
      const result = await this.client.search({ query, limit: LIMIT });
      if (sequence !== this.sequence) return; // a newer query is on its way
      this.show(result, query);
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.show({ hits: [], total: 0, mode: 'index', error: error instanceof Error ? error.message : String(error) }, query);
    } finally {
      if (sequence === this.sequence) this.element.removeAttribute('aria-busy');
    }
  }

  private show(result: SearchResult, query: string): void {
    this.error.hidden = !result.error;
    this.error.textContent = result.error ? `Query error: ${result.error}` : '';
    this.input.setAttribute('aria-invalid', String(Boolean(result.error)));
    this.hint.hidden = result.mode !== 'scan' || query === '';
    if (query === '' || result.error) this.status.textContent = '';
    else if (result.total === 0) this.status.textContent = 'No notes match.';
    else if (result.total > result.hits.length) this.status.textContent = `Showing ${result.hits.length} of ${result.total} notes`;
    else this.status.textContent = `${result.total} ${result.total === 1 ? 'note' : 'notes'}`;
    this.results.replaceChildren(...result.hits.map((hit) => this.renderHit(hit)));
  }

  private renderHit(hit: SearchHit): HTMLLIElement {
    const link = h(
      'a',
      { className: 'hit', href: routeToHash({ kind: 'note', id: hit.id }), title: hit.id },
      h('span', { className: 'hit-head' }, h('span', { className: 'hit-title' }, hit.title), hit.date ? h('time', { className: 'hit-date', datetime: hit.date }, formatDate(hit.date)) : null),
      h('span', { className: 'hit-snippet' }, markedText(hit.snippet, hit.marks)),
    );
    this.hits.set(link, hit);
    return h('li', { className: 'hit-item' }, link);
  }

  private focusHit(index: number): void {
    const links = [...this.results.querySelectorAll<HTMLAnchorElement>('a.hit')];
    links[Math.max(0, Math.min(index, links.length - 1))]?.focus();
  }

  private onResultsKey(event: KeyboardEvent): void {
    const links = [...this.results.querySelectorAll<HTMLAnchorElement>('a.hit')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (at === 0) this.input.focus();
      else links[at - 1].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.input.focus();
    }
  }
}
