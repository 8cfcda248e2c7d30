import MiniSearch, { type Options } from 'minisearch';
import type { Corpus } from '../src/corpus/types.ts';
import type { IndexedPassage } from '../src/search/indexOptions.ts';
import { STOP_WORDS } from '../src/text/textProcessing.ts';

/** A MiniSearch set-up Dossier is compared with, searching the raw question. */
export type Peer = 'stopWords' | 'default';

/**
 * The peers' options. The main one leaves out the same stop words as Dossier (question words included),
 * as anyone indexing news would; the other is MiniSearch as its README shows it, keeping every word.
 */
const PEER_OPTIONS: Record<Peer, Options<IndexedPassage>> = {
  stopWords: {
    fields: ['text'],
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : lower;
    },
  },
  default: { fields: ['text'] },
};

/** What the bench tables call each peer. */
export const PEER_NAMES: Record<Peer, string> = {
  stopWords: 'MiniSearch stop words',
  default: 'MiniSearch default',
};

/** Every passage's text, numbered as PassageIndex numbers them, for indexes that need the text handed in. */
export function passageDocuments(corpus: Corpus): IndexedPassage[] {
  const texts = corpus.documents.flatMap((document) =>
    document.passages.map((passage) => document.text.slice(passage.start, passage.end)),
  );
  return texts.map((text, id) => ({ id, text }));
}

/** A MiniSearch peer over the passages. */
export function buildBaseline(documents: readonly IndexedPassage[], peer: Peer): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(PEER_OPTIONS[peer]);
  miniSearch.addAll(documents);
  return miniSearch;
}

/** A MiniSearch peer restored from its JSON. */
export function loadBaseline(json: string, peer: Peer): Promise<MiniSearch<IndexedPassage>> {
  return MiniSearch.loadJSONAsync<IndexedPassage>(json, PEER_OPTIONS[peer]);
}
