import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { internalsOf } from './miniSearchInternals.ts';

/** One term and its postings in the indexed field, flat: [shortId, frequency, shortId, frequency, …]. */
export type FlatPostings = [term: string, postings: number[]];

/**
 * A MiniSearch index of one field, saved in two parts: MiniSearch's own `toJSON()` without its postings, and
 * the postings as number lists. MiniSearch writes each posting as an object key, which costs twice as long to
 * parse and restore (at 20k passages, 0.64 s against 0.33 s).
 */
export interface SavedMiniSearch {
  state: AsPlainObject;
  postings: FlatPostings[];
}

/** Longest stretch of work between two event-loop turns: a question needs several turns to be answered. */
const SLICE_MS = 1;

export function saveMiniSearch<T>(miniSearch: MiniSearch<T>, field: string): SavedMiniSearch {
  const internals = internalsOf(miniSearch);
  const fieldId = internals._fieldIds[field];
  const postings: FlatPostings[] = [];
  for (const [term, fields] of internals._index) {
    const flat: number[] = [];
    for (const [shortId, frequency] of fields.get(fieldId ?? -1) ?? []) flat.push(shortId, frequency);
    if (flat.length > 0) postings.push([term, flat]);
  }
  return { state: { ...miniSearch.toJSON(), index: [] }, postings };
}

/**
 * Restores an index saved by `saveMiniSearch`. A caller on a busy event loop asks for `yielding`: the event
 * loop then gets a turn after every millisecond of work, where `MiniSearch.loadJSAsync` waits for a thousand
 * terms, which can be a million postings and a 50 ms turn on two busy cores.
 *
 * MiniSearch offers no public way to add postings, so they go into its term tree (`_index`) exactly as
 * `loadJS` puts them there.
 */
export async function restoreMiniSearch<T>(
  saved: SavedMiniSearch,
  options: Options<T>,
  field: string,
  { yielding = false } = {},
): Promise<MiniSearch<T>> {
  const miniSearch = MiniSearch.loadJS<T>({ ...saved.state, index: [] }, options);
  const internals = internalsOf(miniSearch);
  const fieldId = internals._fieldIds[field] ?? 0;
  let sliceEnds = performance.now() + SLICE_MS;
  for (const [term, flat] of saved.postings) {
    const documents = new Map<number, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) documents.set(flat[i] ?? 0, flat[i + 1] ?? 0);
    internals._index.set(term, new Map([[fieldId, documents]]));
    if (yielding && performance.now() >= sliceEnds) {
      await nextTurn();
      sliceEnds = performance.now() + SLICE_MS;
    }
  }
  return miniSearch;
}
