// Flattened [start, end) offset ranges: [s0, e0, s1, e1, ...], sorted and
// disjoint once merged. Used for the text that is not prose.

/** Sorts and merges flattened ranges; touching or overlapping ranges become one. Empty ones are dropped. */
export function mergeRanges(flat: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    if (flat[i + 1] > flat[i]) pairs.push([flat[i], flat[i + 1]]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    const last = out.length - 1;
    if (last > 0 && start <= out[last]) {
      if (end > out[last]) out[last] = end;
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/** Index (of the start) of the merged range holding `offset`, or -1. Binary search. */
export function rangeAt(ranges: number[], offset: number): number {
  let lo = 0;
  let hi = (ranges.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < ranges[mid * 2]) hi = mid - 1;
    else if (offset >= ranges[mid * 2 + 1]) lo = mid + 1;
    else return mid * 2;
  }
  return -1;
}

/** True when `offset` lies inside one of the merged ranges. */
export function inRanges(ranges: number[], offset: number): boolean {
  return rangeAt(ranges, offset) >= 0;
}

/** True when [start, end) overlaps one of the merged ranges. */
export function overlapsRanges(ranges: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = (ranges.length >> 1) - 1;
  // First range whose end is after `start`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid * 2 + 1] <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo * 2 >= ranges.length) return false;
  return ranges[lo * 2 + 1] > start && ranges[lo * 2] < end;
}
