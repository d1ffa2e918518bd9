// The centre pane for one note: its title (the page's h1), date, path and
// tags, then either the reader or the editor. Ctrl+E switches between them.

import type { NotebookClient, NotePage } from '../../../electron/core/api';
import { baseNameOf, folderOf } from '../../../electron/core/paths';
import type { NoteSession } from '../app/note-session';
import type { CompletionData } from '../editor/completions';
import { NoteEditor } from '../editor/editor';
import { headingSlug, tagHref } from '../render/markdown';
import { renderReader } from '../render/reader';
import { append, formatDate, h } from '../ui/dom';

export type NoteMode = 'read' | 'edit';

export interface NoteViewActions {
  rename(): void;
  remove(): void;
  openConcept(key: string): void;
  onImage(file: File): Promise<string | null>;
  onModeChange(mode: NoteMode): void;
}

export class NoteView {
  readonly element: HTMLElement;
  private readonly body = h('div', { className: 'note-body' });
  private readonly header = h('header', { className: 'note-header' });
  private readonly modeButton: HTMLButtonElement;
  private editor: NoteEditor | null = null;
  private mode: NoteMode;
  private page: NotePage;

  constructor(
    page: NotePage,
    private readonly session: NoteSession,
    private readonly client: NotebookClient,
    private readonly completions: CompletionData,
    private readonly actions: NoteViewActions,
    mode: NoteMode,
  ) {
    this.page = page;
    this.mode = page.readOnly ? 'read' : mode;
    this.modeButton = h('button', { type: 'button', className: 'button', onclick: () => this.toggleMode(), disabled: page.readOnly, 'aria-keyshortcuts': 'Control+E' });
    this.element = h('article', { className: 'note-page' }, this.header, this.body);
    this.renderHeader();
    this.renderBody();
  }

  get currentMode(): NoteMode {
    return this.mode;
  }

  get id(): string {
    return this.page.note.id;
  }

  toggleMode(): void {
    this.setMode(this.mode === 'read' ? 'edit' : 'read');
  }

  setMode(mode: NoteMode): void {
    if (this.page.readOnly) mode = 'read';
    if (mode === this.mode && (mode === 'read' || this.editor)) {
      if (mode === 'edit') this.editor?.focus();
      return;
    }
    this.mode = mode;
    this.renderHeader();
    this.renderBody();
    if (mode === 'edit') this.editor?.focus();
    else this.body.querySelector<HTMLElement>('.reader')?.focus();
    this.actions.onModeChange(mode);
  }

  /** New metadata from the service (after a save or an external change). */
  update(page: NotePage, options: { reloadText: boolean }): void {
    this.page = page;
    this.renderHeader();
    if (!options.reloadText) {
      if (this.mode === 'read') this.renderBody();
      return;
    }
    if (this.editor) this.editor.setText(this.session.text);
    else this.renderBody();
  }

  /** Shows the text the session now holds (conflict resolved with the disk version). */
  showSessionText(): void {
    if (this.editor) this.editor.setText(this.session.text);
    else this.renderBody();
  }

  focusEditorEnd(): void {
    this.editor?.focusEnd();
  }

  scrollToHeading(heading: string): void {
    const target = this.body.querySelector(`#${CSS.escape(headingSlug(heading))}`);
    target?.scrollIntoView({ block: 'start' });
  }

  destroy(): void {
    this.editor?.destroy();
    this.editor = null;
  }

  private renderHeader(): void {
    const { note } = this.page;
    const folder = folderOf(note.id);
    this.modeButton.textContent = this.mode === 'read' ? 'Edit' : 'Read';
    this.modeButton.setAttribute('aria-label', this.mode === 'read' ? 'Edit note (Ctrl+E)' : 'Read note (Ctrl+E)');
    const meta = h(
      'div',
      { className: 'note-meta' },
      note.date ? h('time', { datetime: note.date, className: 'note-date' }, formatDate(note.date)) : h('span', { className: 'note-date undated' }, 'Undated'),
      h('span', { className: 'note-path', title: note.id }, folder ? `${folder}/` : '', h('span', {}, baseNameOf(note.id))),
      this.page.readOnly ? h('span', { className: 'badge warning' }, 'Read-only') : null,
    );
    const tags = note.tags.length ? h('ul', { className: 'tag-row', role: 'list', 'aria-label': 'Tags' }, ...note.tags.map((t) => h('li', {}, h('a', { className: 'tag', href: tagHref(t) }, `#${t}`)))) : null;
    const aliases = note.aliases.length ? h('p', { className: 'aliases' }, 'Also called ', note.aliases.join(', ')) : null;
    const warnings = this.page.warnings.length
      ? h('details', { className: 'warnings' }, h('summary', {}, `${this.page.warnings.length} ${this.page.warnings.length === 1 ? 'warning' : 'warnings'}`), h('ul', {}, ...this.page.warnings.map((w) => h('li', {}, w.line ? `Line ${w.line}: ${w.message}` : w.message))))
      : null;
    const actions = h(
      'div',
      { className: 'note-actions', role: 'toolbar', 'aria-label': 'Note actions' },
      this.modeButton,
      h('button', { type: 'button', className: 'button quiet', onclick: () => this.actions.openConcept(this.page.concept) }, 'Concept'),
      h('button', { type: 'button', className: 'button quiet', onclick: () => this.actions.rename(), disabled: this.page.readOnly }, 'Rename'),
      h('button', { type: 'button', className: 'button quiet danger', onclick: () => this.actions.remove() }, 'Delete'),
    );
    this.header.replaceChildren();
    append(this.header, meta, h('h1', { className: 'note-title' }, note.title), aliases, tags, warnings, actions);
  }

  private renderBody(): void {
    this.editor?.destroy();
    this.editor = null;
    if (this.mode === 'edit') {
      const host = h('div', { className: 'editor-host' });
      this.body.replaceChildren(host);
      this.editor = new NoteEditor(host, {
        doc: this.session.text,
        readOnly: this.page.readOnly,
        completions: this.completions,
        onChange: (text) => this.session.edit(text),
        onImage: (file) => this.actions.onImage(file),
      });
      return;
    }
    const reader = h('div', { className: 'reader markdown', tabindex: '-1' });
    this.body.replaceChildren(reader);
    void renderReader(reader, { id: this.page.note.id, source: this.session.text, outgoing: this.page.outgoing, title: this.page.note.title }, this.client);
  }
}
