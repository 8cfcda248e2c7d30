import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/splitSentences.ts';

const sentencesOf = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('sentence splitting', () => {
  it('keeps a quotation in curly quotes, with an ellipsis inside it, in one sentence', () => {
    expect(
      sentencesOf(
        'Gen. Andrei Serdiukov told reporters that “all the tasks have been fulfilled… and our soldiers are going home.”',
      ),
    ).toEqual([
      'Gen. Andrei Serdiukov told reporters that “all the tasks have been fulfilled… and our soldiers are going home.”',
    ]);
  });

  it('keeps a quoted remark that opens the sentence together with who said it', () => {
    const paragraph =
      '“The peacekeeping operation is over (…), the tasks have been accomplished,” said Russian General Andrei Serdiukov. He spoke in Almaty.';
    expect(sentencesOf(paragraph)).toEqual([
      '“The peacekeeping operation is over (…), the tasks have been accomplished,” said Russian General Andrei Serdiukov.',
      'He spoke in Almaty.',
    ]);
  });

  it('keeps a question in quotes with the words that follow it in lower case', () => {
    expect(sentencesOf('“Is it over?” a resident asked. Nobody answered.')).toEqual([
      '“Is it over?” a resident asked.',
      'Nobody answered.',
    ]);
  });

  it('does not end a sentence at the abbreviations Gen., U.S. and Dr.', () => {
    const paragraph =
      'The forces were led by Gen. Andrei Serdiukov. Officials in the U.S. were wary of the deployment. Dr. Aigerim Bekova, a political scientist, called it a first.';
    expect(sentencesOf(paragraph)).toEqual([
      'The forces were led by Gen. Andrei Serdiukov.',
      'Officials in the U.S. were wary of the deployment.',
      'Dr. Aigerim Bekova, a political scientist, called it a first.',
    ]);
  });

  it('starts a new sentence after "U.S." when the next sentence begins there', () => {
    expect(sentencesOf('The troops went home. U.S. officials said nothing.')).toEqual([
      'The troops went home.',
      'U.S. officials said nothing.',
    ]);
  });

  it('keeps "the U.S. State Department" in one sentence', () => {
    expect(sentencesOf('Officials in the U.S. State Department were wary. Others were not.')).toEqual([
      'Officials in the U.S. State Department were wary.',
      'Others were not.',
    ]);
  });

  it('ends a sentence at a closing quotation mark when a new sentence follows', () => {
    expect(sentencesOf('He said “it is over.” Then he left for Moscow.')).toEqual([
      'He said “it is over.”',
      'Then he left for Moscow.',
    ]);
  });

  it('keeps figures with thousands separators and decimals whole', () => {
    expect(
      sentencesOf(
        'The contingent was made up of 2,030 soldiers. Fuel rose to 120 tenge, up 1.5 times in a day.',
      ),
    ).toEqual([
      'The contingent was made up of 2,030 soldiers.',
      'Fuel rose to 120 tenge, up 1.5 times in a day.',
    ]);
  });

  it('ends a sentence after a year: "in 1991. It left…"', () => {
    expect(
      sentencesOf(
        'Kazakhstan was rocked last week by violence not seen since its independence in 1991. It left dozens dead and hundreds injured.',
      ),
    ).toEqual([
      'Kazakhstan was rocked last week by violence not seen since its independence in 1991.',
      'It left dozens dead and hundreds injured.',
    ]);
  });

  it('ends a sentence after a figure when a quotation opens the next one', () => {
    expect(
      sentencesOf('The government says 225 people were killed in 2022. “We mourn them,” Tokayev said.'),
    ).toEqual(['The government says 225 people were killed in 2022.', '“We mourn them,” Tokayev said.']);
  });

  it('does not split inside a date such as "Jan. 6"', () => {
    expect(sentencesOf('The troops arrived on Jan. 6 and left on Jan. 19. The airport reopened.')).toEqual([
      'The troops arrived on Jan. 6 and left on Jan. 19.',
      'The airport reopened.',
    ]);
  });

  it('offsets spans by the paragraph position it is given', () => {
    const document = 'Heading\n\nThe troops left. The airport reopened.';
    const base = document.indexOf('The troops');
    const spans = splitSentences(document.slice(base), base);
    expect(spans.map(({ start, end }) => document.slice(start, end))).toEqual([
      'The troops left.',
      'The airport reopened.',
    ]);
  });
});
