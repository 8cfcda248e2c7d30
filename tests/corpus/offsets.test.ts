import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { headingText } from '../../src/corpus/splitPassages.ts';
import type { CorpusDocument } from '../../src/corpus/types.ts';
import { FORMATS_DIR, KAZAKHSTAN_DIR } from './corpusFrom.ts';

/** The text between consecutive spans, and before the first and after the last. */
function gapsAround(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  from: number,
  to: number,
) {
  const edges = [from, ...spans.flatMap(({ start, end }) => [start, end]), to];
  const gaps: string[] = [];
  for (let i = 0; i < edges.length; i += 2) gaps.push(text.slice(edges[i], edges[i + 1]));
  return gaps;
}

let documents: CorpusDocument[];
beforeAll(async () => {
  const corpora = await Promise.all([loadCorpus(KAZAKHSTAN_DIR), loadCorpus(FORMATS_DIR)]);
  for (const corpus of corpora) expect(corpus.problems).toEqual([]);
  documents = corpora.flatMap((corpus) => corpus.documents);
});

describe('quotes are slices of the source text', () => {
  it('loads every fixture article', () => {
    expect(documents.map((document) => document.id).sort()).toEqual([
      'alliance-troops-land',
      'csto-withdrawal-begins',
      'curfew-lifted',
      'last-troops-leave',
      'security-council-shakeup',
      'zhanaozen-rally',
    ]);
  });

  it('gives every passage offsets whose slice is a whole trimmed paragraph', () => {
    for (const document of documents) {
      for (const passage of document.passages) {
        const text = document.text.slice(passage.start, passage.end);
        expect(text.length).toBeGreaterThan(0);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\n[ \t]*\r?\n/);
      }
    }
  });

  it('keeps passages in reading order without overlaps', () => {
    for (const document of documents) {
      document.passages.forEach((passage, i) => {
        const previous = document.passages[i - 1];
        expect(passage.start).toBeLessThan(passage.end);
        if (previous) expect(passage.start).toBeGreaterThan(previous.end);
      });
    }
  });

  it('puts every sentence inside its passage, in order, trimmed', () => {
    for (const document of documents) {
      for (const passage of document.passages) {
        expect(passage.sentences.length).toBeGreaterThan(0);
        passage.sentences.forEach((sentence, i) => {
          const previous = passage.sentences[i - 1];
          expect(sentence.start).toBeGreaterThanOrEqual(passage.start);
          expect(sentence.end).toBeLessThanOrEqual(passage.end);
          expect(sentence.start).toBeLessThan(sentence.end);
          if (previous) expect(sentence.start).toBeGreaterThanOrEqual(previous.end);
          const text = document.text.slice(sentence.start, sentence.end);
          expect(text).toBe(text.trim());
        });
      }
    }
  });

  it('loses no words between the sentences of a passage', () => {
    for (const document of documents) {
      for (const passage of document.passages) {
        const gaps = gapsAround(document.text, passage.sentences, passage.start, passage.end);
        for (const gap of gaps) expect(gap).toMatch(/^\s*$/);
        const rebuilt = passage.sentences
          .map((sentence, i) => `${gaps[i]}${document.text.slice(sentence.start, sentence.end)}`)
          .join('');
        expect(rebuilt + gaps.at(-1)).toBe(document.text.slice(passage.start, passage.end));
      }
    }
  });

  it('loses no words between passages: the gaps hold only blank lines and headings', () => {
    for (const document of documents) {
      const gaps = gapsAround(document.text, document.passages, 0, document.text.length);
      for (const gap of gaps) {
        const blocks = gap
          .split(/\n[ \t]*\r?\n/)
          .map((block) => block.trim())
          .filter(Boolean);
        for (const block of blocks) expect(headingText(block), `${document.id}: ${block}`).toBeDefined();
      }
      const rebuilt = document.passages
        .map((passage, i) => `${gaps[i]}${document.text.slice(passage.start, passage.end)}`)
        .join('');
      expect(rebuilt + gaps.at(-1)).toBe(document.text);
    }
  });

  it('keeps each heading as the section of the passages below it', () => {
    for (const document of documents) {
      const gaps = gapsAround(document.text, document.passages, 0, document.text.length);
      let section: string | undefined;
      document.passages.forEach((passage, i) => {
        for (const block of (gaps[i] ?? '').split(/\n[ \t]*\r?\n/))
          section = headingText(block.trim()) ?? section;
        expect(passage.section).toBe(section);
      });
    }
  });
});
