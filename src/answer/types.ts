import type { Citation } from '../corpus/citation.ts';

/** A sentence (or two adjacent ones) quoted verbatim from a document, with its paragraph and citation. */
export interface Quote {
  /** The quoted sentence (or two adjacent ones), verbatim from the document. */
  quote: string;
  /** The whole paragraph the quote stands in, verbatim. */
  context: string;
  /** Where the quote sits inside `context`, so renderers can emphasise it. */
  highlight: { start: number; end: number };
  score: number;
  citation: Citation;
}

/** A quote given as the answer to a question. */
export interface Answer extends Quote {
  /** The answer model's probability, 0–1, that the quote answers the question; `score` holds the same. */
  confidence: number;
}

export interface AnswerResult {
  question: string;
  answered: boolean;
  answers: Answer[];
  /** Nearby passages worth reading when the corpus does not answer; never presented as answers. */
  related?: Quote[];
  /** Why the engine abstained, for the log and for the reader. */
  reason?: string;
}
