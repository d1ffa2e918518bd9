// The whole export, computed in memory: which notes go, each page's Markdown
// (front matter, rewritten links, inlined embeds), which files are copied and
// under what names, and the report. Writing it (or only showing it, for a
// dry run) is the node layer's job; the same input always gives the same plan.

import { ApiError } from '../api';
import type { LinkGraph } from '../graph';
import type { NoteId } from '../model';
import { compareCodePoints } from '../resolve';
import { nameAttachments } from './attachment-names';
import { exportFrontmatter } from './frontmatter-out';
import { HeadingIdSequence, headingId } from './heading-id';
import { firstParagraphText, pageHeadings } from './markdown-text';
import { LOCK_FILE, presetLayout, type PageRef, type PresetLayout } from './presets';
import { headingMatches, renderPage, type Part, type RewriteContext } from './rewrite';
import { exclusionReason, selectNotes } from './select';
import { assignSlugs } from './slug';
import { isSafeBundlePath } from './bundle-path';
import { PRESETS, type ExportOptions, type ExportPlan, type ExportReport, type PlannedFile, type Preset } from './types';

export interface PlanInput {
  /** The notebook's notes, with its non-note files registered (addAttachment) so links to them resolve. */
  graph: LinkGraph;
  /** Full-text search, for `query`. */
  searchIds?: (query: string) => NoteId[];
}

interface PageAnchor {
  raw: string;
  plain: string;
  id: string;
}

// Re-exported: the writer and the tests know it as part of the plan's contract.
export { isSafeBundlePath };

function checkOptions(options: ExportOptions): PresetLayout {
  if (!PRESETS.includes(options.preset as Preset)) {
    throw new ApiError('bad-argument', `--preset "${String(options.preset)}" is not one of ${PRESETS.join(', ')}`);
  }
  const mode = options.unexportedLinks ?? 'text';
  if (mode !== 'text' && mode !== 'keep' && mode !== 'fail') {
    throw new ApiError('bad-argument', `--links "${String(mode)}" is not one of text, keep, fail`);
  }
  return presetLayout(options.preset);
}

/** Escapes what would end or break a link's text. */
function linkText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}

/**
 * Jekyll runs Liquid over posts before Markdown: note text holding `{{` or
 * `{%` is wrapped in `{% raw %}` so it shows as written.
 */
