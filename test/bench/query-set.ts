// The bench's queries: about 50 per operator of the query language, drawn
// from the generator's vocabulary (and, for phrases, from the notes' own
// text so that each phrase occurs somewhere). Deterministic for a seed.

import { isoDay, random, VOCABULARY } from './generate-notebook';

export const OPERATORS = [
  'word',
  'and',
  'or',
  'phrase',
  'exclude',
  'prefix',
  'fuzzy',
  'title',
  'tag',
  'path',
  'date',
  'compound',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type QuerySet = Record<Operator, string[]>;

const PER_OPERATOR = 50;

/** A word with one letter dropped or doubled: what `~1` should still find. */
function typo(word: string, roll: number): string {
  const at = 1 + Math.floor(roll * (word.length - 2));
  return roll < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at] + word.slice(at);
}

/** Two neighbouring plain words from the notes' bodies (no links, no code words). */
function phrasesFrom(bodies: readonly string[], count: number, rand: () => number): string[] {
  const phrases = new Set<string>();
  const plain = new Set(VOCABULARY.words);
  for (let tries = 0; phrases.size < count && tries < count * 200 && bodies.length > 0; tries++) {
    const body = bodies[Math.floor(rand() * bodies.length)];
    const words = body.slice(Math.floor(rand() * Math.max(1, body.length - 200))).split(/\s+/).slice(1, 12);
    for (let i = 0; i + 1 < words.length; i++) {
      if (plain.has(words[i]) && plain.has(words[i + 1]) && words[i] !== words[i + 1]) {
        phrases.add(`"${words[i]} ${words[i + 1]}"`);
        break;
      }
    }
  }
  return [...phrases];
}

export function buildQuerySet(bodies: readonly string[], seed = 7): QuerySet {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const words = VOCABULARY.words;
  const longWords = words.filter((w) => w.length >= 5);
  const topicWords = [...new Set(VOCABULARY.topics.flatMap((t) => t.split(' ')))];
  const compounds = VOCABULARY.codeWords.flatMap((w) => [w, ...w.split(/[.-]/).filter((part) => part.length > 2)]);
  const year = () => VOCABULARY.firstYear + Math.floor(rand() * VOCABULARY.years);
  const times = (make: (i: number) => string): string[] => Array.from({ length: PER_OPERATOR }, (_, i) => make(i));

  return {
    word: times(() => pick(words)),
    and: times(() => `${pick(words)} ${pick(words)}`),
    or: times(() => `${pick(words)} OR ${pick(words)}`),
    phrase: phrasesFrom(bodies, PER_OPERATOR, rand),
    exclude: times(() => `${pick(words)} -${pick(words)}`),
    prefix: times(() => {
      const w = pick(longWords);
      return `${w.slice(0, 3 + Math.floor(rand() * 3))}*`;
    }),
    fuzzy: times((i) => `${i % 2 === 0 ? typo(pick(longWords), rand()) : pick(longWords)}~1`),
    title: times((i) => `title:${i % 2 === 0 ? pick(topicWords) : pick(words)}`),
    tag: times((i) => (i % 3 === 2 ? `${pick(words)} tag:${pick(VOCABULARY.tags)}` : `tag:${pick(VOCABULARY.tags)}`)),
    path: times((i) => (i % 2 === 0 ? `path:${year()}` : `${pick(words)} path:${year()}`)),
    date: times((i) => {
      const y = year();
      const from = Math.floor(rand() * 300);
      const range = `after:${isoDay(y, from)} before:${isoDay(y, from + 7 + Math.floor(rand() * 60))}`;
      return i % 2 === 0 ? `${pick(words)} ${range}` : range;
    }),
    compound: times(() => pick(compounds)),
  };
}
