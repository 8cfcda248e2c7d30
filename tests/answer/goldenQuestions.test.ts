import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import type { Answer } from '../../src/answer/types.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

interface Golden {
  question: string;
  /** Words the top answer's quote must contain. */
  expect: string;
  /** Where that quote stands: document id and paragraph number as a reader counts it. */
  docId: string;
  paragraph: number;
}

const GOLDEN: Golden[] = [
  {
    question: 'Which general was in charge of the peacekeepers?',
    expect: 'General Andrei Serdiukov',
    docId: 'csto-withdrawal-begins',
    paragraph: 3,
  },
  {
    question: 'When did the first troops land in Kazakhstan?',
    expect: 'landed near Almaty on Thursday night',
    docId: 'alliance-troops-land',
    paragraph: 1,
  },
  {
    question: 'Who was detained on suspicion of high treason?',
    expect: 'Karim Massimov',
    docId: 'security-council-shakeup',
    paragraph: 4,
  },
  {
    question: 'Where did the protests begin?',
    expect: 'in Zhanaozen',
    docId: 'security-council-shakeup',
    paragraph: 3,
  },
  {
    // "saw" frames the question; "violence not seen since 1991" answers nothing about where.
    question: 'Which city saw the worst violence?',
    expect: 'took place in Almaty',
    docId: 'csto-withdrawal-begins',
    paragraph: 9,
  },
  {
    question: 'Who was named acting prime minister?',
    expect: 'Alikhan Smailov',
    docId: 'security-council-shakeup',
    paragraph: 5,
  },
  {
    // Chat shorthand, spelt out before the question is looked up.
    question: 'acting PM?',
    expect: 'Alikhan Smailov',
    docId: 'security-council-shakeup',
    paragraph: 5,
  },
  {
    question: 'What did Tokayev call the rioters?',
    expect: 'bandits and terrorists',
    docId: 'alliance-troops-land',
    paragraph: 5,
  },
  {
    question: 'When did the last soldiers leave Kazakhstan?',
    expect: 'left Kazakhstan on Wednesday',
    docId: 'last-troops-leave',
    paragraph: 1,
  },
  {
    question: 'What were the alliance soldiers deployed to guard?',
    expect: 'the airport, government buildings and a power station',
    docId: 'alliance-troops-land',
    paragraph: 4,
  },
  {
    question: 'Which buildings were burned in Almaty?',
    expect: 'the town hall and the presidential residence',
    docId: 'csto-withdrawal-begins',
    paragraph: 9,
  },
  {
    question: 'How many transport planes carried the last troops out?',
    expect: 'Four Russian military transport planes',
    docId: 'last-troops-leave',
    paragraph: 2,
  },
  {
    question: 'Who chairs the alliance this year?',
    expect: 'Nikol Pashinyan',
    docId: 'alliance-troops-land',
    paragraph: 3,
  },
  {
    question: 'When did Nazarbayev step down as president?',
    expect: 'in 2019',
    docId: 'security-council-shakeup',
    paragraph: 2,
  },
  {
    question: 'How old is Nazarbayev?',
    expect: 'Nazarbayev, 81',
    docId: 'security-council-shakeup',
    paragraph: 2,
  },
  {
    question: 'What did U.S. Secretary of State Antony Blinken question?',
    expect: 'why Kazakhstan needed outside help',
    docId: 'last-troops-leave',
    paragraph: 4,
  },
  {
    question: 'What did the Russian Defense Ministry say the military was preparing?',
    expect: 'to prepare military and technical equipment',
    docId: 'csto-withdrawal-begins',
    paragraph: 5,
  },
];

let corpus: Corpus;
let index: PassageIndex;
beforeAll(async () => {
  corpus = await loadCorpus(KAZAKHSTAN_DIR);
  index = PassageIndex.build(corpus);
});

/** Checks that an answer is one sentence, or two adjacent ones, cut verbatim from the paragraph it cites. */
function expectVerbatimSentenceQuote(answer: Answer): void {
  const document = corpus.documents.find((candidate) => candidate.id === answer.citation.docId);
  expect(document, `cited document ${answer.citation.docId}`).toBeDefined();
  if (!document) return;
  expect(answer.citation).toEqual({
    docId: document.id,
    title: document.title,
    source: document.source,
    date: document.date,
    paragraph: answer.citation.paragraph,
    ...(document.url ? { url: document.url } : {}),
  });
  const passage = document.passages.find((candidate) => candidate.paragraph === answer.citation.paragraph);
  expect(passage, `${document.id} ¶${answer.citation.paragraph}`).toBeDefined();
  if (!passage) return;
  const paragraph = document.text.slice(passage.start, passage.end);
  expect(answer.context).toBe(paragraph);
  expect(paragraph.slice(answer.highlight.start, answer.highlight.end)).toBe(answer.quote);

  const sentences = passage.sentences.map(({ start, end }) => document.text.slice(start, end));
  const quotable = sentences.flatMap((sentence, i) => {
    const next = passage.sentences[i + 1];
    const current = passage.sentences[i];
    return next && current ? [sentence, document.text.slice(current.start, next.end)] : [sentence];
  });
  expect(quotable).toContain(answer.quote);
}

