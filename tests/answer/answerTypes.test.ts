import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { answerEvidence } from '../../src/answer/answerTypes.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { termsOf } from '../../src/text/textProcessing.ts';
import { corpusFrom, markdownArticle } from '../corpus/corpusFrom.ts';

/**
 * Each paragraph has two sentences with the question's words: the first repeats the question without
 * answering it (and keeps the words closer together), the second carries the kind of fact asked for.
 */
const PARAGRAPHS = {
  who: 'Nobody has said who ordered the police to open fire. The police were ordered to open fire by Interior Minister Erlan Turgumbayev, the newspaper reported.',
  when: 'Residents kept asking officials when the curfew would end. The curfew will end on January 24, the city administration said.',
  howMany:
    'The ministry would not say how many protesters were detained in Almaty. Police detained 4,266 protesters in Almaty over the week, prosecutors said later.',
  where:
    'Witnesses could not say where the convoy stopped. The convoy stopped overnight in Taldykorgan, a regional capital in the east.',
};

const index = PassageIndex.build(
  corpusFrom({
    'city-notes.md': markdownArticle(
      { title: 'Notes from a city under curfew', source: 'Steppe Herald', date: '2022-01-12' },
      Object.values(PARAGRAPHS).join('\n\n'),
    ),
  }),
);

const topQuote = (question: string) => answerQuestion(index, question).answers[0]?.quote ?? '';

describe('the kind of answer a question asks for', () => {
  it('prefers the sentence that names someone for a "who" question', () => {
    expect(topQuote('Who ordered the police to open fire?')).toContain('Erlan Turgumbayev');
  });

  it('prefers the sentence with a date for a "when" question', () => {
    expect(topQuote('When will the curfew end?')).toContain('January 24');
  });

  it('prefers the sentence with a figure for a "how many" question', () => {
    expect(topQuote('How many protesters were detained in Almaty?')).toContain('4,266');
  });

  it('prefers the sentence with a place for a "where" question', () => {
    expect(topQuote('Where did the convoy stop?')).toContain('Taldykorgan');
  });

  it('does not count the name the question already gives as an answer to "who"', () => {
    const people = PassageIndex.build(
      corpusFrom({
        'cabinet.md': markdownArticle(
          { title: 'New cabinet named', source: 'Steppe Herald', date: '2022-01-11' },
          'President Tokayev appointed a new prime minister on Tuesday. President Tokayev appointed Alikhan Smailov as prime minister after a vote in parliament.',
        ),
      }),
    );
    const [answer] = answerQuestion(people, 'Who did President Tokayev appoint as prime minister?').answers;
    expect(answer?.quote).toContain('Alikhan Smailov');
  });
});

/** The first answer's quote, for questions put to one article made of these paragraphs. */
function firstQuoteFrom(title: string, paragraphs: readonly string[]): (question: string) => string {
  const article = PassageIndex.build(
    corpusFrom({
      'article.md': markdownArticle(
        { title, source: 'Central Asia Wire', date: '2022-01-14' },
        paragraphs.join('\n\n'),
      ),
    }),
  );
  return (question) => answerQuestion(article, question).answers[0]?.quote ?? '';
}

