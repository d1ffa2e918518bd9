// A fast reader for the front matter most notes have: `key: value` lines
// whose values are quoted strings, plain words, dates, `[a, b]` lists or
// `- item` lists. The full YAML parser costs about 70 µs a note, over half of
// parsing a typical note; this costs a few. It reads only a strict subset on
// which it gives exactly what `yaml` (core schema) gives, and returns null
// for anything else (comments, numbers, booleans, nesting, escapes, tabs,
// duplicate keys...), so the caller falls back to the full parser.

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const ITEM = /^( *)- +(.*)$/;
/** Printable characters a one-line quoted scalar may hold (no escapes, no line or format breaks). */
const DOUBLE = /^"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*)" *$/;
const SINGLE = /^'([^'\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*)' *$/;
/** A plain scalar in block context that the core schema reads as a string: starts with a letter, no `:` or `#`. */
const BLOCK_PLAIN = /^\p{L}[\p{L}\p{M}\p{N} _.,'()/-]*$/u;
/** The same inside `[...]`, where `,` ends an item. */
const FLOW_PLAIN = /^\p{L}[\p{L}\p{M}\p{N} _./-]*$/u;
/** `2025-01-02`: a string in the core schema (it has no timestamp type). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Plain words the core schema reads as null or booleans. */
const SPECIAL = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

type Scalar = string;

function quoted(text: string): Scalar | null {
  const m = DOUBLE.exec(text) ?? SINGLE.exec(text);
  return m ? m[1] : null;
}

function plain(text: string, pattern: RegExp): Scalar | null {
  const value = text.replace(/ +$/, '');
  if (DATE.test(value)) return value;
  return pattern.test(value) && !SPECIAL.has(value) ? value : null;
}

function blockScalar(text: string): Scalar | null {
  return text.startsWith('"') || text.startsWith("'") ? quoted(text) : plain(text, BLOCK_PLAIN);
}

function flowSequence(text: string): Scalar[] | null {
  const m = /^\[(.*)\] *$/.exec(text);
  if (!m) return null;
  if (m[1].trim() === '') return [];
  const items: Scalar[] = [];
  for (const piece of m[1].split(',')) {
    const item = piece.replace(/^ +| +$/g, '');
    const value = item.startsWith('"') || item.startsWith("'") ? quoted(item) : plain(item, FLOW_PLAIN);
    if (value === null) return null;
    items.push(value);
  }
  return items;
}

/**
 * The front matter `yaml` (the text between the fences) as `yaml`'s
 * `parseDocument(yaml, { schema: 'core' }).toJS()` reads it, when it is in
 * the simple subset and has no errors; null otherwise.
 */
export function readSimpleYaml(yaml: string): Record<string, unknown> | null {
  // A lone CR is a line break to YAML 1.2 but not to the `yaml` package: leave that to it.
  if (/\r(?!\n)/.test(yaml)) return null;
  const lines = yaml.split(/\r?\n/);
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^ *$/.test(line)) continue;
    const m = KEY.exec(line);
    if (!m) return null;
    const key = m[1];
    if (seen.has(key) || SPECIAL.has(key) || key === '__proto__') return null;
    seen.add(key);
    const written = (m[2] ?? '').replace(/ +$/, '');
    if (written !== '') {
      const value = written.startsWith('[') ? flowSequence(written) : blockScalar(written);
      if (value === null) return null;
      data[key] = value;
      continue;
    }
    // `key:` alone: a block list follows, all items at one indentation; else null.
    const items: Scalar[] = [];
    let indent = -1;
    while (i + 1 < lines.length) {
      const next = lines[i + 1];
      if (/^ *$/.test(next)) {
        i++;
        continue;
      }
      const item = ITEM.exec(next);
      if (!item) break;
      if (indent >= 0 && item[1].length !== indent) return null;
      indent = item[1].length;
      const value = blockScalar(item[2]);
      if (value === null) return null;
      items.push(value);
      i++;
    }
    data[key] = indent >= 0 ? items : null;
  }
  return data;
}
