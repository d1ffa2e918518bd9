// One immutable lunr index over a subset of the notes, serialisable with the
// metadata the engine needs to score it and to check it against the notes.
//
// The serialised form is lunr's own (`lunr.Index.load` reads it and rebuilds
// the term automaton, lunr.TokenSet, that expands `prefix*` and `fuzzy~1`),
// analysed by our tokenizer and the registered `notebookTerm` pipeline step.
// Three things differ from what lunr.Builder would write, all measured:
//   - each posting holds the term frequency (`{"12": 3}`) instead of `{}`,
//     because the engine scores with global BM25 statistics across segments
//     (see search-engine.ts), not with lunr's per-index vectors;
//   - there are no field vectors: half of a stock index's JSON and a quarter
//     of its build time, and their idf would be this segment's own;
//   - the build is a direct loop over `forEachTerm` writing JSON text: lunr's
//     Builder allocates a Token and several objects per word, and its
//     garbage made building 26 MB of notes take seconds longer.
// Doc refs are local numbers ("0", "1", ...) so postings stay small; `docs`
// maps them back to note ids.

import lunr from 'lunr';
import type { NoteId } from '../model';
import { searchDocHash, type SearchDoc } from './search-doc';
import { forEachTerm, PIPELINE_LABEL } from './tokenizer';

export const SEARCH_FIELDS = ['title', 'aliases', 'tags', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = { title: 10, aliases: 5, tags: 5, body: 1 };

/** Bumped whenever the tokenizer, the pipeline or this format changes: old caches are then rebuilt. */
export const SEGMENT_FORMAT = 1;

/** Term frequency per local doc ref, per field. */
export type Posting = Partial<Record<SearchField, Record<string, number>>>;

export interface SegmentDoc {
  id: NoteId;
  /** `searchDocHash` of the version indexed here. */
  hash: string;
  /** Number of terms in each field, in SEARCH_FIELDS order. */
  lengths: number[];
}

export interface SegmentJSON {
  format: number;
  docs: SegmentDoc[];
  /** A lunr.Index serialisation (lunr.Index.load reads it). */
  index: {
    version: string;
    fields: string[];
    fieldVectors: [];
    invertedIndex: Array<[string, Posting]>;
    pipeline: string[];
  };
}

export class SegmentFormatError extends Error {
  constructor(message: string) {
    super(`Search index segment is unreadable: ${message}`);
    this.name = 'SegmentFormatError';
  }
}

/**
 * Analyses `docs` and returns the segment as JSON text: what a worker sends
 * back and what the cache stores. Terms are sorted, as lunr.Index.load needs.
 */
export function serializeSegment(docs: readonly SearchDoc[]): string {
  // term -> flat [field, ref, tf, field, ref, tf, ...] in (ref, field) order.
  const postings = new Map<string, number[]>();
  const counts = new Map<string, number>();
  const docEntries: string[] = [];
  docs.forEach((doc, ref) => {
    const lengths: number[] = [];
    SEARCH_FIELDS.forEach((field, f) => {
      counts.clear();
      let length = 0;
      const count = (term: string): void => {
        counts.set(term, (counts.get(term) ?? 0) + 1);
        length++;
      };
      if (field === 'title') forEachTerm(doc.title, count);
      else if (field === 'body') forEachTerm(doc.body, count);
      else for (const value of doc[field]) forEachTerm(value, count);
      lengths.push(length);
      for (const [term, tf] of counts) {
        let list = postings.get(term);
        if (list === undefined) postings.set(term, (list = []));
        list.push(f, ref, tf);
      }
    });
    docEntries.push(JSON.stringify({ id: doc.id, hash: searchDocHash(doc), lengths } satisfies SegmentDoc));
  });

  const terms = [...postings.keys()].sort();
  const entries: string[] = new Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    const list = postings.get(terms[t])!;
    const fields: string[] = [];
    for (let f = 0; f < SEARCH_FIELDS.length; f++) {
      let refs = '';
      for (let i = 0; i < list.length; i += 3) {
        if (list[i] === f) refs += (refs === '' ? '"' : ',"') + list[i + 1] + '":' + list[i + 2];
      }
      if (refs !== '') fields.push(`"${SEARCH_FIELDS[f]}":{${refs}}`);
    }
    entries[t] = `[${JSON.stringify(terms[t])},{${fields.join(',')}}]`;
  }
  const index =
    `{"version":${JSON.stringify(lunr.version)},"fields":${JSON.stringify(SEARCH_FIELDS)},` +
    `"fieldVectors":[],"invertedIndex":[${entries.join(',')}],"pipeline":[${JSON.stringify(PIPELINE_LABEL)}]}`;
  return `{"format":${SEGMENT_FORMAT},"docs":[${docEntries.join(',')}],"index":${index}}`;
}

