import { citationFor } from '../corpus/citation.ts';
import type { CorpusDocument, Passage, Span } from '../corpus/types.ts';
import type { Quote } from './types.ts';

/** A quote of `span` with its paragraph as context; both are slices of the document, so both are verbatim. */
export function quoteOf(document: CorpusDocument, passage: Passage, span: Span, score: number): Quote {
  return {
    quote: document.text.slice(span.start, span.end),
    context: document.text.slice(passage.start, passage.end),
    highlight: { start: span.start - passage.start, end: span.end - passage.start },
    score: Math.round(score * 1000) / 1000,
    citation: citationFor(document, passage),
  };
}
