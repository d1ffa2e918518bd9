import { describe, expect, it } from 'vitest';
import { formatDatePrefix, isValidIsoDate, parseDatePrefix, parseDateValue } from '../../electron/core/dates';

describe('parseDatePrefix', () => {
  it.each([
    // [stem, date, rest]
    ['2025-01-02 Flakes', '2025-01-02', 'Flakes'],
    ['2025-01-02 - Flakes', '2025-01-02', 'Flakes'],
    ['2025-01-02_Flakes', '2025-01-02', 'Flakes'],
    ['2025-01-02-flakes', '2025-01-02', 'flakes'],
    ['2025-01-09', '2025-01-09', ''],
    ['20250102 Flakes', '2025-01-02', 'Flakes'],
    ['20250102', '2025-01-02', ''],
    ['2025_01_02 Flakes', '2025-01-02', 'Flakes'],
    ['2025_01_02_Flakes', '2025-01-02', 'Flakes'],
    ['02JAN25 - NixOS', '2025-01-02', 'NixOS'],
    ['02JAN25 NixOS', '2025-01-02', 'NixOS'],
    ['02jan25_NixOS', '2025-01-02', 'NixOS'],
    ['02Jan2025 - NixOS', '2025-01-02', 'NixOS'],
    ['2Jan2025 NixOS', '2025-01-02', 'NixOS'],
    ['15DEC99 - Old', '1999-12-15', 'Old'],
    ['01JAN69 x', '2069-01-01', 'x'],
    ['01JAN70 x', '1970-01-01', 'x'],
    ['01JAN00', '2000-01-01', ''],
    ['2 January 2025 Trip', '2025-01-02', 'Trip'],
    ['2 January 2025 - Trip', '2025-01-02', 'Trip'],
    ['2 Jan 2025 Trip', '2025-01-02', 'Trip'],
    ['12 September 2024', '2024-09-12', ''],
    ['29 Feb 2024 leap', '2024-02-29', 'leap'],
    ['2025-01-02 – en dash', '2025-01-02', 'en dash'],
    ['2025-01-02  -  spaced', '2025-01-02', 'spaced'],
  ])('%s -> %s / %s', (stem, date, rest) => {
    expect(parseDatePrefix(stem)).toEqual({ date, rest });
  });

  it.each([
    'NixOS',
    '2025-02-30 Impossible',
    '2025-13-01 No month 13',
    '2025-00-10 No month 0',
    '2025-01-32',
    '30FEB25 - No',
    '29 Feb 2025 not leap',
    '31APR25',
    '2025-01-02Flakes', // no separator
    '202501023 too many digits',
    '2025-01_02 mixed separators',
    '02XYZ25 - not a month',
    '12 Monkeys',
    '2025 Review',
    '',
  ])('rejects %j', (stem) => {
    expect(parseDatePrefix(stem)).toBeNull();
  });
});

describe('parseDateValue', () => {
  it.each<[unknown, string | null]>([
    ['2025-01-02', '2025-01-02'],
    ['  2025-01-02  ', '2025-01-02'],
    ['2025-01-02T10:00', '2025-01-02'],
    ['2025-01-02T23:30:00Z', '2025-01-02'],
    ['2025-01-02T23:30:00+05:00', '2025-01-02'],
    ['2025-01-02 10:00', '2025-01-02'],
    ['02JAN25', '2025-01-02'],
    ['02Jan2025', '2025-01-02'],
    ['2 January 2025', '2025-01-02'],
    ['20250102', '2025-01-02'],
    ['2025_01_02', '2025-01-02'],
    [20250102, '2025-01-02'],
    [new Date(Date.UTC(2025, 0, 2, 23, 59)), '2025-01-02'],
    [new Date('invalid'), null],
    ['2025-02-30', null],
    ['2025-01-02T25:00', null],
    ['02JAN25 - NixOS', null], // a title after the date is not a date
    ['yesterday', null],
    ['', null],
    [null, null],
    [undefined, null],
    [true, null],
    [['2025-01-02'], null],
    [{ year: 2025 }, null],
  ])('%j -> %j', (value, expected) => {
    expect(parseDateValue(value)).toBe(expected);
  });
});

describe('formatDatePrefix', () => {
  it.each<[string, 'iso' | 'ddmmmyy', string]>([
    ['2025-01-02', 'iso', '2025-01-02 '],
    ['2025-01-02', 'ddmmmyy', '02JAN25 - '],
    ['1999-12-31', 'ddmmmyy', '31DEC99 - '],
    ['2030-09-05', 'ddmmmyy', '05SEP30 - '],
  ])('%s as %s -> %j', (date, style, prefix) => {
    expect(formatDatePrefix(date, style)).toBe(prefix);
    // What we write, we read back as the same date.
    expect(parseDatePrefix(`${prefix}Title`)).toEqual({ date, rest: 'Title' });
  });

  it('throws naming a bad date', () => {
    expect(() => formatDatePrefix('2025-02-30', 'iso')).toThrow('2025-02-30');
  });
});

describe('isValidIsoDate', () => {
  it.each([
    ['2025-01-02', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-1-2', false],
    ['20250102', false],
    ['2025-01-02T00:00', false],
    ['0000-01-01', false],
  ])('%s -> %s', (s, ok) => {
    expect(isValidIsoDate(s)).toBe(ok);
  });
});
