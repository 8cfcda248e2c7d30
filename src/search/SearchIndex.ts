import type { Corpus, CorpusDocument, Passage } from '../corpus/types.ts';

/** A passage found by a query, with the document terms that matched it. */
export interface PassageHit {
  passage: Passage;
  document: CorpusDocument;
  score: number;
  /** Document terms that matched, exact or fuzzy. */
  matchedTerms: string[];
}

/** A corpus term standing in for a question term of similar meaning. */
export interface RelatedQueryTerm {
  term: string;
  /** The question term it stands in for. */
  for: string;
  similarity: number;
}

/** One thing a question names, which the corpus also names another way. */
export interface QueryConcept {
  /** The question's own terms for it: one acronym, or the words of a spelled-out name. */
  terms: string[];
  /** The corpus's other names for it, each as its terms. */
  alternatives: string[][];
}

/** A query reduced to index terms, with what acronyms and related words add to it. */
export interface QueryTerms {
  terms: string[];
  concepts: QueryConcept[];
  /** Every term of every alternative name, for retrieval. */
  aliasTerms: string[];
  related: RelatedQueryTerm[];
  /** Terms the question capitalises mid-sentence: names, which only ever mean themselves. */
  names: string[];
}

/**
 * What answers, briefings and timelines ask of an index over a corpus. `PassageIndex` keeps its postings in
 * process, which serves a million passages in a 4 GB heap; a corpus past what one process can hold would put
 * an external search engine behind these same calls (retrieval in `search`, corpus statistics in `idf` and
 * `hasTerm`), while passage text and offsets stay with the corpus, so every quote is still a slice of an
 * article.
 */
export interface SearchIndex {
  readonly corpus: Corpus;
  readonly passageCount: number;
  document(id: string): CorpusDocument | undefined;
  passageText(passage: Passage): string;
  /** Inverse document frequency, smoothed so a term the corpus lacks weighs the most. */
  idf(term: string): number;
  hasTerm(term: string): boolean;
  /** Free text reduced to index terms, with the corpus's other names and related words for them. */
  queryTerms(text: string): QueryTerms;
  /** The best passages for a query, best first. */
  search(query: QueryTerms, limit: number): PassageHit[];
}
