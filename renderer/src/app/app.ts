// The application: wires the client, the router, the panes and the views, and
// owns what happens when a person moves between notes (the open note is
// saved first) or when the notebook changes underneath (events).

import type { GraphNode, NotebookClient, NotebookEvent, NotebookInfo, NoteListItem, NotePage, SwitchSuggestion, TitledMention } from '../../../electron/core/api';
import { ApiError } from '../../../electron/core/api';
import { noteNameProblem } from '../../../electron/core/api-validate';
import { extensionOf, folderOf, joinId, stemOf } from '../../../electron/core/paths';
import type { TagSummary } from '../../../electron/core/model';
import type { CompletionData } from '../editor/completions';
import { openModal, promptText } from '../ui/dialog';
import { h, formatDate } from '../ui/dom';
import { icon } from '../ui/icons';
import { Layout } from '../ui/layout';
import { displayCombo, ShortcutRegistry } from '../ui/shortcuts';
import { applyTheme, loadTheme, nextTheme, onThemeChange, type ThemeChoice } from '../ui/theme';
import { Toasts } from '../ui/toasts';
import { conceptView } from '../views/concept-view';
import { ConceptListView } from '../views/concept-list';
import { openConflictDialog } from '../views/conflict-dialog';
import { openExportDialog } from '../views/export-dialog';
import { GraphView } from '../views/graph-view';
import { LeftPane } from '../views/left-pane';
import { LinkPanel } from '../views/link-panel';
import { NoteView, type NoteMode } from '../views/note-view';
import { openQuickSwitcher } from '../views/quick-switcher';
import { SearchPanel } from '../views/search-panel';
import { TagListView } from '../views/tag-list';
import { TimelineView } from '../views/timeline';
import { saveConflictCopy } from './conflict-copy';
import { attachmentName, fileToBase64 } from './files';
import { NoteSession } from './note-session';
import { Router } from './router';
import { hashToRoute, routeToHash, type Route } from './routes';
import { SaveStatus } from './save-status';

const UNSAVED_KEY = 'notebook.unsaved.';

type Current =
  | { kind: 'none' }
  | { kind: 'note'; id: string; page: NotePage; session: NoteSession; view: NoteView }
  | { kind: 'concept'; key: string }
  | { kind: 'graph'; view: GraphView };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

export class App {
  private readonly router = new Router();
  private readonly layout = new Layout();
  private readonly toasts = new Toasts();
  private readonly shortcuts = new ShortcutRegistry();
  private readonly saveStatus = new SaveStatus(() => this.reopenConflict());
  private readonly timeline: TimelineView;
  private readonly search: SearchPanel;
  private readonly concepts: ConceptListView;
  private readonly tagList: TagListView;
  private readonly leftPane: LeftPane;
  private readonly linkPanel: LinkPanel;
  private readonly backButton: HTMLButtonElement;
  private readonly forwardButton: HTMLButtonElement;
  private readonly themeButton: HTMLButtonElement;
  private info: NotebookInfo | null = null;
  private notes: NoteListItem[] = [];
  private tags: TagSummary[] = [];
  private current: Current = { kind: 'none' };
  private showSequence = 0;
  private nextMode: NoteMode | null = null;
  private conflictDialog: { close(): void } | null = null;
  private theme: ThemeChoice = loadTheme();
  private readonly completions: CompletionData = { notes: () => this.notes, tags: () => this.tags };
  private readonly refreshLists = debounce(() => void this.loadLists(), 250);
  private readonly refreshCurrentLinks = debounce(() => void this.reloadCurrentMeta(), 300);

  constructor(private readonly client: NotebookClient) {
    applyTheme(this.theme);
    this.timeline = new TimelineView((note) => this.navigate({ kind: 'note', id: note.id }));
    this.search = new SearchPanel(client, { open: (hit) => this.navigate({ kind: 'note', id: hit.id }) });
    this.concepts = new ConceptListView((c) => this.navigate({ kind: 'concept', key: c.key }));
    this.tagList = new TagListView((tag) => void this.openSearch(`tag:${tag}`));
    this.leftPane = new LeftPane({ timeline: this.timeline.element, search: this.search.element, concepts: this.concepts.element, tags: this.tagList.element });
    this.linkPanel = new LinkPanel({
      openNote: (id) => this.navigate({ kind: 'note', id }),
      linkMention: (m) => this.linkMention(m),
      linkAll: () => this.linkAll(),
      openNode: (n) => this.openNode(n),
      openGraph: () => this.navigate({ kind: 'graph' }),
    });
    this.backButton = this.toolButton('back', 'Back (Alt+Left)', () => this.router.back());
    this.forwardButton = this.toolButton('forward', 'Forward (Alt+Right)', () => this.router.forward());
    this.themeButton = this.toolButton('contrast', 'Theme', () => this.cycleTheme());
  }