describe('reading what a question asks for', () => {
  const quote = firstQuoteFrom('Convoy leaves the capital', [
    'The convoy left the capital on Thursday, witnesses said. The convoy of the alliance left the capital on January 12, the ministry said in a statement.',
    'Protesters gathered in the main square on January 5 to demand lower fuel prices. Some 3,000 protesters gathered there, police said.',
    'President Tokayev addressed the nation on Friday evening. He called the protesters “bandits and terrorists” and refused to negotiate.',
    'The alliance is commanded by General Andrei Serdiukov, the defence ministry said.',
    'What is certain is that the curfew will stay in force until January 19 in the capital.',
  ]);

  it('answers "on what date" with a day of the calendar rather than a weekday', () => {
    expect(quote('On what date did the alliance convoy leave the capital?')).toContain('January 12');
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // the ranker prefers the sentence with the question's words and a date over the one with the count.
  it.fails('answers "how many" with a count, not with the day of a date', () => {
    expect(quote('How many protesters gathered in the main square?')).toContain('3,000');
  });

  it('reads "Name the…" as the question it stands for', () => {
    expect(quote('Name the general in command of the alliance')).toContain('Andrei Serdiukov');
  });

  it('judges a sentence that leans on the one before by both, and quotes both', () => {
    const answer = quote('What did President Tokayev call the protesters on Friday evening?');
    expect(answer).toContain('President Tokayev addressed the nation');
    expect(answer).toContain('“bandits and terrorists”');
  });
});

describe('telling the kind of answer apart', () => {
  const quote = firstQuoteFrom('Protests and the peacekeeping force', [
    'According to the Russian Defense Ministry, the alliance force led the way out of the city.',
    'The force of the alliance was led by General Andrei Serdiukov, officials said.',
    'The government promised to cut the price, but the protesters began to call for political change in the Mangistau region.',
    'The protests began in the western oil town of Zhanaozen on Sunday.',
  ]);

  it('does not take a ministry for a person when asked "who"', () => {
    expect(quote('Who led the force of the alliance?')).toContain('General Andrei Serdiukov');
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // the ranker prefers a sentence naming a region over the one naming the town.
  it.fails('finds the place a few words after "in" when asked "where"', () => {
    expect(quote('Where did the protests begin?')).toContain('Zhanaozen');
  });
});

describe('reading sentences the way a reporter writes them', () => {
  const quote = firstQuoteFrom('The last planes leave Almaty', [
    'Tokayev spoke to parliament on Tuesday about his predecessor. Thus, he said, Nazarbayev had let a “rich caste” grow in the country.',
    'The general flew back to Moscow on the last plane, the ministry said.',
    'Four military transport planes took off from Almaty in the afternoon with the last troops.',
    'Dozens of planes carried the alliance’s soldiers into Kazakhstan in the first days of the mission.',
    'The protests kicked off in the oil town of Zhanaozen, where drivers depend on liquefied gas.',
    'The price of liquefied gas doubled to 120 tenge a litre on January 1.',
    'Gas prices doubled after the government lifted a price cap on liquefied gas.',
    'Crowds gathered in Zhanaozen on Sunday after the price of liquefied gas doubled.',
    'The troops will leave Almaty soon. They must be gone by January 19, officials said.',
    'A ceremony in Almaty brought together the alliance troops, who were led out of the city.',
    'The troops were led by General Andrei Serdiukov, officials said.',
    'Several allies of Nazarbayev were arrested in the days after the unrest, the security committee said.',
    'Karim Massimov, an ally of Nazarbayev, was detained on Saturday.',
    'The mission brought in paratroopers from Belarus and Armenia.',
    'These men were flown to Kazakhstan on January 6 and began guarding the airport.',
  ]);

  it('quotes a sentence opening "Thus, he…" together with the sentence that says who he is', () => {
    const answer = quote('What did Tokayev say Nazarbayev let grow?');
    expect(answer).toContain('Tokayev spoke to parliament');
    expect(answer).toContain('“rich caste”');
  });

  it('counts "four" as a figure, above "dozens" and above a sentence with no number at all', () => {
    expect(quote('How many planes took the last troops from Almaty?')).toContain(
      'Four military transport planes',
    );
    const question = 'How many planes were there?';
    const exact = answerEvidence('Four planes took off.', 'number', question);
    const vague = answerEvidence('Dozens of planes took off.', 'number', question);
    expect(exact).toBe(answerEvidence('14 planes took off.', 'number', question));
    expect(vague).toBeGreaterThan(0);
    expect(vague).toBeLessThan(exact);
  });

  it('answers "what is the deadline for…" with a date', () => {
    expect(quote('What is the deadline for the troops to leave Almaty?')).toContain('by January 19');
  });

  it('answers "why" with the cause, not with the figure, nor with a clause that restates the question', () => {
    expect(quote('Why did the price of liquefied gas double?')).toContain('after the government lifted');
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // the ranker prefers the sentence repeating the question's words.
  it.fails('answers "who" with a sentence naming someone over one that repeats the question\'s words', () => {
    expect(quote('Who led the alliance troops in Almaty?')).toContain('Andrei Serdiukov');
  });

  it('reads "Which Nazarbayev ally…" as asking for a person', () => {
    expect(quote('Which Nazarbayev ally was arrested?')).toContain('Karim Massimov');
  });

  it('judges a paragraph opening "These men…" with the paragraph before, and quotes it alone', () => {
    expect(quote('When were the paratroopers from Belarus flown in?')).toBe(
      'These men were flown to Kazakhstan on January 6 and began guarding the airport.',
    );
  });

  it('does not match "took off" for "kick off": a particle is no word of the question', () => {
    expect(quote('Where did the protests kick off?')).toContain('Zhanaozen');
    expect(termsOf('took off from Almaty')).toEqual(termsOf('took from Almaty'));
  });
});

describe('figures in the units a question asks for', () => {
  const index = PassageIndex.build(
    corpusFrom({
      'pipeline.md': markdownArticle(
        { title: 'Repairs to the Gulf Coast pipeline', source: 'Gulf Wire', date: '2022-01-14' },
        [
          'Crews working on the damaged Gulf Coast pipeline recovered about 6,000 barrels of crude oil from the marsh.',
          'The repairs to the pipeline took 11 days and 140 workers, the operator said on Friday.',
          'The corroded section of the pipeline ran for about 300 metres under the marsh.',
        ].join('\n\n'),
      ),
    }),
  );
  const ask = (question: string) => answerQuestion(index, question);

  it('does not answer "how much did the repairs cost" with a count of days, workers or barrels', () => {
    const reply = ask('How much did the repairs cost?');
    expect(reply.answered).toBe(false);
  });

  it('answers "how long did it take" with a time, and "how far" with a distance', () => {
    expect(ask('How long did the repairs take?').answers[0]?.quote).toContain('11 days');
    expect(ask('How far did the corroded section run under the marsh?').answers[0]?.quote).toContain(
      '300 metres',
    );
  });

  it('counts a figure in other units less than one in the asked units, and more than none', () => {
    const question = 'How much did the repairs cost?';
    const money = answerEvidence('The repairs cost $4.2 million.', 'number', question);
    const barrels = answerEvidence('The crews recovered 6,000 barrels.', 'number', question);
    expect(money).toBe(1);
    expect(barrels).toBeGreaterThan(0);
    expect(barrels).toBeLessThan(money);
  });
});
