// A synthetic notebook for the benchmark: N notes with dated names in
// several styles, front matter, wikilinks of every form, code blocks, a long
// tail of sizes up to 60 KB and a vocabulary that reads like research notes.
// Deterministic: the same N and seed give the same files.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stemOf } from '../../electron/core/paths';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const TOPICS = [
  'Nix', 'NixOS', 'Flakes', 'Home Manager', 'Derivations', 'Overlays', 'Garbage collection', 'Generations',
  'Reproducibility', 'Dev shells', 'Cachix', 'Hydra', 'nixpkgs', 'Modules', 'Secrets', 'Impermanence',
  'Jellyfin', 'nginx', 'ACME', 'Firewall', 'systemd', 'ZFS', 'Btrfs', 'Wireguard', 'Tailscale', 'Podman',
  'Rust toolchains', 'Python environments', 'Haskell', 'Cross compilation', 'Binary caches', 'Closures',
];

const WORDS = (
  'store path derivation build input output closure hash evaluation lazy attribute set function module option ' +
  'configuration service package channel revision pin lock update rollback generation profile boot loader kernel ' +
  'network firewall proxy certificate domain user group permission secret key encryption backup snapshot restore ' +
  'dataset pool cache substitute binary source fetch tarball git commit branch merge conflict release version ' +
  'dependency library runtime compiler toolchain environment shell variable path activation script switch test ' +
  'research experiment measure result observation question answer idea note reading paper chapter summary ' +
  'reproducible deterministic sandbox isolation purity impurity evaluation instantiation realisation daemon ' +
  'worker queue log metric latency throughput memory disk storage volume mount filesystem partition layout'
).split(' ');

const CODE_WORDS = ['flake.lock', 'configuration.nix', 'nix-shell', 'flake.nix', 'default.nix', 'home.nix', 'nix-env', 'nixos-rebuild'];

/** Stop words: about a third of real prose; the index drops them, phrases keep them. */
const FUNCTION_WORDS = 'the of and to in is that for it with as on this by be are from at or not but which when we can if then so'.split(' ');
const SYLLABLES = 'ka lo mi ne ru ta shi po ve da ri gu fen mor tal bri cos dex jun lap nor quin sel tor vam wex yor zel ost ank ber'.split(' ');
/** Distinct rarer words (names, jargon, identifiers), drawn with a Zipf law as real vocabularies are. */
const TAIL_SIZE = 20_000;

const FRONT_MATTER_TAGS = [['nix', 'nixos', 'research', 'til'], ['server', 'desktop', 'flakes', 'draft']] as const;
const INLINE_TAGS = ['nix', 'nixos/server', 'til', 'idea'];