  async start(root: HTMLElement): Promise<void> {
    this.layout.left.append(this.leftPane.element);
    this.layout.right.append(this.linkPanel.element);
    root.replaceChildren(this.toolbar(), this.layout.element, this.toasts.element);
    this.updateThemeButton();
    this.bindShortcuts();
    this.bindLinks();
    this.bindLifecycle();
    onThemeChange(() => {
      this.linkPanel.refreshTheme();
      if (this.current.kind === 'graph') this.current.view.refreshTheme();
    });
    this.router.onHistoryChange(() => {
      this.backButton.disabled = !this.router.canGoBack;
      this.forwardButton.disabled = !this.router.canGoForward;
    });
    this.router.onRoute((route) => this.show(route).catch((error: unknown) => this.toasts.error(`This page cannot be shown: ${message(error)}`)));
    this.client.onEvent((event) => this.onEvent(event));
    try {
      this.info = await this.client.info({});
      document.title = `${this.info.name} — Research Notebook`;
      this.notebookName.textContent = this.info.name;
      this.notebookName.title = this.info.root;
    } catch (error) {
      this.toasts.error(`The notebook cannot be opened: ${message(error)}`);
    }
    await this.loadLists();
    this.router.refresh();
  }

  /** A command from the desktop app's menu. */
  command(name: string): void {
    const commands: Record<string, () => void> = {
      'new-note': () => void this.newNote(),
      today: () => void this.today(),
      search: () => void this.openSearch(),
      'quick-switcher': () => this.openSwitcher(),
      'toggle-edit': () => this.toggleMode(),
      'toggle-left-sidebar': () => this.layout.toggle('left'),
      'toggle-right-sidebar': () => this.layout.toggle('right'),
      graph: () => this.navigate({ kind: 'graph' }),
      export: () => this.openExport(),
    };
    commands[name]?.();
  }

  // ---- chrome -------------------------------------------------------------

  private readonly notebookName = h('span', { className: 'notebook-name' }, 'Research Notebook');

  private toolButton(iconName: string, label: string, run: () => void, className = 'icon-button'): HTMLButtonElement {
    return h('button', { type: 'button', className, 'aria-label': label, title: label, onclick: () => run() }, icon(iconName));
  }

  private toolbar(): HTMLElement {
    const left = this.toolButton('pane-left', 'Show or hide the notebook pane (Ctrl+\\)', () => this.layout.toggle('left'));
    const right = this.toolButton('pane-right', 'Show or hide the links pane (Ctrl+Shift+\\)', () => this.layout.toggle('right'));
    const text = (label: string, title: string, run: () => void) => h('button', { type: 'button', className: 'tool-button', title, onclick: () => run() }, label);
    return h(
      'header',
      { className: 'toolbar' },
      h('div', { className: 'toolbar-group' }, left, this.backButton, this.forwardButton, this.notebookName),
      h(
        'div',
        { className: 'toolbar-group', role: 'toolbar', 'aria-label': 'Notebook actions' },
        text('Find', 'Quick switcher (Ctrl+O)', () => this.openSwitcher()),
        text('Search', 'Search notes (Ctrl+Shift+F)', () => void this.openSearch()),
        text('Today', "Today's note (Alt+D)", () => void this.today()),
        text('New', 'New note (Alt+N)', () => void this.newNote()),
        text('Graph', 'Graph (Ctrl+Shift+G)', () => this.navigate({ kind: 'graph' })),
        text('Export', 'Export for a blog (Ctrl+Shift+E)', () => this.openExport()),
      ),
      h('div', { className: 'toolbar-group end' }, this.saveStatus.element, this.themeButton, this.toolButton('help', 'Keyboard shortcuts (F1)', () => this.showShortcuts()), right),
    );
  }

