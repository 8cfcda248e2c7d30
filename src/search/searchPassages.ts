import { citationFor } from '../answer/citation.ts';
import type { Citation } from '../answer/types.ts';
import type { PassageIndex } from './PassageIndex.ts';

/** A ranked passage, verbatim, with its citation. */
export interface PassageResult {
  text: string;
  section?: string;
  score: number;
  citation: Citation;
}

/** Ranks whole passages for free-text terms, for browsing rather than answering. */
export function searchPassages(index: PassageIndex, query: string, limit = 10): PassageResult[] {
  return index.search(index.queryTerms(query), limit).map(({ passage, document, score }) => ({
    text: index.passageText(passage),
    ...(passage.section ? { section: passage.section } : {}),
    score: Math.round(score * 1000) / 1000,
    citation: citationFor(document, passage),
  }));
}