/** The words the notes are made of, for the bench's queries. */
export const VOCABULARY = {
  topics: TOPICS,
  words: WORDS,
  codeWords: CODE_WORDS,
  tags: [...new Set([...FRONT_MATTER_TAGS.flat(), ...INLINE_TAGS])],
  /** Dated notes span 2019-01-01 to about 2024-12-30. */
  firstYear: 2019,
  years: 6,
} as const;

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up words of 2-4 syllables, most common first; deterministic. */
function tailVocabulary(size: number): string[] {
  const rand = random(0x7a11);
  const words = new Set<string>();
  while (words.size < size) {
    let word = '';
    for (let n = 2 + Math.floor(rand() * 3); n > 0; n--) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Draws a rank 0..n-1 with probability proportional to 1 / (rank + 2.7) (Zipf-Mandelbrot). */
function zipf(n: number): (rand: () => number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cumulative[r] = sum += 1 / (r + 2.7);
  return (rand) => {
    const u = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const BASE32 = '0123456789abcdfghijklmnpqrsvwxyz';

export interface GeneratedNotebook {
  dir: string;
  ids: string[];
  bytes: number;
  /** The id of a note that exactly `hubBacklinks` notes link to. */
  hub: string;
  hubBacklinks: number;
}

/** `YYYY-MM-DD` of the day `dayOfYear` days after 1 January of `year` (it may run into later years). */
export function isoDay(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
}

function datedStem(date: string, title: string, style: number): string {
  const [y, m, d] = date.split('-');
  switch (style) {
    case 0:
      return `${d}${MONTHS[Number(m) - 1]}${y.slice(2)} - ${title}`;
    case 1:
      return `${date} ${title}`;
    case 2:
      return `${y}${m}${d}_${title}`;
    default:
      return `${y}_${m}_${d} - ${title}`;
  }
}

export async function generateNotebook(dir: string, count: number, seed = 42, hubBacklinks = 200): Promise<GeneratedNotebook> {
  if (!Number.isInteger(count) || count < 10) throw new Error(`generateNotebook needs a whole number of at least 10 notes, not ${count}`);
  const rand = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const tail = tailVocabulary(TAIL_SIZE);
  const tailRank = zipf(tail.length);
  const storePath = () => {
    let hash = '';
    for (let k = 0; k < 32; k++) hash += BASE32[Math.floor(rand() * 32)];
    return `/nix/store/${hash}-${pick(WORDS)}-${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}`;
  };
  // Prose: a third stop words, a third the topic words the queries use, a third the long tail.
  const proseWord = () => {
    const roll = rand();
    return roll < 0.3 ? pick(FUNCTION_WORDS) : roll < 0.65 ? pick(WORDS) : tail[tailRank(rand)];
  };
  const titles: string[] = [];
  const ids: string[] = [];
  const conceptCount = Math.min(TOPICS.length, Math.max(4, Math.floor(count / 50)));

  // Concept notes at the root, then dated notes by year.
  for (let i = 0; i < conceptCount; i++) {
    titles.push(TOPICS[i]);
    ids.push(`${TOPICS[i]}.md`);
  }
  for (let i = ids.length; i < count; i++) {
    const day = Math.floor((i / count) * 365 * 6);
    const date = isoDay(2019, day);
    const title = `${pick(TOPICS)} ${pick(WORDS)} ${i}`;
    titles.push(title);
    ids.push(`${date.slice(0, 4)}/${datedStem(date, title, i % 4)}.md`);
  }
  // The hub is the first dated note: exactly the next `hubBacklinks` notes link to it.
  const hubIndex = conceptCount;
  const linkers = Math.min(hubBacklinks, ids.length - 1 - hubIndex);
  // Random links skip the hub so its backlink count stays exact.
  const otherThanHub = (index: number) => (index === hubIndex ? (index + 1) % ids.length : index);
  const hubStem = stemOf(ids[hubIndex]);
  let bytes = 0;
  await mkdir(dir, { recursive: true });
  const folders = new Set(ids.map((id) => id.split('/').slice(0, -1).join('/')).filter(Boolean));
  for (const folder of folders) await mkdir(join(dir, folder), { recursive: true });

  const writes: Array<Promise<void>> = [];
  for (let i = 0; i < ids.length; i++) {
    // Long tail: most notes are 1-4 KB, 1.5% are 4-60 KB; about 2.7 KB on
    // average, as the reference notebook (10,000 notes, 26 MB).
    const long = rand() < 0.015;
    const size = long ? Math.floor(4_000 + rand() * rand() * 56_000) : Math.floor(900 + rand() * 2_600);
    const lines: string[] = ['---', `title: "${titles[i]}"`, `tags: [${pick(FRONT_MATTER_TAGS[0])}, ${pick(FRONT_MATTER_TAGS[1])}]`];
    if (i % 7 === 0) lines.push(`aliases: ["${titles[i]} alias"]`);
    lines.push('---', '', `# ${titles[i]}`, '');
    let text = lines.join('\n');
    const linksToHub = i > hubIndex && i <= hubIndex + linkers;
    // By file name, as Obsidian writes links: renaming the hub must rewrite all of them.
    if (linksToHub) text += `Builds on [[${hubStem}]].\n\n`;
    let paragraph = 0;
    while (text.length < size) {
      paragraph++;
      const sentence: string[] = [];
      for (let w = 0; w < 60; w++) {
        const roll = rand();
        if (roll < 0.02) sentence.push(`[[${pick(titles.slice(0, conceptCount))}]]`);
        else if (roll < 0.025) sentence.push(`[[${titles[otherThanHub(Math.floor(rand() * titles.length))]}|see this]]`);
        else if (roll < 0.027) sentence.push(`[[${pick(TOPICS)}#Overview]]`);
        else if (roll < 0.028) sentence.push(`[[${pick(TOPICS)}#^block${Math.floor(rand() * 9)}]]`);
        else if (roll < 0.029) sentence.push(`[${pick(WORDS)}](${encodeURI(ids[otherThanHub(Math.floor(rand() * conceptCount))])})`);
        else if (roll < 0.03) sentence.push(`[[Unwritten ${pick(WORDS)}]]`);
        else if (roll < 0.04) sentence.push(pick(CODE_WORDS));
        else if (roll < 0.045) sentence.push(`#${pick(INLINE_TAGS)}`);
        else if (roll < 0.047) sentence.push(storePath());
        else sentence.push(proseWord());
      }
      text += sentence.join(' ') + '.\n\n';
      if (paragraph % 4 === 0) {
        text += '```nix\n{ pkgs, ... }: {\n  # [[not a link]] inside code\n  environment.systemPackages = [ pkgs.git ];\n}\n```\n\n';
      }
      if (paragraph % 5 === 0) text += `## ${pick(WORDS)} ${paragraph}\n\n![[${pick(TOPICS)}]]\n\n`;
    }
    bytes += Buffer.byteLength(text);
    writes.push(writeFile(join(dir, ids[i]), text));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return { dir, ids, bytes, hub: ids[hubIndex], hubBacklinks: linkers };
}