  private cycleTheme(): void {
    this.theme = nextTheme(this.theme);
    applyTheme(this.theme);
    this.updateThemeButton();
  }

  private updateThemeButton(): void {
    const label = { system: 'Theme: follows the system', light: 'Theme: light', dark: 'Theme: dark' }[this.theme];
    this.themeButton.setAttribute('aria-label', `${label}. Change theme`);
    this.themeButton.title = label;
    this.themeButton.replaceChildren(icon({ system: 'contrast', light: 'sun', dark: 'moon' }[this.theme]));
  }

  private bindShortcuts(): void {
    const add = (keys: string, description: string, run: () => void) => this.shortcuts.add({ keys, description, run });
    add('Mod+O', 'Quick switcher: find or create a note', () => this.openSwitcher());
    add('Mod+Shift+F', 'Search notes', () => void this.openSearch());
    add('Mod+E', 'Switch between reading and editing', () => this.toggleMode());
    add('Alt+D', "Open today's note", () => void this.today());
    add('Alt+N', 'New note', () => void this.newNote());
    add('Mod+N', 'New note (desktop app)', () => void this.newNote());
    add('Mod+S', 'Save now', () => void this.saveNow());
    add('Alt+ArrowLeft', 'Back', () => this.router.back());
    add('Alt+ArrowRight', 'Forward', () => this.router.forward());
    add('Mod+\\', 'Show or hide the notebook pane', () => this.layout.toggle('left'));
    add('Mod+Shift+\\', 'Show or hide the links pane', () => this.layout.toggle('right'));
    add('Mod+Shift+G', 'Graph of the notebook', () => this.navigate({ kind: 'graph' }));
    add('Mod+Shift+E', 'Export for a blog', () => this.openExport());
    add('Alt+T', 'Go to the timeline', () => this.focusTimeline());
    add('F1', 'Keyboard shortcuts', () => this.showShortcuts());
  }

  private showShortcuts(): void {
    const rows = this.shortcuts.all.map((s) => h('tr', {}, h('td', {}, h('kbd', {}, displayCombo(s.keys))), h('td', {}, s.description)));
    const extra: Array<[string, string]> = [
      ['Enter', 'Open the chosen item in a list'],
      ['↑ ↓', 'Move in lists, search results and the switcher'],
      ['[[', 'Link a note while editing'],
      ['#', 'Add a tag while editing'],
      ['Arrow keys on a splitter', 'Resize a pane; Enter hides it'],
    ];
    const table = h('table', { className: 'shortcut-table' }, h('tbody', {}, ...rows, ...extra.map(([k, d]) => h('tr', {}, h('td', {}, h('kbd', {}, k)), h('td', {}, d)))));
    const { close } = openModal([h('h2', { className: 'dialog-title' }, 'Keyboard shortcuts'), table, h('div', { className: 'dialog-actions' }, h('button', { type: 'button', className: 'button primary', onclick: () => close() }, 'Close'))], { label: 'Keyboard shortcuts' });
  }

  private focusTimeline(): void {
    this.layout.setHidden('left', false);
    this.leftPane.select('timeline');
    this.timeline.focus();
  }

