import type { Options } from 'minisearch';
import { sha256 } from '../corpus/parseDocument.ts';
import { LEXICON_HASH } from '../text/lexicon.ts';
import { normalizeTerm, tokenize } from '../text/textProcessing.ts';
import type { TermProcessing } from './InvertedIndex.ts';
import type { ScoringOptions } from './TopPassageSearch.ts';

/** What MiniSearch stores per passage: the array position is the id, the text is the only field. */
export interface IndexedPassage {
  id: number;
  text: string;
}

/** The one field MiniSearch indexes: a passage's text. */
const INDEXED_FIELD = 'text';

/** How passage text becomes index terms, in one place, so the index and its snapshots always agree. */
export const TERM_PROCESSING: TermProcessing = { tokenize, processTerm: normalizeTerm };

/** A MiniSearch that makes the same terms as Dossier's index, the reference its scoring is checked against. */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  fields: [INDEXED_FIELD],
  storeFields: [],
  ...TERM_PROCESSING,
};

/**
 * How passages are scored for a query (see TopPassageSearch): MiniSearch's default BM25, and fuzzy matches
 * counting for less than exact ones, so a near-miss never outranks the word itself.
 */
export const PASSAGE_SCORING: ScoringOptions = {
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  fuzzyWeight: 0.35,
};

/**
 * Edit distance allowed for a query term the corpus lacks. Long words get more room because the stemmer cuts
 * the corpus's form short but leaves a misspelling whole ("contingnet" against "conting").
 */
export function fuzzyDistanceFor(term: string): number {
  // Below six letters one edit is a different word too often ("tower" and "power").
  if (term.length < 6 || /^\d/.test(term)) return 0;
  if (term.length < 8) return 1;
  return term.length < 10 ? 2 : 3;
}

/** Query terms that come from an acronym's expansion, not from the question itself, count for less. */
export const ALIAS_TERM_WEIGHT = 0.6;

/**
 * A related word used by more than this share of passages is too common to narrow anything down, and the
 * slowest to look up; in a small corpus every word is rare enough, hence the floor.
 */
export const MAX_RELATED_TERM_SHARE = 0.01;
export const RELATED_TERM_PASSAGES_FLOOR = 100;
/** Related words below this similarity are more often a different thing than the same one said otherwise. */
export const MIN_RELATED_SIMILARITY = 0.62;
/** Corpus terms added per question word, the closest first. */
export const RELATED_PER_TERM = 3;
/** A related word's pull in retrieval, times its similarity: always below the question's own words. */
export const RELATED_TERM_WEIGHT = 0.5;

/**
 * Changes whenever the way text becomes terms changes, so a snapshot built by older code is never loaded.
 * Bump the revision when changing text processing in a way the samples below do not exercise, or what a
 * snapshot holds.
 */
export const INDEX_FORMAT = sha256(
  JSON.stringify({
    revision: 8,
    lexicon: LEXICON_HASH,
    fields: INDEX_OPTIONS.fields,
    sample: tokenize(
      'Who commanded the 2,030 soldiers of the U.S. and Nazarbayev’s Almatý? S&P fell 5 per cent, 2%, to £350m.',
    ).map(normalizeTerm),
  }),
).slice(0, 12);
