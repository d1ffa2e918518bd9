// Fuzzy matching for the quick switcher: the query's characters must appear
// in order in the candidate; contiguous runs, word starts and a prefix match
// score higher, so "nxos" finds "NixOS" and "hm" finds "Home Manager".

export interface FuzzyMatch {
  score: number;
  /** Indices in the candidate of the matched characters. */
  positions: number[];
}

const WORD_START_BONUS = 8;
const CONSECUTIVE_BONUS = 5;
const PREFIX_BONUS = 12;
const EXACT_BONUS = 40;
const GAP_PENALTY = 1;

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1];
  const here = text[index];
  if (/[\s\-_/.()[\]]/.test(before)) return true;
  // camelCase and digit boundaries also start words.
  return before === before.toLowerCase() && here !== here.toLowerCase();
}

/** Scores `candidate` against `query`; null when the query does not match. */
export function fuzzyMatch(query: string, candidate: string): FuzzyMatch | null {
  const q = query.trim().toLowerCase();
  if (q === '') return { score: 0, positions: [] };
  const lower = candidate.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    // Prefer the next occurrence at a word start; else the next occurrence.
    let index = lower.indexOf(ch, from);
    if (index < 0) return null;
    for (let probe = index; probe >= 0 && probe !== previous + 1; probe = lower.indexOf(ch, probe + 1)) {
      if (isWordStart(candidate, probe)) {
        index = probe;
        break;
      }
    }
    if (index === previous + 1) score += CONSECUTIVE_BONUS;
    else if (previous >= 0) score -= Math.min(index - previous - 1, 10) * GAP_PENALTY;
    if (isWordStart(candidate, index)) score += WORD_START_BONUS;
    positions.push(index);
    previous = index;
    from = index + 1;
  }
  if (lower.startsWith(q)) score += PREFIX_BONUS;
  if (lower === q) score += EXACT_BONUS;
  // Shorter candidates win ties: "Nix" before "Nix Pills" for "nix".
  score -= candidate.length * 0.05;
  return { score, positions };
}
