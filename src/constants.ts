/** Limits and tunables shared across the project, kept together so they are easy to find and reason about. */

/** A corpus file larger than this is refused rather than loaded: no news article is this long. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** File extensions Dossier reads as articles. */
export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

/** A dash-framed line longer than this is prose, not a section heading. */
export const MAX_HEADING_CHARS = 80;

/** A plain-text title taken from the first sentence is cut to this length. */
export const MAX_TITLE_CHARS = 120;
