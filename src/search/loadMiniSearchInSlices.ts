import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { internalsOf, type TermPostings } from './miniSearchInternals.ts';

/** Longest stretch of work between two event-loop turns: a question needs several turns to be answered. */
const SLICE_MS = 1;

function numericMap<Value>(object: Record<string, Value>): Map<number, Value> {
  const map = new Map<number, Value>();
  for (const key of Object.keys(object)) map.set(Number.parseInt(key, 10), object[key] as Value);
  return map;
}

/**
 * Restores a MiniSearch index from `toJSON()` output like `MiniSearch.loadJSAsync`, but hands the event loop
 * back after every millisecond of work rather than every thousand terms. A thousand common terms can hold a
 * million postings; on two busy cores that is a 50 ms turn, longer than a question takes to answer.
 *
 * MiniSearch offers no public way to add postings, so terms go into its term tree (`_index`) exactly as
 * `loadJS` puts them there. Only the serialisation format MiniSearch 7 writes (version 2) is read this way.
 */
export async function loadMiniSearchInSlices<T>(
  js: AsPlainObject,
  options: Options<T>,
): Promise<MiniSearch<T>> {
  if (js.serializationVersion !== 2) return MiniSearch.loadJSAsync<T>(js, options);
  const miniSearch = MiniSearch.loadJS<T>({ ...js, index: [] }, options);
  const terms = internalsOf(miniSearch)._index;
  let sliceEnds = performance.now() + SLICE_MS;
  for (const [term, fields] of js.index) {
    const data: TermPostings = new Map();
    for (const fieldId of Object.keys(fields)) {
      data.set(Number.parseInt(fieldId, 10), numericMap(fields[fieldId] as Record<string, number>));
    }
    terms.set(term, data);
    if (performance.now() >= sliceEnds) {
      await nextTurn();
      sliceEnds = performance.now() + SLICE_MS;
    }
  }
  return miniSearch;
}
