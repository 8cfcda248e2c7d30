import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Quote } from '../../src/answer/types.ts';
import type { Corpus } from '../../src/corpus/types.ts';

/** The shipped corpus: the seed article. */
export const SEED_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

/** Seven articles about the same events, with wire copy repeated across outlets and differing figures. */
export const UNREST_DIR = fileURLToPath(new URL('../fixtures/summary-unrest', import.meta.url));

/** A channel's messages: users, bots, commands, chatter, mentions, a repeated claim, a very long message. */
export const CHANNEL_MESSAGES = fileURLToPath(
  new URL('../fixtures/summary-channel/messages.json', import.meta.url),
);

/**
 * Checks that a line is a verbatim slice of the article its citation names: the context is exactly the cited
 * paragraph, the quote exactly the highlighted part of it, and the citation carries the article's metadata.
 */
export function expectVerbatimAndCited(corpus: Corpus, line: Quote): void {
  const document = corpus.documents.find((candidate) => candidate.id === line.citation.docId);
  expect(document, `no article ${line.citation.docId}`).toBeDefined();
  if (!document) return;
  const passage = document.passages.find((candidate) => candidate.paragraph === line.citation.paragraph);
  expect(passage, `${document.id} has no paragraph ${line.citation.paragraph}`).toBeDefined();
  if (!passage) return;
  expect(line.context).toBe(document.text.slice(passage.start, passage.end));
  expect(line.context.slice(line.highlight.start, line.highlight.end)).toBe(line.quote);
  expect(line.quote.trim().length).toBeGreaterThan(0);
  expect(line.citation).toMatchObject({
    title: document.title,
    source: document.source,
    date: document.date,
  });
}

const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{3,}|\d[\d,.]*/gu) ?? []);

/**
 * Whether two lines say nearly the same thing, judged on their plain words alone (no stemming, no weights),
 * independently of how the summariser measures it.
 */
export function nearlySame(a: string, b: string): boolean {
  const [first, second] = [words(a), words(b)];
  const shared = [...first].filter((word) => second.has(word)).length;
  const union = new Set([...first, ...second]).size;
  return shared / union >= 0.6 || shared / Math.min(first.size, second.size) >= 0.85;
}
