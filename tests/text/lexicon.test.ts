import { describe, expect, it } from 'vitest';
import { answerEvidence, expectedAnswerType } from '../../src/answer/answerTypes.ts';
import { denies, leansOnPrevious } from '../../src/answer/passageReadings.ts';
import { holdsOpposite } from '../../src/answer/rankSentences.ts';
import { findAcronyms } from '../../src/text/findAcronyms.ts';
import {
  ACRONYM_JOINING_WORDS,
  CAUSE_AFTER_CLAUSE,
  CAUSE_BEFORE_CLAUSE,
  CHAT_SHORTHAND,
  DATE_PREPOSITIONS,
  EXACT_NUMBER_WORDS,
  EXTRA_STOP_WORDS,
  LEANING_OPENERS,
  LINKING_WORDS,
  MAGNITUDE_SUFFIXES,
  MONEY_QUESTION_WORDS,
  MONTHS,
  NEGATING_PREFIXES,
  NEGATION_WORDS,
  ORGANISATION_WORDS,
  PERSON_ROLES,
  QUANTITY_UNITS,
  VAGUE_NUMBER_WORDS,
  WEEKDAYS,
  WORD_SYMBOLS,
} from '../../src/text/lexicon.ts';
import { normalizeTerm, termsOf, wordsOfMessage } from '../../src/text/textProcessing.ts';

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

