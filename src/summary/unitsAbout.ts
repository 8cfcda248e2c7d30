import type { PassageIndex } from '../search/PassageIndex.ts';
import { coverageOf, fuzzyFormsOf, termFormsOf } from './queryCoverage.ts';
import { type SentenceUnit, sentenceUnitsOf } from './sentenceUnits.ts';
import { MAX_TOPIC_PASSAGES, MIN_TOPIC_COVERAGE } from './summaryOptions.ts';

/** The sentences a summary may quote, and how relevant each one's passage is to the topic (0–1]. */
export interface UnitSelection {
  units: SentenceUnit[];
  relevance: (unit: SentenceUnit) => number;
}

/** Why nothing can be quoted, in words for the reader. */
export interface NothingToQuote {
  reason: string;
}

/**
 * The sentences of the corpus a summary may quote. With a topic, only sentences of the passages the index
 * finds for it that cover at least half of the topic themselves, so a line is about the topic, not beside it.
 */
export function unitsAbout(index: PassageIndex, topic?: string): UnitSelection | NothingToQuote {
  const all = sentenceUnitsOf(index);
  if (!topic) {
    if (all.length === 0) return { reason: 'The corpus has no sentence long enough to quote.' };
    return { units: all, relevance: () => 1 };
  }
  const query = index.queryTerms(topic);
  if (query.terms.length === 0) return { reason: `“${topic}” has no words to search for.` };
  const forms = termFormsOf(query, index);
  const hits = index.search(query, MAX_TOPIC_PASSAGES);
  const fuzzyForms = fuzzyFormsOf(hits, query);
  const best = hits[0]?.score ?? 0;
  // One passage that spells out a name scores far above passages using its acronym: soften the spread.
  const relevance = new Map(hits.map((hit) => [hit.passage.id, Math.sqrt(hit.score / best)]));
  const units = all.filter(
    (unit) =>
      relevance.has(unit.passage.id) &&
      coverageOf(unit.vector.terms, forms, fuzzyForms, index).share >= MIN_TOPIC_COVERAGE,
  );
  if (units.length === 0) return { reason: `No passages about “${topic}” in the corpus.` };
  return { units, relevance: (unit) => relevance.get(unit.passage.id) ?? 0 };
}
