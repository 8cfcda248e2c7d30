import type { SearchIndex } from '../search/SearchIndex.ts';
import { coverageOf, fuzzyFormsOf, termFormsOf } from './queryCoverage.ts';
import type { SentenceTable } from './SentenceTable.ts';
import type { Relevance } from './selectLines.ts';
import { sentenceUnitsOf } from './sentenceUnits.ts';
import { MAX_TOPIC_PASSAGES, MIN_TOPIC_COVERAGE } from './summaryOptions.ts';

/** The sentences a summary may quote, by their numbers in `table`, and how relevant each one's passage is. */
export interface UnitSelection {
  table: SentenceTable;
  /** In corpus order. */
  units: ArrayLike<number>;
  relevance: Relevance;
}

/** Why nothing can be quoted, in words for the reader. */
export interface NothingToQuote {
  reason: string;
}

/**
 * The sentences of the corpus a summary may quote. With a topic, only sentences of the passages the index
 * finds for it that cover at least half of the topic themselves, so a line is about the topic, not beside it.
 */
export function unitsAbout(index: SearchIndex, topic?: string): UnitSelection | NothingToQuote {
  const table = sentenceUnitsOf(index);
  if (!topic) {
    if (table.size === 0) return { reason: 'The corpus has no sentence long enough to quote.' };
    return { table, units: Int32Array.from({ length: table.size }, (_, unit) => unit), relevance: () => 1 };
  }
  const query = index.queryTerms(topic);
  if (query.terms.length === 0) return { reason: `“${topic}” has no words to search for.` };
  const forms = termFormsOf(query, index);
  const hits = index.search(query, MAX_TOPIC_PASSAGES);
  const fuzzyForms = fuzzyFormsOf(hits, query);
  const best = hits[0]?.score ?? 0;
  // One passage that spells out a name scores far above passages using its acronym: soften the spread.
  const relevance = new Map(hits.map((hit) => [hit.passage.id, Math.sqrt(hit.score / best)]));
  const units = [...new Set(hits.map((hit) => table.passageNumberOf(hit.passage)))]
    .flatMap((passage) => table.unitsOfPassage(passage))
    .filter((unit) => coverageOf(table.terms(unit), forms, fuzzyForms, index).share >= MIN_TOPIC_COVERAGE)
    .sort((a, b) => a - b);
  if (units.length === 0) return { reason: `No passages about “${topic}” in the corpus.` };
  return { table, units, relevance: (unit) => relevance.get(table.passage(unit).id) ?? 0 };
}
