import type { CorpusDocument, Passage } from './types.ts';

/** Where a quote comes from, precisely enough for a reader to find it. */
export interface Citation {
  docId: string;
  title: string;
  source: string;
  date: string;
  /** 1-based body paragraph number. */
  paragraph: number;
  url?: string;
}

/** The citation for a paragraph of a document. */
export function citationFor(document: CorpusDocument, passage: Passage): Citation {
  return {
    docId: document.id,
    title: document.title,
    source: document.source,
    date: document.date,
    paragraph: passage.paragraph,
    ...(document.url ? { url: document.url } : {}),
  };
}
