// The front matter of an exported page: title, date, slug, tags, aliases and
// description first, in that order, then the note's own fields as written
// (minus the ones that only steer the export). Serialised with the `yaml`
// package in YAML 1.1 mode, so Hugo and Jekyll (YAML 1.1 readers) never read
// a string such as `yes` or `on` as a boolean.

import { stringify } from 'yaml';
import type { ParsedNote } from '../model';
import type { PresetLayout } from './presets';

/** Fields that only tell the exporter what to do, or that the fixed part writes. */
const CONSUMED = new Set(['title', 'date', 'slug', 'tags', 'tag', 'aliases', 'alias', 'description', 'publish', 'private', 'draft']);

export interface PageMeta {
  title: string;
  slug: string;
  /** From the exported body's first paragraph; the note's own `description:` wins. */
  description: string;
}

function yamlOf(data: Record<string, unknown>): string {
  if (Object.keys(data).length === 0) return '';
  return stringify(data, { version: '1.1', lineWidth: 0, indent: 2 });
}

/** The YAML between the `---` fences (ending with a newline). */
export function exportFrontmatter(note: ParsedNote, meta: PageMeta, layout: PresetLayout): string {
  const own = note.frontmatter;
  const ownDescription = typeof own.description === 'string' && own.description.trim() !== '' ? own.description.trim() : null;
  const description = ownDescription ?? meta.description;

  let yaml = yamlOf({ title: meta.title });
  // A plain (unquoted) YAML date, which every engine reads as a date; note.date is always YYYY-MM-DD.
  if (note.date) {
    yaml += `date: ${note.date}\n`;
    if (layout.pubDate) yaml += `pubDate: ${note.date}\n`;
  }
  const fixed: Record<string, unknown> = { slug: meta.slug };
  if (note.tags.length > 0) fixed.tags = [...note.tags];
  if (note.aliases.length > 0) fixed[layout.aliasesKey] = [...note.aliases];
  if (description !== '') fixed.description = description;
  yaml += yamlOf(fixed);

  const rest: Record<string, unknown> = {};
  const taken = new Set([...CONSUMED, layout.aliasesKey, ...(layout.pubDate && note.date ? ['pubDate'] : [])]);
  for (const [key, value] of Object.entries(own)) {
    if (taken.has(key) || value === undefined) continue;
    rest[key] = value;
  }
  return yaml + yamlOf(rest);
}