describe('golden questions on the Kazakhstan articles', () => {
  it.each(GOLDEN)('answers "$question" with "$expect"', ({ question, expect: words, docId, paragraph }) => {
    const result = answerQuestion(index, question);
    expect(result.answered).toBe(true);
    const [top] = result.answers;
    expect(top?.quote).toContain(words);
    expect(top?.citation).toMatchObject({ docId, paragraph });
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // "The government says 225 people were killed" ranks below "It left dozens dead", which the ranker prefers.
  it.fails.each([
    {
      question: 'How many people were killed in the unrest?',
      expect: '225 people were killed',
      docId: 'last-troops-leave',
      paragraph: 6,
    },
  ])('answers "$question" with "$expect"', ({ question, expect: words, docId, paragraph }) => {
    const [top] = answerQuestion(index, question).answers;
    expect(top?.quote).toContain(words);
    expect(top?.citation).toMatchObject({ docId, paragraph });
  });

  it('quotes every answer as one sentence or two adjacent ones, verbatim, with a correct citation', () => {
    for (const { question } of GOLDEN) {
      const result = answerQuestion(index, question, { top: 5 });
      expect(result.answers.length).toBeGreaterThan(0);
      for (const answer of result.answers) expectVerbatimSentenceQuote(answer);
    }
  });

  it('quotes the answering sentence, not the whole paragraph, when the paragraph has several', () => {
    const [top] = answerQuestion(index, 'Where did the protests begin?').answers;
    expect(top?.quote).toBe(
      'The protests began on January 2 in Zhanaozen, an oil town in the west of the country, after the price of liquefied gas doubled overnight.',
    );
    expect(top?.context.length).toBeGreaterThan(top?.quote.length ?? 0);
  });

  it('quotes the sentence before one that starts with "He", so the quote says who', () => {
    const [top] = answerQuestion(index, 'What did Tokayev call the rioters?').answers;
    expect(top?.quote).toMatch(/^In a televised address on Friday, Tokayev said .* He called the rioters/);
  });

  it('cites title, source, date and url from the front matter', () => {
    const [top] = answerQuestion(index, 'When did the first troops land in Kazakhstan?').answers;
    expect(top?.citation).toEqual({
      docId: 'alliance-troops-land',
      title: 'First alliance troops land in Kazakhstan as Tokayev orders a crackdown',
      source: 'Central Asia Wire',
      date: '2022-01-07',
      paragraph: 1,
      url: 'https://centralasiawire.example/2022/01/07/alliance-troops-land',
    });
  });

  it('cites a plain-text article by the title taken from its first sentence and the date of its marker', () => {
    const [top] = answerQuestion(index, 'When did the last troops leave Kazakhstan?').answers;
    expect(top?.citation).toMatchObject({
      docId: 'last-troops-leave',
      title: 'The last alliance soldiers left Kazakhstan on Wednesday.',
      date: '2022-01-19',
      paragraph: 1,
    });
  });

  it('answers a question that misspells a name', () => {
    const result = answerQuestion(index, 'What post did Nursultan Nazarbaev lose to Tokayev?');
    expect(result.answered).toBe(true);
    expect(result.answers[0]?.quote).toContain('removing his predecessor Nursultan Nazarbayev from a post');
  });

  it('never quotes a heading, even for a question made of its words', () => {
    const headings = ['Power struggle', 'Troops arrive', 'Guarding strategic sites'];
    for (const question of [
      'Was there a power struggle?',
      'When did the troops arrive?',
      'Which strategic sites were guarded?',
    ]) {
      const result = answerQuestion(index, question, { top: 5 });
      for (const answer of [...result.answers, ...(result.related ?? [])]) {
        for (const heading of headings) expect(answer.quote).not.toContain(heading);
      }
    }
  });

  it('ranks answers best first', () => {
    for (const { question } of GOLDEN) {
      const scores = answerQuestion(index, question, { top: 5 }).answers.map((answer) => answer.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('returns no more answers than asked for', () => {
    for (const top of [1, 2]) {
      expect(
        answerQuestion(index, 'Who was detained on suspicion of high treason?', { top }).answers.length,
      ).toBeLessThanOrEqual(top);
    }
  });
});
