import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import winkLemmatizer from 'wink-lemmatizer';
import { VERB_BASES_FILE, verbBases } from '../../scripts/buildVerbBases.ts';
import { lemmatizeVerb } from '../../src/text/lemmatizeVerb.ts';

const requireModule = createRequire(import.meta.url);
const lexiconWords = Object.keys(requireModule('wink-lexicon/src/wn-words.js') as Record<string, number>);
const irregularForms = Object.keys(
  requireModule('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>,
);

describe('verb lemmas', () => {
  it('meets the base forms news reports and questions use', () => {
    expect(lemmatizeVerb('began')).toBe('begin');
    expect(lemmatizeVerb('detained')).toBe('detain');
    expect(lemmatizeVerb('withdrawing')).toBe('withdraw');
    expect(lemmatizeVerb('carries')).toBe('carry');
    expect(lemmatizeVerb('troops')).toBe('troop');
    expect(lemmatizeVerb('contingent')).toBe('contingent');
  });

  it('gives wink-lemmatizer’s answer for every word of its lexicon, every irregular form and every regular inflection', () => {
    const words = new Set([...lexiconWords, ...irregularForms]);
    for (const word of lexiconWords) {
      for (const ending of ['s', 'es', 'ies', 'd', 'ed', 'ing']) words.add(`${word}${ending}`);
    }
    const disagreements = [...words].filter((word) => lemmatizeVerb(word) !== winkLemmatizer.verb(word));
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(words.size).toBeGreaterThan(400_000);
  });

  it('reads a verb list built from the installed wink-lexicon (rebuild with scripts/buildVerbBases.ts)', () => {
    expect(readFileSync(VERB_BASES_FILE, 'utf8')).toBe(`${verbBases().join('\n')}\n`);
  });
});
