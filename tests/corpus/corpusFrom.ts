import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus, DocumentMeta } from '../../src/corpus/types.ts';

/** The multi-article fixture corpus about the January 2022 events in Kazakhstan. */
export const KAZAKHSTAN_DIR = fileURLToPath(new URL('../fixtures/kazakhstan', import.meta.url));

/** Small files in each accepted format. */
export const FORMATS_DIR = fileURLToPath(new URL('../fixtures/formats', import.meta.url));

/** The Markdown text of an article: front matter from `meta`, then the body. */
export function markdownArticle(meta: Partial<DocumentMeta>, body: string): string {
  const lines = Object.entries(meta).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** A corpus built in memory from file names and their text, as `loadCorpus` would read them. */
export function corpusFrom(files: Record<string, string>): Corpus {
  const encoder = new TextEncoder();
  return buildCorpus(
    '/fixture',
    Object.entries(files).map(([file, text]) => ({ file, bytes: encoder.encode(text) })),
  );
}
