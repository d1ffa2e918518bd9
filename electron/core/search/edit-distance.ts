// Edit distance as lunr's fuzzy automaton counts it: insertions, deletions,
// substitutions and swaps of two neighbouring letters each cost 1 (optimal
// string alignment). The scan search and the snippet marker use it so that
// `fuzzy~1` finds the same words with and without the index.

// Three rows of the dynamic programme, reused: fuzzy search compares a word
// with tens of thousands of spellings and fresh arrays dominated its time.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** True when `a` and `b` are at most `max` edits apart. */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let before = rows[0]; // row i-2
  let previous = rows[1]; // row i-1
  let current = rows[2];
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = previous[j - 1] + (ai === bj ? 0 : 1);
      if (previous[j] + 1 < d) d = previous[j] + 1;
      if (current[j - 1] + 1 < d) d = current[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && before[j - 2] + 1 < d) d = before[j - 2] + 1;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return false;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[n] <= max;
}
