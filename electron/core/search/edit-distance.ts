// Edit distance as lunr's fuzzy automaton counts it: insertions, deletions,
// substitutions and swaps of two neighbouring letters each cost 1 (optimal
// string alignment). The scan search and the snippet marker use it so that
// `fuzzy~1` finds the same words with and without the index.

/** True when `a` and `b` are at most `max` edits apart. */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const n = b.length;
  let before = new Array<number>(n + 1); // row i-2
  let previous = new Array<number>(n + 1); // row i-1
  let current = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return false;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n] <= max;
}
