// New dated notes follow the style the notebook already uses: learnt from
// the file names, ISO when the folder has no dated names yet.

import type { DateStyle } from './api';

const DDMMMYY = /^\d{2}[A-Za-z]{3}\d{2}(?:\d{2})?\b/;
const ISO = /^\d{4}[-_]?\d{2}[-_]?\d{2}\b/;

export function learnDateStyle(stems: Iterable<string>): DateStyle {
  let iso = 0;
  let ddmmmyy = 0;
  for (const stem of stems) {
    if (DDMMMYY.test(stem)) ddmmmyy++;
    else if (ISO.test(stem)) iso++;
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
