// Parses one note: front matter, date, title, aliases, tags, headings and
// links. Pure and linear in the note's length; runs once per file on scan
// and once per change.

import type { DateSource, Heading, IsoDate, NoteId, ParsedNote, ParseWarning } from './model';
import { parseDatePrefix, parseDateValue } from './dates';
import { readFrontmatter } from './frontmatter';
import { extractLinks, linkRanges } from './links';
import { scanMarkdown } from './markdown-regions';
import { titleFromStem } from './names';
import { folderOf, stemOf } from './paths';
import { mergeRanges } from './ranges';
import { extractInlineTags, frontmatterTags, uniqueTags } from './tags';
import { lineIndexOf, lineStartsOf } from './text-position';

/**
 * The version of what parseNote returns. Bump it whenever a change here (or
 * in what it calls, or a marked/yaml upgrade) can change a ParsedNote for the
 * same text: parsed notes cached on disk from another version are re-parsed.
 */
export const NOTE_PARSER_VERSION = 1;

/** What `parseNote` takes as the source: a leading BOM is not part of the text. */
export function withoutBom(rawSource: string): string {
  return rawSource.charCodeAt(0) === 0xfeff ? rawSource.slice(1) : rawSource;
}

export function parseNote(id: NoteId, rawSource: string): ParsedNote {
  const source = withoutBom(rawSource);
  const stem = stemOf(id);
  const front = readFrontmatter(source);
  const data = front.data;
  const warnings: ParseWarning[] = [...front.warnings];

  const lineStarts = lineStartsOf(source);
  const scan = scanMarkdown(source, front.bodyOffset);
  const links = extractLinks(source, lineStarts, scan.nonProse);
  const nonProse = mergeRanges([...scan.nonProse, ...linkRanges(links)]);
  const headings: Heading[] = scan.headings.map((h) => ({
    level: h.level,
    text: h.text,
    line: lineIndexOf(lineStarts, h.offset) + 1,
  }));

  const tagRefs = [
    ...frontmatterTags(data).map((tag) => ({ tag, line: 0 })),
    ...extractInlineTags(source, lineStarts, nonProse),
  ];

  const { date, dateSource } = noteDate(stem, data, front.yaml, warnings);

  return {
    id,
    stem,
    folder: folderOf(id),
    title: frontmatterTitle(data) ?? titleFromStem(stem),
    date,
    dateSource,
    aliases: frontmatterAliases(data),
    tags: uniqueTags(tagRefs.map((ref) => ref.tag)),
    tagRefs,
    frontmatter: data,
    source,
    bodyOffset: front.bodyOffset,
    bodyLine: front.bodyLine,
    headings,
    links,
    nonProse,
    warnings,
  };
}

function frontmatterTitle(data: Record<string, unknown>): string | null {
  const title = data.title;
  if (typeof title === 'string' && title.trim() !== '') return title.trim();
  if (typeof title === 'number') return String(title);
  return null;
}

/** `aliases:` / `alias:` as a list or a comma-separated string. */
function frontmatterAliases(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['aliases', 'alias']) {
    const value = data[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string' || typeof item === 'number') out.push(String(item).trim());
      }
    } else if (typeof value === 'string') {
      out.push(...value.split(','));
    } else if (typeof value === 'number') {
      out.push(String(value));
    }
  }
  const seen = new Set<string>();
  return out.map((a) => a.trim()).filter((a) => a !== '' && !seen.has(a) && !!seen.add(a));
}

/** Front matter `date:` first; an unreadable one warns and falls back to the file name. */
function noteDate(
  stem: string,
  data: Record<string, unknown>,
  yaml: string,
  warnings: ParseWarning[],
): { date: IsoDate | null; dateSource: DateSource | null } {
  const written = data.date;
  if (written !== undefined && written !== null && written !== '') {
    const date = parseDateValue(written);
    if (date) return { date, dateSource: 'frontmatter' };
    const line = keyLine(yaml, 'date');
    warnings.push({
      code: 'frontmatter-date',
      message: `Front matter date ${JSON.stringify(String(written))}${line ? ` on line ${line}` : ''} is not a date (use YYYY-MM-DD); the file name is used instead`,
      ...(line ? { line } : {}),
    });
  }
  const prefix = parseDatePrefix(stem);
  return prefix ? { date: prefix.date, dateSource: 'filename' } : { date: null, dateSource: null };
}

/** File line of a top-level `key:` in the front matter YAML (line 1 is the opening `---`). */
function keyLine(yaml: string, key: string): number | undefined {
  const lines = yaml.split(/\r\n|\n|\r/);
  const index = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
  return index >= 0 ? index + 2 : undefined;
}
