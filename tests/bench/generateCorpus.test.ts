import { describe, expect, it } from 'vitest';
import { generateArticles, generateCorpus } from '../../bench/generateCorpus.ts';
import { generateQuestions } from '../../bench/generateQuestions.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the benchmark corpus generator', () => {
  it('writes the same articles, byte for byte, for the same seed', () => {
    const first = generateArticles({ seed: 7, passages: 120 });
    const second = generateArticles({ seed: 7, passages: 120 });
    expect(second.map((article) => article.file)).toEqual(first.map((article) => article.file));
    expect(second.map((article) => decode(article.bytes))).toEqual(
      first.map((article) => decode(article.bytes)),
    );
  });

  it('writes different articles for a different seed', () => {
    const [first] = generateArticles({ seed: 7, passages: 40 });
    const [other] = generateArticles({ seed: 8, passages: 40 });
    expect(first && decode(first.bytes)).not.toEqual(other && decode(other.bytes));
  });

  it.each([1, 37, 1000])('yields exactly %i passages once the articles are parsed', (passages) => {
    const corpus = generateCorpus({ seed: 11, passages });
    expect(corpus.problems).toEqual([]);
    expect(corpus.documents.reduce((sum, document) => sum + document.passages.length, 0)).toBe(passages);
  });

  it('writes articles with front matter and paragraphs of several sentences', () => {
    const corpus = generateCorpus({ seed: 3, passages: 200 });
    const document = corpus.documents[0];
    expect(document?.title).toMatch(/\w/);
    expect(document?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const sentenceCounts = corpus.documents.flatMap((doc) =>
      doc.passages.map((passage) => passage.sentences.length),
    );
    expect(Math.min(...sentenceCounts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sentenceCounts)).toBeGreaterThanOrEqual(5);
  });

  it('builds the same questions for the same corpus and seed, mostly answerable', () => {
    const corpus = generateCorpus({ seed: 5, passages: 300 });
    const questions = generateQuestions(corpus, { seed: 6, count: 200 });
    expect(generateQuestions(corpus, { seed: 6, count: 200 })).toEqual(questions);
    expect(questions).toHaveLength(200);
    expect(questions.every((question) => /^(Who|When|How many|Where|What) .+\?$/.test(question.text))).toBe(
      true,
    );
    const unanswerable = questions.filter((question) => !question.answerable).length;
    expect(unanswerable).toBeGreaterThan(0);
    expect(unanswerable).toBeLessThan(questions.length / 4);
  });
});
