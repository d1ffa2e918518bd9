// Dates of notes: the prefix styles researchers put in file names, and the
// front matter `date:` value. Everything becomes an IsoDate (`YYYY-MM-DD`).

import type { IsoDate } from './model';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** One accepted prefix style: a regex anchored at the stem start and how to read its groups. */
interface PrefixStyle {
  pattern: RegExp;
  read(m: RegExpExecArray): { year: number; month: number; day: number } | null;
}

const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const STYLES: PrefixStyle[] = [
  // 2025-01-02, 2025_01_02, 20250102 (the separator must be the same twice).
  {
    pattern: /^(\d{4})([-_]?)(\d{2})\2(\d{2})(?!\d)/,
    read: (m) => ({ year: +m[1], month: +m[3], day: +m[4] }),
  },
  // 02JAN25, 02Jan2025, 2jan25, 02January2025.
  {
    pattern: new RegExp(`^(\\d{1,2})${MONTH_NAME}(\\d{4}|\\d{2})(?!\\d)`, 'i'),
    read: (m) => ({ year: fullYear(m[3]), month: monthNumber(m[2]), day: +m[1] }),
  },
  // 2 January 2025, 2 Jan 2025, 02 Jan 25.
  {
    pattern: new RegExp(`^(\\d{1,2}) ${MONTH_NAME}\\.? (\\d{4}|\\d{2})(?!\\d)`, 'i'),
    read: (m) => ({ year: fullYear(m[3]), month: monthNumber(m[2]), day: +m[1] }),
  },
];

/** What may follow a date prefix: ` - ` (or an en/em dash), spaces, `_`, `-`, or the end. */
const SEPARATOR = /^(?:[ \t]*[-–—][ \t]*|[ \t]*_[ \t]*|[ \t]+|$)/;

function fullYear(digits: string): number {
  if (digits.length === 4) return +digits;
  const yy = +digits;
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The IsoDate for y/m/d, or null when that day does not exist (2025-02-30). */
function isoOf(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || year < 1 || year > 9999) return null;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for a real calendar day written as `YYYY-MM-DD`. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isoOf(+m[1], +m[2], +m[3]) !== null;
}

/**
 * Reads a date prefix from a file stem. `rest` is the stem after the prefix
 * and its separator (`02JAN25 - NixOS` gives `NixOS`; `2025-01-09` gives '').
 * Null when the stem does not start with a real date followed by a separator.
 */
export function parseDatePrefix(stem: string): { date: IsoDate; rest: string } | null {
  for (const style of STYLES) {
    const m = style.pattern.exec(stem);
    if (!m) continue;
    const parts = style.read(m);
    if (!parts) continue;
    const after = stem.slice(m[0].length);
    const sep = SEPARATOR.exec(after);
    if (!sep) continue;
    const date = isoOf(parts.year, parts.month, parts.day);
    if (!date) return null;
    return { date, rest: after.slice(sep[0].length) };
  }
  return null;
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Reads a front matter `date:` value: a JS Date (its UTC day, as YAML
 * timestamps are UTC), an ISO date or datetime string (the day as written),
 * any file-name prefix style on its own, or an 8-digit number (20250102).
 */
export function parseDateValue(value: unknown): IsoDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number' && Number.isInteger(value)) return parseDateValue(String(value));
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = ISO_DATETIME.exec(text);
  if (iso) {
    if (iso[4] !== undefined && (+iso[4] > 23 || +iso[5] > 59)) return null;
    return isoOf(+iso[1], +iso[2], +iso[3]);
  }
  const prefix = parseDatePrefix(text);
  return prefix && prefix.rest === '' ? prefix.date : null;
}

/** The file-name prefix for a new note: `2025-01-02 ` or `02JAN25 - `. */
export function formatDatePrefix(date: IsoDate, style: 'iso' | 'ddmmmyy'): string {
  if (!isValidIsoDate(date)) throw new Error(`"${date}" is not a valid YYYY-MM-DD date`);
  if (style === 'iso') return `${date} `;
  const [year, month, day] = date.split('-');
  return `${day}${MONTHS[+month - 1].toUpperCase()}${year.slice(2)} - `;
}
