// The export dialog: choose a preset and which notes go (query, tags, dates,
// named notes, linked depth), see a dry run's report, then write the bundle
// to a folder (or .zip) whose path the person types.

import type { ExportReportSummary, ExportRequest, NotebookClient } from '../../../electron/core/api';
import { openModal } from '../ui/dialog';
import { h, uniqueId } from '../ui/dom';

const KEY = 'notebook.export';

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = uniqueId('field');
  control.id = id;
  return h('div', { className: 'field' }, h('label', { className: 'field-label', for: id }, label), control, hint ? h('span', { className: 'hint' }, hint) : null);
}

function list(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim().replace(/^#/, ''))
    .filter((s) => s !== '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function reportView(report: ExportReportSummary): HTMLElement {
  const section = (title: string, items: string[], empty: string) =>
    h('section', { className: 'report-section' }, h('h3', {}, `${title} (${items.length})`), items.length ? h('ul', {}, ...items.slice(0, 200).map((t) => h('li', {}, t)), items.length > 200 ? h('li', {}, `… and ${items.length - 200} more`) : null) : h('p', { className: 'empty' }, empty));
  return h(
    'div',
    { className: 'export-report', role: 'region', 'aria-label': 'Export report' },
    h('p', { className: 'report-summary' }, report.written ? 'The bundle was written.' : 'Dry run: nothing was written.', ` ${plural(report.notes.length, 'note')}, ${plural(report.linksRewritten, 'link')} rewritten, ${report.linksDropped.length} dropped, ${plural(report.attachments.length, 'attachment')}.`),
    section('Notes', report.notes.map((n) => `${n.id} → ${n.output}`), 'No note matches this selection.'),
    section('Links dropped', report.linksDropped.map((l) => `${l.source}: ${l.raw}`), 'None.'),
    section('Attachments copied', report.attachments.map((a) => `${a.source} → ${a.output}`), 'None.'),
    section('Attachments missing', report.attachmentsMissing.map((a) => `${a.source}: ${a.target}`), 'None.'),
    section('Warnings', report.warnings, 'None.'),
  );
}

export function openExportDialog(client: NotebookClient, defaults: { root: string }, onDone: (report: ExportReportSummary) => void): void {
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<string, string>>;
    } catch {
      return {};
    }
  })();
  const preset = h('select', {}, ...(['hugo', 'jekyll', 'astro', 'plain'] as const).map((p) => h('option', { value: p }, p[0].toUpperCase() + p.slice(1))));
  preset.value = saved.preset ?? 'hugo';
  const query = h('input', { type: 'text', className: 'text-input', value: saved.query ?? '', placeholder: 'e.g. nix flakes' });
  const tags = h('input', { type: 'text', className: 'text-input', value: saved.tags ?? 'blog', placeholder: 'blog, nix' });
  const since = h('input', { type: 'date', className: 'text-input', value: saved.since ?? '' });
  const until = h('input', { type: 'date', className: 'text-input', value: saved.until ?? '' });
  const notes = h('input', { type: 'text', className: 'text-input', value: saved.notes ?? '', placeholder: 'NixOS, Flakes' });
  const depth = h('input', { type: 'number', className: 'text-input', min: '0', max: '5', value: saved.depth ?? '0' });
  const unexported = h('select', {}, h('option', { value: 'text' }, 'Become plain text'), h('option', { value: 'keep' }, 'Stay as links'), h('option', { value: 'fail' }, 'Stop the export'));
  unexported.value = saved.unexported ?? 'text';
  const out = h('input', { type: 'text', className: 'text-input', value: saved.out ?? '', placeholder: `${defaults.root.replace(/[\\/]+$/, '')}-export`, spellcheck: 'false' });
  const zip = h('input', { type: 'checkbox' });
  zip.checked = saved.zip === 'true';
  const result = h('div', { className: 'export-result', 'aria-live': 'polite' });

  const request = (dryRun: boolean): ExportRequest | string => {
    const outPath = out.value.trim();
    if (!outPath) return 'Type the folder (or .zip file) to export to.';
    const d = Number(depth.value || '0');
    if (!Number.isInteger(d) || d < 0 || d > 5) return 'Depth must be a whole number from 0 to 5.';
    if (since.value && until.value && since.value > until.value) return 'The “from” date is after the “until” date.';
    localStorage.setItem(KEY, JSON.stringify({ preset: preset.value, query: query.value, tags: tags.value, since: since.value, until: until.value, notes: notes.value, depth: depth.value, unexported: unexported.value, out: outPath, zip: String(zip.checked) }));
    return {
      preset: preset.value as ExportRequest['preset'],
      query: query.value.trim() || undefined,
      tags: list(tags.value).length ? list(tags.value) : undefined,
      since: since.value || undefined,
      until: until.value || undefined,
      notes: list(notes.value).length ? list(notes.value) : undefined,
      depth: d,
      unexportedLinks: unexported.value as ExportRequest['unexportedLinks'],
      out: outPath,
      zip: zip.checked || /\.zip$/i.test(outPath),
      dryRun,
    };
  };

  const run = async (dryRun: boolean, button: HTMLButtonElement) => {
    const req = request(dryRun);
    if (typeof req === 'string') {
      result.replaceChildren(h('p', { className: 'dialog-error', role: 'alert' }, req));
      return;
    }
    button.disabled = true;
    result.replaceChildren(h('p', { className: 'loading' }, dryRun ? 'Planning…' : 'Exporting…'));
    try {
      const report = await client.exportBundle(req);
      result.replaceChildren(reportView(report));
      if (!dryRun) onDone(report);
    } catch (error) {
      result.replaceChildren(h('p', { className: 'dialog-error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
    } finally {
      button.disabled = false;
    }
  };
  const dry = h('button', { type: 'button', className: 'button' }, 'Dry run');
  const go = h('button', { type: 'button', className: 'button primary' }, 'Export');
  dry.addEventListener('click', () => void run(true, dry));
  go.addEventListener('click', () => void run(false, go));

  const content = [
    h('h2', { className: 'dialog-title' }, 'Export for a blog'),
    h('p', { className: 'hint' }, 'Notes marked draft: true or publish: false never leave the notebook. With no selection, notes with publish: true are exported.'),
    h(
      'div',
      { className: 'form-grid' },
      field('Preset', preset),
      field('Tags', tags, 'Comma-separated'),
      field('Search query', query),
      field('Named notes', notes, 'Comma-separated names'),
      field('From date', since),
      field('Until date', until),
      field('Linked notes depth', depth, '0: only the chosen notes'),
      field('Links to notes not exported', unexported),
    ),
    field('Output folder', out, 'An absolute path; end it with .zip for a zip file'),
    h('label', { className: 'checkbox' }, zip, ' Write a .zip file'),
    h('div', { className: 'dialog-actions' }, h('button', { type: 'button', className: 'button quiet', onclick: () => close() }, 'Close'), dry, go),
    result,
  ];
  const { close } = openModal(content, { label: 'Export', className: 'export-dialog' });
  tags.focus();
}
