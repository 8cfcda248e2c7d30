import MiniSearch, { type Options } from 'minisearch';
import type { Corpus } from '../src/corpus/types.ts';
import type { IndexedPassage } from '../src/search/indexOptions.ts';

/** The baseline: MiniSearch as a newcomer would set it up, searching the raw question. */
export const BASELINE_OPTIONS: Options<IndexedPassage> = { fields: ['text'] };

/** Every passage's text, numbered as PassageIndex numbers them, for indexes that need the text handed in. */
export function passageDocuments(corpus: Corpus): IndexedPassage[] {
  const texts = corpus.documents.flatMap((document) =>
    document.passages.map((passage) => document.text.slice(passage.start, passage.end)),
  );
  return texts.map((text, id) => ({ id, text }));
}

/** Default MiniSearch over the passages, built the way its README shows. */
export function buildBaseline(documents: readonly IndexedPassage[]): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(BASELINE_OPTIONS);
  miniSearch.addAll(documents);
  return miniSearch;
}

/** Default MiniSearch restored from its JSON. */
export function loadBaseline(json: string): Promise<MiniSearch<IndexedPassage>> {
  return MiniSearch.loadJSONAsync<IndexedPassage>(json, BASELINE_OPTIONS);
}
