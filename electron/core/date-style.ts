// New dated notes follow the style the notebook already uses: learnt from
// the file names, ISO when the folder has no dated names yet.

import type { DateStyle } from './api';
import { parseDatePrefix } from './dates';

/** Stems whose date prefix (parsed by dates.ts) starts with the day, `02JAN25`, vote ddmmmyy; the rest, ISO. */
export function learnDateStyle(stems: Iterable<string>): DateStyle {
  let iso = 0;
  let ddmmmyy = 0;
  for (const stem of stems) {
    if (parseDatePrefix(stem) === null) continue;
    if (/^\d{1,2}\D/.test(stem)) ddmmmyy++;
    else iso++;
  }
  return ddmmmyy > iso ? 'ddmmmyy' : 'iso';
}

/** Whether dated notes mostly live in a folder named after their year (`2025/...`). */
export function usesYearFolders(notes: Iterable<{ id: string; date: string | null }>): boolean {
  let dated = 0;
  let inYearFolder = 0;
  for (const note of notes) {
    if (!note.date) continue;
    dated++;
    const year = note.date.slice(0, 4);
    if (note.id.split('/').slice(0, -1).includes(year)) inYearFolder++;
  }
  return dated > 0 && inYearFolder * 2 > dated;
}
