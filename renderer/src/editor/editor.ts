// The Markdown editor: CodeMirror 6 with history, search, bracket closing,
// `[[`/`#` completion, wikilink and tag highlighting, and image paste/drop.
// It only reports changes; saving belongs to the note session.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorSelection, EditorState, Transaction } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  keymap,
  MatchDecorator,
  placeholder,
  ViewPlugin,
  type ViewUpdate,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { tagCompletion, wikilinkCompletion, type CompletionData } from './completions';

export interface EditorOptions {
  doc: string;
  readOnly: boolean;
  completions: CompletionData;
  onChange(text: string): void;
  /** An image was pasted or dropped: resolve with the Markdown to insert, or null. */
  onImage(file: File): Promise<string | null>;
}

const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontSize: '1.45em', fontWeight: '700' },
  { tag: t.heading2, fontSize: '1.25em', fontWeight: '700' },
  { tag: t.heading3, fontSize: '1.1em', fontWeight: '700' },
  { tag: [t.heading4, t.heading5, t.heading6], fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--accent)' },
  { tag: t.monospace, fontFamily: 'var(--font-mono)', color: 'var(--code-fg)' },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator], color: 'var(--muted)' },
  { tag: t.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: t.comment, color: 'var(--muted)' },
  { tag: [t.keyword, t.atom, t.bool], color: 'var(--syntax-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syntax-string)' },
  { tag: [t.number], color: 'var(--syntax-number)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'transparent', color: 'var(--fg)' },
  '.cm-scroller': { fontFamily: 'var(--font-text)', lineHeight: '1.65', overflow: 'auto' },
  '.cm-content': { padding: '0.25rem 0 40vh', caretColor: 'var(--accent)' },
  '.cm-line': { padding: '0 2px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-gutters': { display: 'none' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)', border: '1px solid var(--border)', borderRadius: '6px', boxShadow: 'var(--shadow)' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-ui)', maxHeight: '16em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '3px 8px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-completionDetail': { opacity: '0.75', marginLeft: '1em', fontStyle: 'normal' },
  '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--fg)', borderColor: 'var(--border)' },
  '.cm-searchMatch': { backgroundColor: 'var(--mark)' },
  '.cm-placeholder': { color: 'var(--muted)' },
});

function decoratePattern(pattern: RegExp, className: string) {
  const decorator = new MatchDecorator({ regexp: pattern, decoration: Decoration.mark({ class: className }) });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (v) => v.decorations },
  );
}

function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((f) => f.type.startsWith('image/'));
}

export class NoteEditor {
  readonly view: EditorView;
  private silent = false;

  constructor(parent: HTMLElement, private readonly options: EditorOptions) {
    const insertImages = (view: EditorView, files: File[], at: number) => {
      void (async () => {
        let pos = at;
        for (const file of files) {
          const markdownText = await options.onImage(file);
          if (markdownText === null) continue;
          const insert = markdownText + '\n';
          view.dispatch({ changes: { from: pos, insert }, selection: { anchor: pos + insert.length }, userEvent: 'input.paste' });
          pos += insert.length;
        }
      })();
    };
    const state = EditorState.create({
      doc: options.doc,
      extensions: [
        // Keep the file's own line endings: CodeMirror would otherwise write \n.
        options.doc.includes('\r\n') ? EditorState.lineSeparator.of('\r\n') : [],
        history(),
        drawSelection(),
        dropCursor(),
        indentOnInput(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        autocompletion({ override: [wikilinkCompletion(options.completions), tagCompletion(options.completions)], icons: false }),
        markdown({ base: markdownLanguage }),
        syntaxHighlighting(markdownHighlight),
        decoratePattern(/!?\[\[[^\]\n]+\]\]/g, 'cm-wikilink'),
        decoratePattern(/(?<=^|[\s(,])#[\p{L}_/-][\p{L}\p{N}_/-]*/gu, 'cm-hashtag'),
        EditorView.lineWrapping,
        theme,
        placeholder('Write here. [[ links a note, # adds a tag.'),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
        EditorState.readOnly.of(options.readOnly),
        EditorView.contentAttributes.of({ 'aria-label': 'Note editor', spellcheck: 'true', autocorrect: 'on', 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !this.silent) options.onChange(update.state.doc.toString());
        }),
        EditorView.domEventHandlers({
          paste(event, view) {
            const files = imageFiles(event.clipboardData);
            if (files.length === 0) return false;
            event.preventDefault();
            insertImages(view, files, view.state.selection.main.head);
            return true;
          },
          drop(event, view) {
            const files = imageFiles(event.dataTransfer);
            if (files.length === 0) return false;
            event.preventDefault();
            const at = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
            insertImages(view, files, at);
            return true;
          },
        }),
      ],
    });
    this.view = new EditorView({ state, parent });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the text (a reload from disk) without reporting it as an edit; keeps the cursor near. */
  setText(text: string): void {
    const head = Math.min(this.view.state.selection.main.head, text.length);
    this.silent = true;
    try {
      this.view.dispatch({
        changes: { from: 0, to: this.view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(head),
        // A reload is not an edit the person could undo into.
        annotations: Transaction.addToHistory.of(false),
      });
    } finally {
      this.silent = false;
    }
  }

  focus(): void {
    this.view.focus();
  }

  /** Puts the cursor at the end of the document (a new note). */
  focusEnd(): void {
    this.view.dispatch({ selection: { anchor: this.view.state.doc.length }, scrollIntoView: true });
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }
}
