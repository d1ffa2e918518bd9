// YAML front matter: `---` on line 1 through the next `---` or `...` line.
// A broken block never stops a note from loading: it yields what could be
// read plus a warning naming the file line.

import { parseDocument } from 'yaml';
import type { ParseWarning } from './model';
import { readSimpleYaml } from './simple-yaml';

export interface Frontmatter {
  data: Record<string, unknown>;
  /** Offset where the body starts (0 when there is no front matter). */
  bodyOffset: number;
  /** 1-based line of the first body line. */
  bodyLine: number;
  /** The YAML text between the fences ('' when there is none). */
  yaml: string;
  warnings: ParseWarning[];
}

const OPEN_FENCE = /^---[ \t]*(?:\r\n|\n|\r)/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits off and parses the front matter. The YAML core schema keeps dates
 * as the strings written (`2025-01-02`), so nothing shifts with time zones.
 */
export function readFrontmatter(source: string): Frontmatter {
  const none: Frontmatter = { data: {}, bodyOffset: 0, bodyLine: 1, yaml: '', warnings: [] };
  const open = OPEN_FENCE.exec(source);
  if (!open) return none;

  // Walk lines after the opening fence until a closing fence.
  let pos = open[0].length;
  let line = 2;
  while (pos <= source.length) {
    const lineEnd = nextLineBreak(source, pos);
    const text = source.slice(pos, lineEnd);
    const breakLength = source.startsWith('\r\n', lineEnd) ? 2 : lineEnd < source.length ? 1 : 0;
    if (CLOSE_FENCE.test(text)) {
      const yaml = source.slice(open[0].length, pos);
      const parsed = parseYaml(yaml);
      return {
        data: parsed.data,
        bodyOffset: lineEnd + breakLength,
        bodyLine: line + 1,
        yaml,
        warnings: parsed.warnings,
      };
    }
    if (lineEnd >= source.length) break;
    pos = lineEnd + breakLength;
    line++;
  }
  return {
    ...none,
    warnings: [
      {
        code: 'frontmatter-unclosed',
        message: 'Front matter opened with "---" on line 1 is never closed by a "---" or "..." line; it is read as body text',
        line: 1,
      },
    ],
  };
}

function nextLineBreak(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return source.length;
}

function parseYaml(yaml: string): { data: Record<string, unknown>; warnings: ParseWarning[] } {
  if (yaml.trim() === '') return { data: {}, warnings: [] };
  // Most front matter is a few plain `key: value` lines: read those without the full parser.
  const simple = readSimpleYaml(yaml);
  if (simple !== null) return { data: simple, warnings: [] };
  const warnings: ParseWarning[] = [];
  // logLevel 'error': YAML's warnings would go to process.emitWarning, which core must not touch.
  const doc = parseDocument(yaml, { schema: 'core', prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  // An error found at the end of the input (an unclosed `[`) belongs to the last YAML line, not the closing fence.
  const lastLine = yaml.replace(/(?:\r\n|\n|\r)$/, '').split(/\r\n|\n|\r/).length;
  const reported = new Set<number>();
  for (const error of doc.errors) {
    // Line 1 of the YAML is line 2 of the file (line 1 is the `---`).
    const fileLine = Math.min(error.linePos?.[0]?.line ?? 1, lastLine) + 1;
    if (reported.has(fileLine)) continue;
    reported.add(fileLine);
    const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    warnings.push({
      code: 'frontmatter-yaml',
      message: `Front matter YAML error on line ${fileLine}: ${what}`,
      line: fileLine,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (warnings.length === 0) {
      warnings.push({
        code: 'frontmatter-yaml',
        message: `Front matter YAML could not be read: ${(error as Error).message}`,
        line: 2,
      });
    }
    return { data: {}, warnings };
  }
  if (value === null || value === undefined) return { data: {}, warnings };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    warnings.push({
      code: 'frontmatter-yaml',
      message: `Front matter on line 2 is ${kind}, expected key: value pairs; it is ignored`,
      line: 2,
    });
    return { data: {}, warnings };
  }
  return { data: value as Record<string, unknown>, warnings };
}
