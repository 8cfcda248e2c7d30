import type MiniSearch from 'minisearch';

/** Postings of one term, by field id and then by short document id, as MiniSearch keeps them. */
export type TermPostings = Map<number, Map<number, number>>;

/** MiniSearch's radix tree of terms. */
export interface TermTree extends Iterable<[string, TermPostings]> {
  get(term: string): TermPostings | undefined;
  set(term: string, postings: TermPostings): unknown;
  /** Every term within `maxDistance` edits of `term`, with its postings and its distance. */
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermPostings, number]>;
}

/**
 * The private state of a MiniSearch 7 index that Dossier reads or writes directly, for what the public API
 * cannot do: save and restore postings compactly and in short slices, and score only the best few passages of
 * a query. MiniSearch is pinned to an exact version for this reason. tests/search/topPassageSearch.test.ts
 * compares results with MiniSearch's own `search`, before and after a save and restore, so an upgrade that
 * changes this shape fails there first.
 */
export interface MiniSearchInternals {
  _index: TermTree;
  _documentCount: number;
  /** Short document id → the id the document was added with. */
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  /** Short document id → the length in terms of each field, by field id. */
  _fieldLength: Map<number, number[]>;
  /** By field id. */
  _avgFieldLength: number[];
}

export function internalsOf<T>(miniSearch: MiniSearch<T>): MiniSearchInternals {
  return miniSearch as unknown as MiniSearchInternals;
}
