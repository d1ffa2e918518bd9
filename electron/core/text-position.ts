// Offsets to 1-based line/column, computed from line starts found once per
// note so that every link and tag costs a binary search, not a rescan.

/** Offsets where each line starts; line 1 starts at 0. Handles LF, CRLF and lone CR. */
export function lineStartsOf(source: string): number[] {
  const starts = [0];
  if (!source.includes('\r')) {
    // The common case: indexOf finds line feeds far faster than a char loop.
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 0-based index of the line holding `offset`. */
export function lineIndexOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
export function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  const index = lineIndexOf(lineStarts, offset);
  return { line: index + 1, column: offset - lineStarts[index] + 1 };
}

/** The text of 1-based `line`, without its line break. */
export function lineText(source: string, lineStarts: number[], line: number): string {
  const start = lineStarts[line - 1];
  const end = line < lineStarts.length ? lineStarts[line] : source.length;
  return source.slice(start, end).replace(/\r?\n$|\r$/, '');
}