describe('the lexicon: every entry does what its list says', () => {
  it.each(EXTRA_STOP_WORDS)('"%s" is no word to look up', (word) => {
    expect(normalizeTerm(word)).toBeNull();
  });

  it.each(Object.entries(WORD_SYMBOLS))('"5%s" says what "5 %s" says', (symbol, word) => {
    expect(termsOf(`Prices rose 5${symbol === '%' ? '' : ' '}${symbol} in January`)).toEqual(
      termsOf(`Prices rose 5 ${word} in January`),
    );
  });

  it.each(Object.entries(MAGNITUDE_SUFFIXES))('"£350%s" is read as its figure (%s)', (suffix, magnitude) => {
    // "£350m" meets "£350 million" on the figure; "10k" is the 10,000 it stands for.
    const figure = magnitude === 'figure' ? '350' : '350,000';
    expect(termsOf(`a £350${suffix} contract`)).toEqual(termsOf(`a £${figure} contract`));
  });

  it.each(CHAT_SHORTHAND.map(({ example, spelt }) => [example, spelt]))(
    '"%s" is read with "%s" spelt out',
    (example, spelt) => {
      expect(wordsOfMessage(example)).toContain(spelt);
    },
  );

  it.each(PERSON_ROLES)('"Which %s…" asks for a person', (role) => {
    expect(expectedAnswerType(`Which ${role} resigned on Tuesday?`)).toBe('person');
  });

  it.each(ORGANISATION_WORDS)('"%s" makes a capitalised name an organisation, not a person', (word) => {
    const question = 'Who read out the statement?';
    expect(
      answerEvidence(`The statement of Kazakh ${word} was read out, officials said.`, 'person', question),
    ).toBe(0);
    expect(
      answerEvidence('The statement of Kazakh Bekova was read out, officials said.', 'person', question),
    ).toBe(1);
  });

  it.each(MONTHS.flat())('"%s 5" is a day of the calendar', (month) => {
    expect(answerEvidence(`The last troops left on ${month} 5.`, 'date', 'When did the troops leave?')).toBe(
      1,
    );
  });

  it.each(WEEKDAYS)('"on %s" is a date the article\'s own date places', (day) => {
    expect(answerEvidence(`The last troops left on ${day}.`, 'date', 'When did the troops leave?')).toBe(0.6);
  });

  it.each(DATE_PREPOSITIONS)('"%s when…" asks for a date', (preposition) => {
    expect(expectedAnswerType(`${capitalised(preposition)} when must the troops leave?`)).toBe('date');
  });

  it.each(EXACT_NUMBER_WORDS)('"%s" is a figure', (word) => {
    expect(
      answerEvidence(`${capitalised(word)} soldiers were hurt.`, 'number', 'How many soldiers were hurt?'),
    ).toBe(1);
  });

  it.each(VAGUE_NUMBER_WORDS)('"%s" is a vague amount', (word) => {
    expect(
      answerEvidence(`${capitalised(word)} of soldiers were hurt.`, 'number', 'How many were hurt?'),
    ).toBe(0.6);
  });

  it.each(QUANTITY_UNITS.money)('"40 %s" answers "how much did it cost"', (unit) => {
    const question = 'How much did the repairs cost?';
    expect(answerEvidence(`The repairs cost 40 ${unit}.`, 'number', question)).toBe(1);
    expect(answerEvidence('The crews recovered 40 barrels.', 'number', question)).toBeLessThan(1);
  });

  it.each(QUANTITY_UNITS.time)('"5 %s" answers "how long did it last"', (unit) => {
    const question = 'How long did the shutdown last?';
    expect(answerEvidence(`The shutdown lasted 5 ${unit}.`, 'number', question)).toBe(1);
    expect(answerEvidence('The shutdown hit 5 towns.', 'number', question)).toBeLessThan(1);
  });

  it.each(QUANTITY_UNITS.length)('"800 %s" answers "how far"', (unit) => {
    const question = 'How far did the convoy travel?';
    expect(answerEvidence(`The convoy travelled 800 ${unit}.`, 'number', question)).toBe(1);
    expect(answerEvidence('The convoy carried 800 soldiers.', 'number', question)).toBeLessThan(1);
  });

  it.each(QUANTITY_UNITS.percent)('"62 %s" answers "what percentage"', (unit) => {
    const question = 'What percentage of voters turned out?';
    expect(answerEvidence(`Turnout was 62 ${unit}.`, 'number', question)).toBe(1);
    expect(answerEvidence('Turnout was 62,000 voters.', 'number', question)).toBeLessThan(1);
  });

  it.each(MONEY_QUESTION_WORDS)('"how much … %s" asks for a sum of money', (word) => {
    const question = `How much was the ${word} in the end?`;
    expect(answerEvidence('It came to $40 million.', 'number', question)).toBe(1);
    expect(answerEvidence('It came to 40 barrels.', 'number', question)).toBeLessThan(1);
  });

  it.each(CAUSE_BEFORE_CLAUSE)('"%s" introduces a cause', (word) => {
    const sentence = `Prices rose ${word} the government lifted a cap on fuel.`;
    expect(answerEvidence(sentence, 'reason', 'Why did prices rise?')).toBe(1);
  });

  it.each(CAUSE_AFTER_CLAUSE)('"%s" follows a cause', (word) => {
    const sentence = `The government lifting a cap on fuel ${word} the protests.`;
    expect(answerEvidence(sentence, 'reason', 'Why were there protests?')).toBe(1);
  });

  it.each(LEANING_OPENERS)('a sentence opening "%s" leans on the one before', (opener) => {
    expect(leansOnPrevious(`${capitalised(opener)} said the talks had failed.`)).toBe(true);
    expect(leansOnPrevious(`Officials said ${opener} talks had failed.`)).toBe(false);
  });

  it.each(LINKING_WORDS)('"%s, he…" leans on the sentence before too', (linking) => {
    expect(leansOnPrevious(`${linking}, he said the talks had failed.`)).toBe(true);
  });

  it.each(NEGATION_WORDS)('"%s" denies what a sentence says', (word) => {
    expect(denies(`The troops ${word} left the airport.`)).toBe(true);
  });

  it('reads "n\'t" as a denial, and a plain statement as none', () => {
    expect(denies('The troops didn’t leave the airport.')).toBe(true);
    expect(denies('The troops left the airport.')).toBe(false);
  });

  it.each(NEGATING_PREFIXES)('"%s…" makes a word the opposite of the word without it', (prefix) => {
    expect(holdsOpposite([`${prefix}tended`], new Set(['tended']))).toBe(true);
    expect(holdsOpposite(['tended'], new Set([`${prefix}tended`]))).toBe(true);
    expect(holdsOpposite(['tended'], new Set(['tended']))).toBe(false);
  });

  it.each(ACRONYM_JOINING_WORDS)('"%s" may stand inside a name an acronym spells', (word) => {
    const [definition] = findAcronyms(`He joined the Council ${word} Regional Ministers (CRM) in May.`);
    expect(definition?.acronym).toBe('CRM');
    expect(definition?.expansion).toEqual(['Council', word, 'Regional', 'Ministers']);
  });
});
