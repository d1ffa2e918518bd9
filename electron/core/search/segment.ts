// One immutable lunr index over a subset of the notes, serialisable with the
// metadata the engine needs to score it and to check it against the notes.
//
// The serialised form is lunr's own (`lunr.Index.load` reads it; the
// `notebookTerm` pipeline step it names is registered by tokenizer.ts).
// Three things differ from what lunr.Builder would write, all measured:
//   - a posting holds, per field, packed `[ref, tf, ...]` pairs instead of
//     lunr's `{ref: {}}` objects: the engine scores with term frequencies and
//     global BM25 statistics (see search-engine.ts), not lunr's per-index
//     vectors, and arrays of small integers parse several times faster and
//     take a third of the memory (lunr.Index.load never looks inside them);
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
export const SEGMENT_FORMAT = 2;

/**
 * Per field, the docs holding the term as packed pairs `[ref, tf, ref, tf, ...]`
 * in ref order; `_s` lists the other spellings the term was stemmed from
 * (`derivations` for `deriv`), which fuzzy search compares with.
 */
export type Posting = Partial<Record<SearchField, number[]>> & { _s?: string[] };

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
  const writer = new SegmentWriter();
  for (const doc of docs) writer.add(doc);
  return writer.finish();
}

/** Builds a segment's JSON one doc at a time, so a caller can pause between docs. */
export class SegmentWriter {
  // term -> flat [field, ref, tf, field, ref, tf, ...] in (ref, field) order.
  private readonly postings = new Map<string, number[]>();
  private readonly spellings = new Map<string, Set<string>>();
  private readonly counts = new Map<string, number>();
  private readonly docEntries: string[] = [];

  get size(): number {
    return this.docEntries.length;
  }

  add(doc: SearchDoc): void {
    const ref = this.docEntries.length;
    const counts = this.counts;
    const lengths: number[] = [];
    let length = 0;
    const count = (term: string, norm: string): void => {
      counts.set(term, (counts.get(term) ?? 0) + 1);
      length++;
      if (norm !== term) {
        let set = this.spellings.get(term);
        if (set === undefined) this.spellings.set(term, (set = new Set()));
        set.add(norm);
      }
    };
    SEARCH_FIELDS.forEach((field, f) => {
      counts.clear();
      length = 0;
      if (field === 'title') forEachTerm(doc.title, count);
      else if (field === 'body') forEachTerm(doc.body, count);
      else for (const value of doc[field]) forEachTerm(value, count);
      lengths.push(length);
      for (const [term, tf] of counts) {
        let list = this.postings.get(term);
        if (list === undefined) this.postings.set(term, (list = []));
        list.push(f, ref, tf);
      }
    });
    this.docEntries.push(JSON.stringify({ id: doc.id, hash: searchDocHash(doc), lengths } satisfies SegmentDoc));
  }

  finish(): string {
    const terms = [...this.postings.keys()].sort();
    const entries: string[] = new Array(terms.length);
    for (let t = 0; t < terms.length; t++) {
      const list = this.postings.get(terms[t])!;
      const fields: string[] = [];
      for (let f = 0; f < SEARCH_FIELDS.length; f++) {
        let pairs = '';
        for (let i = 0; i < list.length; i += 3) {
          if (list[i] === f) pairs += (pairs === '' ? '' : ',') + list[i + 1] + ',' + list[i + 2];
        }
        if (pairs !== '') fields.push(`"${SEARCH_FIELDS[f]}":[${pairs}]`);
      }
      const spelled = this.spellings.get(terms[t]);
      if (spelled !== undefined) fields.push(`"_s":${JSON.stringify([...spelled].sort())}`);
      entries[t] = `[${JSON.stringify(terms[t])},{${fields.join(',')}}]`;
    }
    const index =
      `{"version":${JSON.stringify(lunr.version)},"fields":${JSON.stringify(SEARCH_FIELDS)},` +
      `"fieldVectors":[],"invertedIndex":[${entries.join(',')}],"pipeline":[${JSON.stringify(PIPELINE_LABEL)}]}`;
    return `{"format":${SEGMENT_FORMAT},"docs":[${this.docEntries.join(',')}],"index":${index}}`;
  }
}

export class Segment {
  private lunrIndex: lunr.Index | null = null;

  private constructor(
    readonly docs: readonly SegmentDoc[],
    private readonly inverted: Record<string, Posting>,
    /** The terms in code-point order, as serialised. */
    private readonly sortedTerms: readonly string[],
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
    if (index.pipeline.length !== 1 || index.pipeline[0] !== PIPELINE_LABEL) {
      throw new SegmentFormatError(`pipeline ${JSON.stringify(index.pipeline)}, expected ["${PIPELINE_LABEL}"]`);
    }
    const inverted: Record<string, Posting> = Object.create(null);
    const terms: string[] = new Array(index.invertedIndex.length);
    let previous = '';
    for (let i = 0; i < index.invertedIndex.length; i++) {
      const entry = index.invertedIndex[i];
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'object' || entry[1] === null) {
        throw new SegmentFormatError('a malformed posting');
      }
      if (i > 0 && entry[0] <= previous) throw new SegmentFormatError('terms out of order');
      previous = entry[0];
      terms[i] = entry[0];
      inverted[entry[0]] = entry[1];
    }
    return new Segment(data.docs, inverted, terms);
  }

  toJSON(): SegmentJSON {
    return {
      format: SEGMENT_FORMAT,
      docs: [...this.docs],
      index: {
        version: lunr.version,
        fields: [...SEARCH_FIELDS],
        fieldVectors: [],
        invertedIndex: this.sortedTerms.map((term) => [term, this.inverted[term]]),
        pipeline: [PIPELINE_LABEL],
      },
    };
  }

  /**
   * This segment as a lunr.Index (what lunr.Index.load would give). Built on
   * demand: its TokenSet costs a third of a segment's load time and the
   * engine does not need it (prefixes use the sorted terms).
   */
  asLunrIndex(): lunr.Index {
    this.lunrIndex ??= lunr.Index.load(this.toJSON().index as unknown as object);
    return this.lunrIndex;
  }

  get size(): number {
    return this.docs.length;
  }

  /** The postings of one index term, or undefined when no doc here has it. */
  posting(term: string): Posting | undefined {
    return this.inverted[term];
  }

  /** Calls `visit` for every spelling in this segment (terms and the words stemmed to them). */
  forEachSpelling(visit: (spelling: string, term: string) => void): void {
    for (const term of this.sortedTerms) {
      visit(term, term);
      const spelled = this.inverted[term]._s;
      if (spelled !== undefined) for (const s of spelled) visit(s, term);
    }
  }

  /** Index terms starting with `prefix`: a binary search in the sorted terms. */
  termsWithPrefix(prefix: string): string[] {
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < terms.length && terms[i].startsWith(prefix); i++) out.push(terms[i]);
    return out;
  }
}
