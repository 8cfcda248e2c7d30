import { fileURLToPath } from 'node:url';
import { quoteOf } from '../../src/answer/citation.ts';
import type { Answer } from '../../src/answer/types.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';

export const fixtureDir = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export const KAZAKHSTAN_DIR = fixtureDir('kazakhstan');
export const MENTIONS_DIR = fixtureDir('bot-mentions');
export const LONG_PASSAGE_DIR = fixtureDir('bot-long');

export function loadFixture(dir: string): Promise<Corpus> {
  return loadCorpus(dir);
}

/** An answer quoting `sentence` from a document of the corpus, exactly as the engine builds one. */
export function answerQuoting(corpus: Corpus, docId: string, sentence: string): Answer {
  const document = corpus.documents.find((each) => each.id === docId);
  if (!document) throw new Error(`no document ${docId}`);
  const start = document.text.indexOf(sentence);
  const passage = document.passages.find((each) => each.start <= start && start < each.end);
  if (start < 0 || !passage) throw new Error(`"${sentence}" is not in ${docId}`);
  return { ...quoteOf(document, passage, { start, end: start + sentence.length }, 1), confidence: 1 };
}
