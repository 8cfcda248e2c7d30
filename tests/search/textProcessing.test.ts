import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import {
  foldDiacritics,
  normalizeTerm,
  STOP_WORDS,
  termsOf,
  tokenize,
  tokenizeWithOffsets,
  wordsOfMessage,
} from '../../src/text/textProcessing.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

describe('stop words', () => {
  it.each([
    'who',
    'whom',
    'whose',
    'what',
    'which',
    'when',
    'where',
    'why',
    'how',
    'many',
    'much',
    'did',
    'does',
  ])('drops the question word "%s"', (word) => {
    expect(STOP_WORDS.has(word)).toBe(true);
    expect(normalizeTerm(word)).toBeNull();
    expect(normalizeTerm(word.toUpperCase())).toBeNull();
  });

  it('reduces a question to the same terms as the bare content words', () => {
    expect(termsOf('Who commanded the contingent, and when did it leave Kazakhstan?')).toEqual(
      termsOf('commanded contingent leave Kazakhstan'),
    );
  });

  it('keeps names, places and figures', () => {
    expect(termsOf('Serdiukov Almaty 2,030')).toHaveLength(3);
  });

  it('drops every form of a stop word, so "What does Tokayev say?" and "What Tokayev says" look up the same', () => {
    for (const form of ['says', 'took', 'takes', 'making', 'gets', 'told', 'happens', 'saw', 'seen']) {
      expect(normalizeTerm(form), form).toBeNull();
    }
    expect(termsOf('What did the CSTO say took place?')).toEqual(termsOf('CSTO says place'));
  });

  it('leaves nothing of a question made only of stop words', () => {
    expect(termsOf('What is it that they have been doing there?')).toEqual([]);
  });
});

describe('word forms', () => {
  it.each([
    ['commanded', 'commander'],
    ['commanded', 'command'],
    ['arrested', 'arrest'],
    ['arrests', 'arrest'],
    ['began', 'begin'],
    ['begun', 'begins'],
    ['soldiers', 'soldier'],
    ['withdrew', 'withdrawal'],
  ])('gives "%s" and "%s" the same term', (a, b) => {
    expect(normalizeTerm(a)).not.toBeNull();
    expect(normalizeTerm(a)).toBe(normalizeTerm(b));
  });

  it('does not merge unrelated words', () => {
    expect(normalizeTerm('arrest')).not.toBe(normalizeTerm('arrive'));
    expect(normalizeTerm('troops')).not.toBe(normalizeTerm('tropes'));
  });

  it('ignores case', () => {
    expect(normalizeTerm('ALMATY')).toBe(normalizeTerm('almaty'));
  });

  it('drops the possessive, with a straight or a curly apostrophe', () => {
    expect(normalizeTerm('Nazarbayev’s')).toBe(normalizeTerm('Nazarbayev'));
    expect(normalizeTerm("Nazarbayev's")).toBe(normalizeTerm('Nazarbayev'));
    expect(termsOf('Kazakhstan’s main city')).toEqual(termsOf('Kazakhstan main city'));
  });
});

describe('diacritics', () => {
  it('folds accented letters to their plain form', () => {
    expect(foldDiacritics('Almatý Zhanaözen Qasym-Jomart Toqaev')).toBe(
      'Almaty Zhanaozen Qasym-Jomart Toqaev',
    );
  });

  it('gives accented and plain spellings the same term', () => {
    expect(normalizeTerm('Almatý')).toBe(normalizeTerm('Almaty'));
    expect(normalizeTerm('Zhanaözen')).toBe(normalizeTerm('Zhanaozen'));
  });
});

describe('tokens', () => {
  it('keeps "2,030" and "12,000" as one token each', () => {
    expect(tokenize('made up of 2,030 soldiers and 12,000 arrests')).toEqual([
      'made',
      'up',
      'of',
      '2,030',
      'soldiers',
      'and',
      '12,000',
      'arrests',
    ]);
  });

  it('does not glue a number to the next word across a comma and a space', () => {
    expect(tokenize('In 2019, he resigned')).toEqual(['In', '2019', 'he', 'resigned']);
  });

  it('keeps "U.S." as one term that is not a stop word', () => {
    const [term, ...rest] = termsOf('U.S.');
    expect(rest).toEqual([]);
    expect(term).toBeTruthy();
  });

  it('splits hyphenated words into their parts', () => {
    expect(tokenize('Russian-led contingent')).toEqual(['Russian', 'led', 'contingent']);
  });

  it('gives each token offsets that slice back to it', () => {
    const text = '“The peacekeeping operation is over (…),” said Gen. Serdiukov of the 2,030-strong force.';
    const tokens = tokenizeWithOffsets(text);
    expect(tokens.length).toBeGreaterThan(10);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.surface);
  });
});

describe('the index applies the same text processing to questions and passages', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = PassageIndex.build(await loadCorpus(KAZAKHSTAN_DIR));
  });

  const topPassageText = (query: string) => {
    const [hit] = index.search(index.queryTerms(query), 1);
    return hit ? index.passageText(hit.passage) : '';
  };

  it('finds "commander of the contingent" for "commanded"', () => {
    const hits = index.search(index.queryTerms('commanded'), 10).map((hit) => index.passageText(hit.passage));
    expect(hits.some((text) => text.includes('commander of the contingent'))).toBe(true);
  });

  it('finds "the arrest of at least 12,000 people" for "arrested"', () => {
    expect(topPassageText('arrested people')).toContain('the arrest of at least 12,000 people');
  });

  it('finds "12,000" whether or not the question writes the thousands separator', () => {
    expect(topPassageText('12,000')).toContain('12,000 people');
    expect(topPassageText('12000')).toContain('12,000 people');
  });

  it('finds "Almaty" for "Almatý"', () => {
    expect(index.search(index.queryTerms('Almatý'), 10).length).toBe(
      index.search(index.queryTerms('Almaty'), 10).length,
    );
    expect(topPassageText('Almatý')).toContain('Almaty');
  });
});

describe('the words of a chat message', () => {
  it.each([
    ['acting PM?', 'acting prime minister?'],
    ['how many ppl got arrested', 'how many people got arrested'],
    [
      "what did the govt say, and the gov't of Russia?",
      'what did the government say, and the government of Russia?',
    ],
    ['the pres and his dept', 'the president and his department'],
  ])('spell out the shorthand in %j', (message, spelt) => {
    expect(wordsOfMessage(message)).toBe(spelt);
  });

  it('leave "PM" after a time of day alone, and words that only begin like shorthand', () => {
    expect(wordsOfMessage('The curfew starts at 11 PM, or 10:30 pm in Almaty.')).toBe(
      'The curfew starts at 11 PM, or 10:30 pm in Almaty.',
    );
    expect(wordsOfMessage('The PMO and the presidency')).toBe('The PMO and the presidency');
  });

  it('drop mentions and links, which no source bears on', () => {
    expect(termsOf(wordsOfMessage('<@123456789012345678> see https://example.com/x Almaty'))).toEqual(
      termsOf('Almaty'),
    );
  });
});
