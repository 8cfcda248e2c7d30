import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { phrasalEquivalents } from '../../src/text/phrasalVerbs.ts';
import { normalizeTerm } from '../../src/text/textProcessing.ts';
import { corpusFrom, markdownArticle } from '../corpus/corpusFrom.ts';

// Each fact comes with a sentence that shares the question's other words but not what the phrasal verb means.
const index = PassageIndex.build(
  corpusFrom({
    'withdrawal.md': markdownArticle(
      { title: 'Alliance troops leave Almaty', source: 'Steppe Herald', date: '2022-01-14' },
      [
        'The alliance began its withdrawal from the country on January 13, the defence ministry said in a statement.',
        'The alliance met in Moscow on January 10.',
        'Protests erupted in Zhanaozen on January 2 over the price of liquefied gas.',
        'The protests were in Almaty on January 5.',
        'Several officials resigned on Wednesday, among them the head of the security service.',
        'Several officials met on Tuesday.',
      ].join('\n\n'),
    ),
  }),
);

const quote = (question: string) => answerQuestion(index, question).answers[0]?.quote ?? '';

describe('phrasal verbs in a question', () => {
  it('read "pulling out", "broke out" and "stepped down" as the single verbs articles use', () => {
    const found = (text: string) =>
      phrasalEquivalents(text).map(({ term, equivalents }) => [term, equivalents]);
    expect(found('When were the troops pulling out?')).toEqual([
      [normalizeTerm('pull'), expect.arrayContaining([normalizeTerm('withdrawal')])],
    ]);
    expect(found('Where did the protests first break out?')[0]?.[1]).toContain(normalizeTerm('erupt'));
    expect(found('Who stepped down on Wednesday?')[0]?.[1]).toContain(normalizeTerm('resign'));
  });

  it.each([
    ['When did the alliance pull out?', 'began its withdrawal'],
    ['When did the protests break out?', 'Protests erupted in Zhanaozen on January 2'],
    ['Which officials stepped down?', 'Several officials resigned'],
  ])('answer %j with the sentence that says it in one verb', (question, expected) => {
    expect(quote(question)).toContain(expected);
  });

  it('find nothing in a verb without its particle', () => {
    expect(phrasalEquivalents('The troops will pull the guns and leave')).toEqual([]);
  });
});
