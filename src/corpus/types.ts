/** A half-open `[start, end)` range of character offsets into a document's `text`. */
export interface Span {
  start: number;
  end: number;
}

/** The metadata every document carries, whatever format it arrived in. */
export interface DocumentMeta {
  title: string;
  source: string;
  /** ISO date, `YYYY-MM-DD`; empty for a plain-text article that carries no date marker. */
  date: string;
  url?: string;
  author?: string;
  language?: string;
}

/**
 * A body paragraph. Its text is `document.text.slice(start, end)`, and every sentence is a span inside it,
 * so anything quoted from a passage is verbatim by construction.
 */
export interface Passage extends Span {
  /** `${docId}#${paragraph}`: unique across the corpus and stable across reloads of the same file. */
  id: string;
  docId: string;
  /** 1-based, counting body paragraphs only, as a reader counts them (headings are not paragraphs). */
  paragraph: number;
  /** The nearest heading above the paragraph, if any. */
  section?: string;
  sentences: Span[];
}

export interface CorpusDocument extends DocumentMeta {
  /** Derived from the file name, so it survives edits to the file's content. */
  id: string;
  /** Path relative to the corpus directory. */
  file: string;
  /** The article body the offsets refer to (front matter and date markers removed). */
  text: string;
  /** sha256 of the body and metadata: two files with the same hash are the same document. */
  contentHash: string;
  passages: Passage[];
}

/** A file that could not be loaded, and why, in words a moderator can act on. */
export interface CorpusProblem {
  file: string;
  reason: string;
}

export interface Corpus {
  dir: string;
  documents: CorpusDocument[];
  problems: CorpusProblem[];
  /** Hash over every document's content hash: the key for index snapshots and change reports. */
  version: string;
}
