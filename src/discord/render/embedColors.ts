/** Embed accent colours: one look per kind of reply, so an answer never looks like a mere related passage. */
export const EMBED_COLORS = {
  answer: 0x2b6cb0,
  related: 0x718096,
  search: 0x2f855a,
  source: 0x805ad5,
  info: 0x4a5568,
  /** Corpus changes that went live: moderator replies and announcements. */
  corpus: 0xb7791f,
  /** A change or reload that failed, leaving the previous corpus live. */
  failure: 0xc53030,
} as const;
