import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phrasalEquivalents } from '../../src/text/phrasalVerbs.ts';
import { normalizeTerm } from '../../src/text/textProcessing.ts';

const entries = readFileSync(new URL('../../src/text/phrasalVerbs.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, string]);

describe('phrasal verbs', () => {
  it('reads "step down" as the resigning a report writes of, in any tense', () => {
    for (const question of [
      'Why did the prime minister step down?',
      'The cabinet stepped down on Wednesday',
    ]) {
      const [found] = phrasalEquivalents(question);
      expect(found?.term).toBe(normalizeTerm('step'));
      expect(found?.equivalents).toContain(normalizeTerm('resign'));
    }
  });

  it('reads "pull back" as withdrawing, and "called off" as cancelling', () => {
    expect(phrasalEquivalents('When did the troops pull back?')[0]?.equivalents).toContain(
      normalizeTerm('withdraw'),
    );
    expect(phrasalEquivalents('The summit was called off')[0]?.equivalents).toContain(
      normalizeTerm('cancel'),
    );
  });

  it('finds nothing in a verb without its particle', () => {
    expect(phrasalEquivalents('The minister stepped onto the stage')).toEqual([]);
  });

  it.each(entries)('"%s" brings single verbs that are index terms: %s', (phrase, verbs) => {
    const [found] = phrasalEquivalents(`when did they ${phrase}`);
    const terms = verbs.split(' ').flatMap((verb) => normalizeTerm(verb) ?? []);
    expect(terms.length).toBeGreaterThan(0);
    expect(found?.equivalents).toEqual(expect.arrayContaining(terms));
  });
});
