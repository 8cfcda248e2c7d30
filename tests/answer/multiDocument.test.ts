import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { corpusFrom, KAZAKHSTAN_DIR, markdownArticle } from '../corpus/corpusFrom.ts';

let index: PassageIndex;
beforeAll(async () => {
  index = PassageIndex.build(await loadCorpus(KAZAKHSTAN_DIR));
});

describe('a question that several articles answer', () => {
  it('returns each article’s figure with that article’s own citation when the sources differ', () => {
    const { answered, answers } = answerQuestion(index, 'How many soldiers did the contingent number?', {
      top: 5,
    });
    expect(answered).toBe(true);
    const wire = answers.find((answer) => answer.quote.includes('about 2,500 soldiers'));
    const afp = answers.find((answer) => answer.quote.includes('2,030'));
    expect(wire?.citation).toMatchObject({
      docId: 'alliance-troops-land',
      source: 'Central Asia Wire',
      date: '2022-01-07',
      paragraph: 2,
    });
    expect(afp?.citation.docId).toMatch(/^(csto-withdrawal-begins|last-troops-leave)$/);
    expect(afp?.citation.source).not.toBe(wire?.citation.source);
  });

  it('returns the same fact from two articles, each cited to its own paragraph', () => {
    const { answers } = answerQuestion(index, 'Who was arrested for high treason?');
    const citations = answers
      .filter((answer) => answer.quote.includes('Karim Massimov'))
      .map(({ citation }) => `${citation.docId}#${citation.paragraph}`);
    expect(citations).toEqual(
      expect.arrayContaining(['csto-withdrawal-begins#18', 'security-council-shakeup#4']),
    );
  });

  it('never quotes the same sentence twice', () => {
    for (const question of [
      'How many soldiers did the contingent number?',
      'Who was arrested for high treason?',
      'When did Kazakhstan become independent?',
    ]) {
      const answers = answerQuestion(index, question, { top: 5 }).answers;
      const keys = answers.map((answer) => `${answer.citation.docId}:${answer.quote}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // the second article's sentence is ranked, but its confidence stays below the operating point.
  it.fails('does not let one article crowd out the others', () => {
    const answers = answerQuestion(index, 'When did Kazakhstan become independent?', { top: 5 }).answers;
    const articles = new Set(answers.map((answer) => answer.citation.docId));
    expect(articles).toEqual(new Set(['csto-withdrawal-begins', 'last-troops-leave']));
    for (const answer of answers) expect(answer.quote).toContain('1991');
  });
});

describe('articles that repeat the same report', () => {
  const wireCopy = (title: string, source: string, sentence: string) =>
    markdownArticle({ title, source, date: '2022-01-16' }, sentence);
  const repeated = PassageIndex.build(
    corpusFrom({
      'herald.md': wireCopy(
        'Death toll revised',
        'Steppe Herald',
        'Kazakh authorities said 225 people had been killed in the unrest, including 19 members of the security forces.',
      ),
      'courier.md': wireCopy(
        'Toll rises to 225',
        'Almaty Courier',
        'Kazakh authorities say 225 people were killed in the unrest, including 19 members of the security forces.',
      ),
      'gazette.md': wireCopy(
        'Early count',
        'Capital Gazette',
        'State media, citing figures from the health ministry, had first reported that 164 people across the country were killed in the days of unrest.',
      ),
    }),
  );

  it('quotes the report once, so the other account of how many were killed is shown too', () => {
    const quotes = answerQuestion(repeated, 'How many people were killed in the unrest?', {
      top: 2,
    }).answers.map((answer) => answer.quote);
    expect(quotes).toHaveLength(2);
    expect(quotes.filter((quote) => quote.includes('225'))).toHaveLength(1);
    expect(quotes.some((quote) => quote.includes('164'))).toBe(true);
  });
});