export class Segment {
  private constructor(
    readonly docs: readonly SegmentDoc[],
    private readonly index: lunr.Index,
  ) {}

  /** Builds in the calling thread (the fresh segment, tests, and the no-worker fallback). */
  static build(docs: readonly SearchDoc[]): Segment {
    return Segment.load(JSON.parse(serializeSegment(docs)));
  }

  /** Loads a serialised segment; throws SegmentFormatError when it is not one. */
  static load(json: unknown): Segment {
    const data = json as SegmentJSON;
    if (typeof json !== 'object' || json === null) throw new SegmentFormatError('not an object');
    if (data.format !== SEGMENT_FORMAT) throw new SegmentFormatError(`format ${String(data.format)}, expected ${SEGMENT_FORMAT}`);
    if (!Array.isArray(data.docs)) throw new SegmentFormatError('no document list');
    for (const doc of data.docs) {
      const ok =
        typeof doc === 'object' && doc !== null && typeof doc.id === 'string' && typeof doc.hash === 'string' &&
        Array.isArray(doc.lengths) && doc.lengths.length === SEARCH_FIELDS.length && doc.lengths.every((n) => typeof n === 'number');
      if (!ok) throw new SegmentFormatError('a malformed document entry');
    }
    const index = data.index;
    if (typeof index !== 'object' || index === null || !Array.isArray(index.invertedIndex) || !Array.isArray(index.pipeline)) {
      throw new SegmentFormatError('no lunr index');
    }
    if (index.version !== lunr.version) throw new SegmentFormatError(`lunr ${index.version}, expected ${lunr.version}`);
    let previous = '';
    for (const entry of index.invertedIndex) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'object' || entry[1] === null) {
        throw new SegmentFormatError('a malformed posting');
      }
      if (entry[0] < previous) throw new SegmentFormatError('terms out of order');
      previous = entry[0];
    }
    try {
      return new Segment(data.docs, lunr.Index.load(index));
    } catch (error) {
      throw new SegmentFormatError((error as Error).message);
    }
  }

  toJSON(): SegmentJSON {
    const inverted = this.invertedIndex();
    return {
      format: SEGMENT_FORMAT,
      docs: [...this.docs],
      index: {
        version: lunr.version,
        fields: [...SEARCH_FIELDS],
        fieldVectors: [],
        invertedIndex: Object.keys(inverted).sort().map((term) => [term, inverted[term]]),
        pipeline: [PIPELINE_LABEL],
      },
    };
  }

  private invertedIndex(): Record<string, Posting> {
    return (this.index as unknown as { invertedIndex: Record<string, Posting> }).invertedIndex;
  }

  /** Every index term of this segment, unordered. */
  terms(): string[] {
    return Object.keys(this.invertedIndex());
  }

  get size(): number {
    return this.docs.length;
  }

  /** The postings of one index term, or undefined when no doc here has it. */
  posting(term: string): Posting | undefined {
    return this.invertedIndex()[term];
  }

  /**
   * Index terms accepted by a lunr.TokenSet automaton: `TokenSet.fromString("nix*")`
   * for a prefix, `TokenSet.fromFuzzyString(word, 1)` for near spellings.
   */
  termsIn(automaton: lunr.TokenSet): string[] {
    return (this.index as unknown as { tokenSet: lunr.TokenSet }).tokenSet.intersect(automaton).toArray();
  }
}
