// Which notes go into a bundle. Criteria narrow the notebook (all must hold);
// with none, the notes marked `publish: true` go. Some notes never go,
// whatever was asked: drafts, `publish: false`, and private notes.

import { ApiError } from '../api';
import type { LinkGraph } from '../graph';
import type { ConceptKey, IsoDate, NoteId, ParsedNote } from '../model';
import { isValidIsoDate } from '../dates';
import { compareCodePoints, lookupKey } from '../resolve';
import type { SelectionCriteria } from './types';

export type ExclusionReason = 'draft' | 'publish-false' | 'private-tag' | 'private-field';

export const MAX_DEPTH = 50;

/** A front matter flag: booleans, and the strings YAML 1.1 would have read as booleans. */
export function frontmatterFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes' || v === 'on') return true;
    if (v === 'false' || v === 'no' || v === 'off') return false;
  }
  return null;
}

/** A tag as asked for (`--tag`): the graph's tag index ignores case and one `#`; any number of `#` is accepted here. */
function tagQuery(tag: string): string {
  return tag.trim().replace(/^#+/, '');
}

/** A `#private` tag, or one nested under it (`#private/family`), in any case. */
function isPrivateTag(tag: string): boolean {
  const key = lookupKey(tagQuery(tag));
  return key === 'private' || key.startsWith('private/');
}

/**
 * Why a note is never exported, or null when it may be: `draft: true`,
 * `publish: false`, `private: true`, or a `#private` tag (nested ones too).
 */
export function exclusionReason(note: ParsedNote): ExclusionReason | null {
  const fm = note.frontmatter;
  if (frontmatterFlag(fm.draft) === true) return 'draft';
  if (frontmatterFlag(fm.publish) === false) return 'publish-false';
  if (frontmatterFlag(fm.private) === true) return 'private-field';
  if (note.tags.some(isPrivateTag)) return 'private-tag';
  return null;
}

export interface SelectionInput {
  graph: LinkGraph;
  /** Note ids matching a full-text query; required only when `criteria.query` is set. */
  searchIds?: (query: string) => NoteId[];
}

export interface Selection {
  /** Sorted by id (code-point order). */
  ids: NoteId[];
  warnings: string[];
}

function checkDate(name: string, value: IsoDate | undefined): void {
  if (value !== undefined && !isValidIsoDate(value)) {
    throw new ApiError('bad-argument', `--${name} "${value}" is not a date; use YYYY-MM-DD`);
  }
}

/** Throws ApiError('bad-argument') naming the first bad criterion. */
export function validateCriteria(criteria: SelectionCriteria): void {
  checkDate('since', criteria.since);
  checkDate('until', criteria.until);
  if (criteria.since && criteria.until && criteria.since > criteria.until) {
    throw new ApiError('bad-argument', `--since ${criteria.since} is after --until ${criteria.until}; no note can match`);
  }
  const depth = criteria.depth;
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH)) {
    throw new ApiError('bad-argument', `--depth must be a whole number from 0 to ${MAX_DEPTH}, got ${String(depth)}`);
  }
  for (const tag of criteria.tags ?? []) {
    if (tagQuery(tag).replace(/^\/+|\/+$/g, '') === '') throw new ApiError('bad-argument', `--tag "${tag}" names no tag`);
  }
  for (const name of criteria.notes ?? []) {
    if (name.trim() === '') throw new ApiError('bad-argument', '--note needs a note name, got an empty one');
  }
  if (criteria.query !== undefined && criteria.query.trim() === '') {
    throw new ApiError('bad-argument', '--query needs some words to search for');
  }
}

function hasCriteria(c: SelectionCriteria): boolean {
  return (
    c.query !== undefined ||
    (c.tags?.length ?? 0) > 0 ||
    c.since !== undefined ||
    c.until !== undefined ||
    (c.notes?.length ?? 0) > 0 ||
    c.publish === true
  );
}

/** The note a link to a concept stands for: the oldest of its notes that `allowed` accepts. */
export function conceptNote(graph: LinkGraph, key: ConceptKey, allowed: (id: NoteId) => boolean): NoteId | null {
  return graph.concept(key)?.notes.find(allowed) ?? null;
}

/** The notes chosen by `criteria`, minus those never exported, plus the linked ones to `depth`. */
export function selectNotes(input: SelectionInput, criteria: SelectionCriteria): Selection {
  validateCriteria(criteria);
  const { graph } = input;
  const warnings: string[] = [];

  const named = new Set<NoteId>();
  for (const name of criteria.notes ?? []) {
    const id = graph.findByName(name);
    if (id === null) throw new ApiError('not-found', `--note "${name}": no note has that id, file name, title or alias`);
    named.add(id);
  }
  let matched: Set<NoteId> | null = null;
  if (criteria.query !== undefined) {
    if (!input.searchIds) throw new ApiError('unavailable', '--query needs the search index, which this caller did not provide');
    matched = new Set(input.searchIds(criteria.query));
  }

  // Nested-aware and case-insensitive, as the graph indexes tags.
  const tagged = (criteria.tags?.length ?? 0) === 0 ? null : new Set(criteria.tags!.flatMap((tag) => graph.notesWithTag(tagQuery(tag))));

  // `publish: true` is a criterion of its own, and the default when none is given.
  const wantPublished = criteria.publish === true || !hasCriteria(criteria);
  const chosen: NoteId[] = [];
  for (const note of graph.notes()) {
    const passes =
      (!wantPublished || frontmatterFlag(note.frontmatter.publish) === true) &&
      (matched === null || matched.has(note.id)) &&
      (named.size === 0 || named.has(note.id)) &&
      (tagged === null || tagged.has(note.id)) &&
      (criteria.since === undefined || (note.date !== null && note.date >= criteria.since)) &&
      (criteria.until === undefined || (note.date !== null && note.date <= criteria.until));
    if (!passes) continue;
    const reason = exclusionReason(note);
    if (reason !== null) {
      // Only a note the user named gets a warning: they asked for it by name.
      if (named.has(note.id)) warnings.push(`--note ${note.id} is not exported: ${describeExclusion(reason)}`);
      continue;
    }
    chosen.push(note.id);
  }

  const selected = new Set(chosen);
  const depth = criteria.depth ?? 0;
  let frontier = [...selected];
  const allowed = (id: NoteId) => {
    const note = graph.note(id);
    return note !== undefined && exclusionReason(note) === null;
  };
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: NoteId[] = [];
    for (const id of frontier.sort(compareCodePoints)) {
      for (const { link, resolution } of graph.outgoing(id)) {
        // Embeds are inlined into the page that embeds them; they are not separate pages.
        if (link.kind === 'embed') continue;
        let target: NoteId | null = null;
        if (resolution.kind === 'note') target = resolution.id;
        else if (resolution.kind === 'concept') target = conceptNote(graph, resolution.key, allowed);
        if (target === null || selected.has(target) || !allowed(target)) continue;
        selected.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return { ids: [...selected].sort(compareCodePoints), warnings };
}

export function describeExclusion(reason: ExclusionReason): string {
  switch (reason) {
    case 'draft':
      return 'it is a draft (draft: true)';
    case 'publish-false':
      return 'its front matter says publish: false';
    case 'private-field':
      return 'its front matter says private: true';
    case 'private-tag':
      return 'it is tagged #private';
  }
}
