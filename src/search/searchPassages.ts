import { type Citation, citationFor } from '../corpus/citation.ts';
import type { SearchIndex } from './SearchIndex.ts';

/** A ranked passage, verbatim, with its citation. */
export interface PassageResult {
  text: string;
  section?: string;
  score: number;
  citation: Citation;
}

/**
 * Ranks whole passages for free-text terms, for browsing rather than answering. Unlike a question, a search
 * is taken at its word: related words are left out, so "Eiffel Tower" finds nothing rather than "Almaty".
 */
export function searchPassages(index: SearchIndex, query: string, limit = 10): PassageResult[] {
  const terms = { ...index.queryTerms(query), related: [] };
  return index.search(terms, limit).map(({ passage, document, score }) => ({
    text: index.passageText(passage),
    ...(passage.section ? { section: passage.section } : {}),
    score: Math.round(score * 1000) / 1000,
    citation: citationFor(document, passage),
  }));
}