  /** Internal links anywhere in the page go through the router (saving first). */
  private bindLinks(): void {
    document.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const a = (event.target as Element).closest?.('a');
      const href = a?.getAttribute('href');
      if (!a || !href) return;
      if (href.startsWith('#/tag/')) {
        event.preventDefault();
        void this.openSearch(`tag:${decodeURIComponent(href.slice('#/tag/'.length))}`);
      } else if (href.startsWith('#/')) {
        event.preventDefault();
        this.navigate(hashToRoute(href));
      }
    });
  }

  private bindLifecycle(): void {
    window.addEventListener('beforeunload', (event) => {
      if (this.current.kind !== 'note') return;
      const { session } = this.current;
      if (session.dirty || session.saveState === 'conflict') {
        void session.flush();
        this.stashUnsaved(session);
        event.preventDefault();
        event.returnValue = '';
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && this.current.kind === 'note') void this.current.session.flush();
    });
    window.addEventListener('blur', () => {
      if (this.current.kind === 'note') void this.current.session.flush();
    });
  }

  // ---- data ---------------------------------------------------------------

  private async loadLists(): Promise<void> {
    try {
      const [notes, tags] = await Promise.all([this.client.timeline({}), this.client.tags({})]);
      this.notes = notes;
      this.tags = tags;
      this.timeline.setNotes(notes);
      this.concepts.setNotes(notes);
      this.tagList.setTags(tags);
    } catch (error) {
      this.toasts.error(`The timeline cannot be loaded: ${message(error)}`);
    }
  }

  private onEvent(event: NotebookEvent): void {
    switch (event.type) {
      case 'note-changed':
      case 'conflict':
        if (this.current.kind === 'note' && this.current.id === event.id) void this.current.session.externalChange();
        else this.refreshCurrentLinks();
        this.refreshLists();
        this.search.refresh();
        break;
      case 'note-added':
      case 'note-removed':
        this.refreshLists();
        this.refreshCurrentLinks();
        this.search.refresh();
        if (event.type === 'note-removed' && this.current.kind === 'note' && this.current.id === event.id) void this.current.session.externalChange();
        break;
      case 'index-ready':
        this.search.refresh();
        if (this.info) this.info.indexReady = true;
        break;
    }
  }

  // ---- navigation -----------------------------------------------------------

  navigate(route: Route): void {
    this.router.navigate(route);
  }

  private async show(route: Route): Promise<void> {
    const sequence = ++this.showSequence;
    if (route.kind === 'note' && this.current.kind === 'note' && this.current.id === route.id) {
      // Same note (a heading link, or Enter on the open note): no reload.
      if (route.heading) this.current.view.scrollToHeading(route.heading);
      return;
    }
    await this.leave();
    if (sequence !== this.showSequence) return;
    const center = this.layout.center;
    center.setAttribute('aria-busy', 'true');
    try {
      switch (route.kind) {
        case 'home':
          this.showHome();
          break;
        case 'note':
          await this.showNote(route.id, route.heading, sequence);
          break;
        case 'concept':
          await this.showConcept(route.key, sequence);
          break;
        case 'graph':
          await this.showGraph(sequence);
          break;
      }
    } finally {
      if (sequence === this.showSequence) center.removeAttribute('aria-busy');
    }
  }

  /** Leaves the current view; the open note is saved (or its text kept) first. */
  private async leave(): Promise<void> {
    const current = this.current;
    this.current = { kind: 'none' };
    this.conflictDialog?.close();
    this.conflictDialog = null;
    if (current.kind === 'graph') current.view.destroy();
    if (current.kind !== 'note') return;
    const { session, view, id } = current;
    try {
      await session.flush();
    } catch (error) {
      this.toasts.error(`Saving ${current.page.note.title} failed: ${message(error)}`);
    }
    if (session.saveState === 'conflict' && session.conflict) {
      // Leaving an unresolved conflict keeps the editor's text as a conflict copy.
      try {
        const copy = await saveConflictCopy(this.client, id, session.conflict.mine);
        this.toasts.show(`Your version of ${current.page.note.title} was kept as ${stemOf(copy)}.`, { action: { label: 'Open', run: () => this.navigate({ kind: 'note', id: copy }) } });
      } catch (error) {
        this.stashUnsaved(session);
        this.toasts.error(`Your version of ${current.page.note.title} is kept in this browser until it can be saved: ${message(error)}`);
      }
    } else if (session.dirty) {
      this.stashUnsaved(session);
      this.toasts.error(`${current.page.note.title} could not be saved; your text is kept and offered when you open it again.`);
    }
    session.dispose();
    view.destroy();
    this.saveStatus.set(null);
  }

  private stashUnsaved(session: NoteSession): void {
    try {
      localStorage.setItem(UNSAVED_KEY + session.id, JSON.stringify({ text: session.conflict?.mine ?? session.text, at: Date.now() }));
    } catch {
      // Storage full: the toast already told the person.
    }
  }

  private showHome(): void {
    this.timeline.setCurrent(null);
    // this.notes is core's timeline(): newest first already.
    const recent = this.notes.filter((n) => n.date).slice(0, 8);
    const info = this.info;
    const keys: Array<[string, string]> = [
      ['Mod+O', 'find or create a note'],
      ['Mod+Shift+F', 'search'],
      ['Alt+D', "today's note"],
      ['Mod+E', 'read or edit'],
    ];
    const page = h(
      'article',
      { className: 'home-page' },
      h('header', { className: 'note-header' }, h('div', { className: 'note-meta' }, info ? `${info.noteCount} notes · ${info.root}` : ''), h('h1', { className: 'note-title' }, info?.name ?? 'Research Notebook')),
      h(
        'div',
        { className: 'home-actions' },
        h('button', { type: 'button', className: 'button primary', onclick: () => void this.today() }, "Today's note"),
        h('button', { type: 'button', className: 'button', onclick: () => void this.newNote() }, 'New note'),
        h('button', { type: 'button', className: 'button', onclick: () => this.openSwitcher() }, 'Find a note'),
      ),
      recent.length
        ? h(
            'section',
            { className: 'home-recent', 'aria-labelledby': 'home-recent-title' },
            h('h2', { id: 'home-recent-title' }, 'Latest notes'),
            h('ul', { className: 'plain-list' }, ...recent.map((n) => h('li', {}, h('a', { href: routeToHash({ kind: 'note', id: n.id }) }, n.title), ' ', h('time', { datetime: n.date! }, formatDate(n.date))))),
          )
        : null,
      h('section', { className: 'home-keys', 'aria-label': 'Keys' }, h('ul', { className: 'plain-list' }, ...keys.map(([k, d]) => h('li', {}, h('kbd', {}, displayCombo(k)), ` ${d}`)))),
      info && info.skipped.length
        ? h('details', { className: 'warnings' }, h('summary', {}, `${info.skipped.length} files not indexed`), h('ul', {}, ...info.skipped.map((s) => h('li', {}, `${s.path}: ${s.reason}`))))
        : null,
    );
    this.layout.center.replaceChildren(page);
    this.linkPanel.clear('Open a note to see who links to it.');
    document.title = `${info?.name ?? 'Research Notebook'} — Research Notebook`;
  }

  private showError(title: string, text: string): void {
    this.layout.center.replaceChildren(h('article', { className: 'error-page' }, h('h1', { className: 'note-title' }, title), h('p', {}, text)));
    this.linkPanel.clear();
  }

  private async showNote(id: string, heading: string | undefined, sequence: number): Promise<void> {
    let page: NotePage;
    try {
      page = await this.client.getNote({ id });
    } catch (error) {
      if (sequence !== this.showSequence) return;
      if (error instanceof ApiError && error.code === 'not-found') this.showError('Note not found', `There is no note at ${id}. It may have been renamed or deleted.`);
      else this.showError('This note cannot be opened', message(error));
      return;
    }
    if (sequence !== this.showSequence) return;
    const mode: NoteMode = this.nextMode ?? 'read';
    this.nextMode = null;
    let view: NoteView | null = null;
    const session = new NoteSession(this.client, page, {
      onState: (state) => this.saveStatus.set(state),
      onConflict: () => this.reopenConflict(),
      onReload: (fresh) => {
        if (this.current.kind !== 'note' || this.current.session !== session) return;
        this.current.page = fresh;
        view?.update(fresh, { reloadText: true });
        this.showLinks(fresh);
      },
      onRemoved: () => void this.noteRemovedOutside(session, page.note.title),
      onError: (error) => this.toasts.error(`Saving failed: ${message(error)}. It will be tried again.`),
      onSaved: () => this.refreshCurrentLinks(),
    });
    view = new NoteView(page, session, this.client, this.completions, {
      rename: () => void this.rename(),
      remove: () => void this.remove(),
      openConcept: (key) => this.navigate({ kind: 'concept', key }),
      onImage: (file) => this.saveImage(session.id, file),
      onModeChange: (m) => {
        // Back in the reader: save, then show the links as saved.
        if (m === 'read') void session.flush().then(() => this.refreshCurrentLinks());
      },
    }, mode);
    this.current = { kind: 'note', id, page, session, view };
    this.layout.center.replaceChildren(view.element);
    this.layout.center.scrollTop = 0;
    this.saveStatus.set(session.saveState);
    this.timeline.setCurrent(id);
    this.showLinks(page);
    document.title = `${page.note.title} — ${this.info?.name ?? 'Research Notebook'}`;
    if (mode === 'edit') view.focusEditorEnd();
    else if (heading) view.scrollToHeading(heading);
    this.offerUnsaved(session, view);
  }

  /** Another program moved or deleted the open note: keep unsaved text as a new note, then step away. */
  private async noteRemovedOutside(session: NoteSession, title: string): Promise<void> {
    if (this.current.kind !== 'note' || this.current.session !== session) return;
    const current = this.current;
    this.current = { kind: 'none' };
    session.dispose();
    current.view.destroy();
    this.saveStatus.set(null);
    if (session.dirty || session.saveState === 'conflict') {
      try {
        const copy = await saveConflictCopy(this.client, session.id, session.conflict?.mine ?? session.text);
        this.toasts.show(`${title} was moved or deleted outside the app; your unsaved text is in ${stemOf(copy)}.`, { action: { label: 'Open', run: () => this.navigate({ kind: 'note', id: copy }) } });
      } catch (error) {
        this.stashUnsaved(session);
        this.toasts.error(`${title} was moved or deleted outside the app; your unsaved text is kept in this browser (${message(error)}).`);
      }
    } else {
      this.toasts.show(`${title} was moved or deleted outside the app.`);
    }
    this.router.navigate({ kind: 'home' }, { replace: true });
  }

  /** Text kept from a save that failed earlier is offered back, never applied silently. */
  private offerUnsaved(session: NoteSession, view: NoteView): void {
    const raw = localStorage.getItem(UNSAVED_KEY + session.id);
    if (!raw) return;
    let kept: { text: string; at: number };
    try {
      kept = JSON.parse(raw) as { text: string; at: number };
    } catch {
      localStorage.removeItem(UNSAVED_KEY + session.id);
      return;
    }
    if (kept.text === session.text) {
      localStorage.removeItem(UNSAVED_KEY + session.id);
      return;
    }
    this.toasts.show(`Unsaved text of this note from ${new Date(kept.at).toLocaleString()} was kept.`, {
      timeout: 60_000,
      action: {
        label: 'Restore it',
        run: () => {
          view.setMode('edit');
          session.edit(kept.text);
          view.showSessionText();
          localStorage.removeItem(UNSAVED_KEY + session.id);
        },
      },
    });
  }

  private showLinks(page: NotePage): void {
    // Mentions scan every note, so they come after the page; the panel drops a late answer.
    const mentions = this.client.mentions({ id: page.note.id });
    this.linkPanel.show({ subject: page.note.title, backlinks: page.backlinks, mentions, outgoing: page.outgoing, graphCenter: page.note.id });
    void this.client
      .graph({ center: page.note.id, depth: 1 })
      .then((data) => this.linkPanel.setGraph(data))
      .catch(() => undefined);
  }

  /** Fresh backlinks and outgoing links for what is on screen, without touching the editor. */
  private async reloadCurrentMeta(): Promise<void> {
    const current = this.current;
    if (current.kind === 'concept') {
      const page = await this.client.getConcept({ key: current.key }).catch(() => null);
      if (page && this.current === current) this.linkPanel.show({ subject: page.name, backlinks: page.backlinks, mentions: null, outgoing: null, graphCenter: `concept:${page.key}` });
      return;
    }
    if (current.kind !== 'note') return;
    const page = await this.client.getNote({ id: current.id }).catch(() => null);
    if (!page || this.current !== current) return;
    // Only trust it when it describes the text the session knows is on disk.
    if (page.version.hash !== current.session.version.hash) return;
    current.page = page;
    current.view.update(page, { reloadText: false });
    this.showLinks(page);
  }

  private async showConcept(key: string, sequence: number): Promise<void> {
    let page;
    try {
      page = await this.client.getConcept({ key });
    } catch (error) {
      if (sequence === this.showSequence) this.showError('Concept not found', message(error));
      return;
    }
    if (sequence !== this.showSequence) return;
    this.current = { kind: 'concept', key };
    this.timeline.setCurrent(null);
    this.layout.center.replaceChildren(
      conceptView(page, this.client, {
        openNote: (id) => this.navigate({ kind: 'note', id }),
        create: (name) => void this.createNamed(name),
      }),
    );
    this.layout.center.scrollTop = 0;
    this.linkPanel.show({ subject: page.name, backlinks: page.backlinks, mentions: null, outgoing: null, graphCenter: `${page.unresolved ? 'unresolved' : 'concept'}:${page.key}` });
    void this.client
      .graph({ center: `${page.unresolved ? 'unresolved' : 'concept'}:${page.key}`, depth: 1 })
      .then((data) => this.linkPanel.setGraph(data))
      .catch(() => undefined);
    document.title = `${page.name} — ${this.info?.name ?? 'Research Notebook'}`;
  }

  private async showGraph(sequence: number): Promise<void> {
    const view = new GraphView((node) => this.openNode(node));
    this.layout.center.replaceChildren(view.element);
    this.current = { kind: 'graph', view };
    this.timeline.setCurrent(null);
    this.linkPanel.clear('Click a node, or choose one in the list, to open it.');
    document.title = `Graph — ${this.info?.name ?? 'Research Notebook'}`;
    try {
      const data = await this.client.graph({});
      if (sequence === this.showSequence) view.setData(data);
    } catch (error) {
      this.toasts.error(`The graph cannot be loaded: ${message(error)}`);
    }
  }

  private openNode(node: GraphNode): void {
    if (node.kind === 'note') this.navigate({ kind: 'note', id: node.id });
    else if (node.kind === 'tag') void this.openSearch(`tag:${node.id.replace(/^tag:/, '')}`);
    else this.navigate({ kind: 'concept', key: node.id.replace(/^(concept|unresolved):/, '') });
  }

  // ---- actions ----------------------------------------------------------------

  private toggleMode(): void {
    if (this.current.kind === 'note') this.current.view.toggleMode();
  }

  private async saveNow(): Promise<void> {
    if (this.current.kind === 'note') await this.current.session.flush();
  }

  private async openSearch(query?: string): Promise<void> {
    this.layout.setHidden('left', false);
    this.leftPane.select('search');
    if (query !== undefined) await this.search.setQuery(query);
    this.search.focus();
  }

  private openSwitcher(): void {
    if (document.querySelector('dialog.quick-switcher')) return;
    openQuickSwitcher(this.client, {
      choose: (s: SwitchSuggestion) => {
        if (s.kind === 'note') this.navigate({ kind: 'note', id: s.target });
        else this.navigate({ kind: 'concept', key: s.target });
      },
      create: (name) => void this.createNamed(name),
    });
  }

  private openExport(): void {
    openExportDialog(this.client, { root: this.info?.root ?? '' }, (report) => {
      this.toasts.show(`Exported ${report.notes.length} notes.`);
    });
  }

  private async today(): Promise<void> {
    try {
      const result = await this.client.createNote({ kind: 'today' });
      this.openCreated(result.id);
      if (result.created) this.refreshLists();
    } catch (error) {
      this.toasts.error(`Today's note cannot be created: ${message(error)}`);
    }
  }

  private async newNote(): Promise<void> {
    const name = await promptText({ title: 'New note', label: 'Name', confirm: 'Create', hint: 'Start the name with a date (2025-01-31 …) to make it a dated note.' });
    if (name) await this.createNamed(name);
  }

  private async createNamed(name: string): Promise<void> {
    try {
      const result = await this.client.createNote({ kind: 'named', name });
      if (!result.created) this.toasts.show(`${name} already exists; it is open now.`);
      this.openCreated(result.id);
      this.refreshLists();
    } catch (error) {
      this.toasts.error(`The note cannot be created: ${message(error)}`);
    }
  }

  /** Opens a note that was just created (or already existed) ready for writing. */
  private openCreated(id: string): void {
    if (this.current.kind === 'note' && this.current.id === id) {
      this.current.view.setMode('edit');
      this.current.view.focusEditorEnd();
      return;
    }
    this.nextMode = 'edit';
    this.navigate({ kind: 'note', id });
  }

  private async rename(): Promise<void> {
    if (this.current.kind !== 'note') return;
    const current = this.current;
    const stem = stemOf(current.id);
    const name = await promptText({ title: 'Rename note', label: 'New name', value: stem, confirm: 'Rename', hint: 'Links to this note in other notes are updated.' });
    if (!name || name === stem || this.current !== current) return;
    // A rename keeps the note in its folder, so the name is one segment.
    const problem = name.includes('/') ? 'must not contain "/": a rename keeps the note in its folder' : noteNameProblem(name);
    if (problem) {
      this.toasts.error(`The new name ${problem}.`);
      return;
    }
    await current.session.flush();
    try {
      const result = await this.client.renameNote({ id: current.id, newId: joinId(folderOf(current.id), `${name}${extensionOf(current.id)}`) });
      this.toasts.show(result.changed.length ? `Renamed; links updated in ${result.changed.length} ${result.changed.length === 1 ? 'note' : 'notes'}.` : 'Renamed.');
      this.current = { kind: 'none' };
      current.session.dispose();
      current.view.destroy();
      this.router.navigate({ kind: 'note', id: result.id }, { replace: true });
      this.refreshLists();
    } catch (error) {
      this.toasts.error(`The note cannot be renamed: ${message(error)}`);
    }
  }

  private async remove(): Promise<void> {
    if (this.current.kind !== 'note') return;
    const current = this.current;
    await current.session.flush();
    try {
      const result = await this.client.deleteNote({ id: current.id });
      this.current = { kind: 'none' };
      current.session.dispose();
      current.view.destroy();
      this.saveStatus.set(null);
      this.navigate({ kind: 'home' });
      this.refreshLists();
      this.toasts.show(`Deleted ${current.page.note.title}${result.trashedTo === 'os-trash' ? ' (moved to the trash)' : ''}.`, {
        action: {
          label: 'Undo',
          run: async () => {
            try {
              const back = await this.client.undoDelete({ undoToken: result.undoToken });
              this.refreshLists();
              this.navigate({ kind: 'note', id: back.id });
            } catch (error) {
              this.toasts.error(`The note cannot be brought back: ${message(error)}`);
            }
          },
        },
      });
    } catch (error) {
      this.toasts.error(`The note cannot be deleted: ${message(error)}`);
    }
  }

  private async saveImage(forNote: string, file: File): Promise<string | null> {
    try {
      const dataBase64 = await fileToBase64(file);
      const result = await this.client.saveAttachment({ forNote, name: attachmentName(file), dataBase64 });
      return result.markdown;
    } catch (error) {
      this.toasts.error(`The image cannot be saved: ${message(error)}`);
      return null;
    }
  }

  private async linkMention(mention: TitledMention): Promise<void> {
    if (this.current.kind !== 'note') return;
    await this.current.session.flush();
    try {
      const result = await this.client.linkMentions({ target: this.current.id, mentions: [{ source: mention.source, offset: mention.offset }] });
      this.toasts.show(result.linked ? `Linked in ${mention.title}.` : 'That mention changed; nothing was linked.');
    } catch (error) {
      this.toasts.error(`The mention cannot be linked: ${message(error)}`);
    }
    await this.reloadCurrentMeta();
  }

  private async linkAll(): Promise<void> {
    if (this.current.kind !== 'note') return;
    await this.current.session.flush();
    try {
      const result = await this.client.linkMentions({ target: this.current.id });
      this.toasts.show(`Linked ${result.linked} ${result.linked === 1 ? 'mention' : 'mentions'} in ${result.changed.length} ${result.changed.length === 1 ? 'note' : 'notes'}.`);
    } catch (error) {
      this.toasts.error(`The mentions cannot be linked: ${message(error)}`);
    }
    await this.reloadCurrentMeta();
  }

  // ---- conflicts --------------------------------------------------------------

  private reopenConflict(): void {
    if (this.current.kind !== 'note') return;
    const current = this.current;
    const conflict = current.session.conflict;
    if (!conflict) return;
    this.conflictDialog?.close();
    this.conflictDialog = openConflictDialog(current.page.note.title, conflict, {
      keepMine: async () => {
        const latest = current.session.conflict ?? conflict;
        const copy = await saveConflictCopy(this.client, current.id, latest.disk);
        await current.session.keepMine();
        this.toasts.show(`Your version is saved; the disk version is kept as ${stemOf(copy)}.`, { action: { label: 'Open it', run: () => this.navigate({ kind: 'note', id: copy }) } });
        this.refreshLists();
      },
      useDisk: async () => {
        const latest = current.session.conflict ?? conflict;
        const copy = await saveConflictCopy(this.client, current.id, latest.mine);
        current.session.useDisk();
        current.view.showSessionText();
        this.toasts.show(`The disk version is open; yours is kept as ${stemOf(copy)}.`, { action: { label: 'Open it', run: () => this.navigate({ kind: 'note', id: copy }) } });
        this.refreshLists();
        this.refreshCurrentLinks();
      },
    });
  }
}