export function protectLiquid(text: string): string {
  if (!/\{[{%]/.test(text)) return text;
  const inner = text.replace(/\{%-?\s*endraw\s*-?%\}/g, (tag) => `{% endraw %}{{ ${JSON.stringify(tag)} }}{% raw %}`);
  return `{% raw %}${inner}{% endraw %}`;
}

// Hugo expands `{{< x >}}` and `{{% x %}}` even in code blocks; the commented
// form (`/*` after the opening, `*/` before the closing) shows them as written.
export function protectHugoShortcodes(text: string): string {
  return text.replace(/\{\{([<%])(?!\/\*)([\s\S]*?)([>%])\}\}/g, '{{$1/*$2*/$3}}');
}

/**
 * What an engine makes a heading's id from: Hugo (goldmark) and kramdown read
 * the heading's source text (a link's URL included, as the real Hugo shows);
 * github-slugger reads the rendered text.
 */
function idSource(preset: Preset, heading: { raw: string; plain: string }): string {
  return preset === 'hugo' || preset === 'jekyll' ? heading.raw : heading.plain;
}

export function planExport(input: PlanInput, options: ExportOptions): ExportPlan {
  const layout = checkOptions(options);
  const { graph } = input;
  const selection = selectNotes({ graph, ...(input.searchIds ? { searchIds: input.searchIds } : {}) }, options);
  const ids = selection.ids;
  const notes = ids.map((id) => graph.note(id)!);
  const slugs = assignSlugs(notes);
  const pages = new Map<NoteId, PageRef>(notes.map((n) => [n.id, { id: n.id, slug: slugs.get(n.id)!, date: n.date }]));

  const report: ExportReport = {
    preset: options.preset,
    notes: notes.map((n) => ({ id: n.id, output: layout.notePath(pages.get(n.id)!), slug: slugs.get(n.id)!, title: n.title })),
    linksRewritten: 0,
    rewritten: [],
    linksDropped: [],
    attachments: [],
    attachmentsMissing: [],
    warnings: [...selection.warnings],
    written: false,
  };

  if (options.preset === 'jekyll') {
    for (const note of notes) {
      if (!note.date) report.warnings.push(`${note.id} has no date, so it cannot be a Jekyll post; it is exported as the page ${layout.notePath(pages.get(note.id)!)}`);
    }
  }

  const exported = new Set(ids);
  const ctx: RewriteContext = {
    graph,
    exported,
    allowed: (id) => {
      const note = graph.note(id);
      return note !== undefined && exclusionReason(note) === null;
    },
    unexportedLinks: options.unexportedLinks ?? 'text',
    events: {
      dropped: (source, raw, reason) => report.linksDropped.push({ source, raw, reason }),
      missingAttachment: (source, target) => report.attachmentsMissing.push({ source, target }),
      warning: (message) => report.warnings.push(message),
    },
  };

  const rendered = new Map<NoteId, Part[]>(ids.map((id) => [id, renderPage(id, ctx)]));
  const names = nameAttachments([...rendered.values()].flat().flatMap((p) => (p.t === 'asset' ? [p.file] : [])));

  // Pass 2: every page's heading ids, from its final Markdown, so a link can name one.
  const hrefOf = (from: PageRef, part: Part & { t: 'asset' | 'link' }): string =>
    part.t === 'asset' ? layout.attachmentHref(from, names.get(part.file)!, part.image) : layout.noteHref(from, pages.get(part.to)!);
  const draft = (id: NoteId): string =>
    rendered
      .get(id)!
      .map((part) => {
        if (part.t === 'text' || part.t === 'raw') return part.s;
        const href = hrefOf(pages.get(id)!, part);
        return part.t === 'asset' && part.image ? `![${linkText(part.text)}](${href})` : `[${linkText(part.text)}](${href || '#'})`;
      })
      .join('')
      .replace(/\r\n?/g, '\n');
  const drafts = new Map(ids.map((id) => [id, draft(id)]));
  const anchors = new Map<NoteId, PageAnchor[]>();
  for (const id of ids) {
    const sequence = new HeadingIdSequence(options.preset);
    anchors.set(
      id,
      pageHeadings(drafts.get(id)!).map((h) => ({ raw: h.raw, plain: h.plain, id: sequence.next(idSource(options.preset, h)) })),
    );
  }
  const anchorOf = (source: NoteId, target: NoteId, heading: string): string => {
    const list = anchors.get(target) ?? [];
    const found =
      list.find((a) => headingMatches(heading, a.raw)) ??
      list.find((a) => a.id === heading || a.id === headingId(heading, options.preset) || headingId(a.plain, 'plain') === heading);
    if (!found) {
      report.warnings.push(`${source}: no heading "${heading}" in ${pages.get(target)!.slug}; the link points at the page`);
      return '';
    }
    return `#${found.id}`;
  };

  const files: PlannedFile[] = [];
  const copies = new Map<string, string>();
  for (const id of ids) {
    const page = pages.get(id)!;
    const note = graph.note(id)!;
    let body = '';
    for (const part of rendered.get(id)!) {
      switch (part.t) {
        case 'text':
          body += layout.liquid ? protectLiquid(part.s) : options.preset === 'hugo' ? protectHugoShortcodes(part.s) : part.s;
          break;
        case 'raw':
          body += part.s;
          break;
        case 'link': {
          const text = layout.liquid ? protectLiquid(linkText(part.text)) : linkText(part.text);
          const href = hrefOf(page, part) + (part.heading !== undefined ? anchorOf(part.source, part.to, part.heading) : '');
          const markdown = `[${text}](${href || '#'})`;
          body += markdown;
          report.rewritten.push({ source: part.source, raw: part.raw, to: markdown });
          break;
        }
        case 'asset': {
          const name = names.get(part.file)!;
          const path = layout.attachmentPath(page, name, part.image);
          if (!copies.has(path)) {
            copies.set(path, part.file);
            files.push({ kind: 'attachment', path, source: part.file });
            report.attachments.push({ source: part.file, output: path });
          }
          const text = layout.liquid ? protectLiquid(linkText(part.text)) : linkText(part.text);
          const markdown = part.image ? `![${text}](${hrefOf(page, part)})` : `[${text}](${hrefOf(page, part)})`;
          body += markdown;
          report.rewritten.push({ source: part.source, raw: part.raw, to: markdown });
          break;
        }
      }
    }
    body = body.replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '');
    const frontmatter = exportFrontmatter(
      note,
      { title: note.title, slug: page.slug, description: firstParagraphText(drafts.get(id)!) },
      layout,
    );
    files.push({ kind: 'note', path: layout.notePath(page), source: id, contents: `---\n${frontmatter}---\n\n${body}\n` });
  }

  report.linksRewritten = report.rewritten.length;
  files.sort((a, b) => compareCodePoints(a.path, b.path));
  report.attachments.sort((a, b) => compareCodePoints(a.output, b.output));
  for (let i = 0; i < files.length; i++) {
    const path = files[i].path;
    if (!isSafeBundlePath(path) || path === LOCK_FILE) throw new Error(`planExport: unsafe bundle path "${path}"`);
    if (i > 0 && files[i - 1].path === path) throw new Error(`planExport: two files would be written to "${path}"`);
  }
  return { files, report };
}
