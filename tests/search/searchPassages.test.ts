import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { searchPassages } from '../../src/search/searchPassages.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

describe('searching passages', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = PassageIndex.build(await loadCorpus(KAZAKHSTAN_DIR));
  });

  it('lists the passages that use the words searched for, each with its citation', () => {
    const [first] = searchPassages(index, 'Zhanaozen liquefied gas', 5);
    expect(first?.text).toContain('Zhanaozen');
    expect(first?.citation).toMatchObject({ docId: 'security-council-shakeup', source: 'Steppe Herald' });
  });

  it('finds nothing for a landmark the corpus never mentions, rather than a one-letter near miss', () => {
    // "tower" is one letter from "power", which the corpus uses; a short word's near miss is another word.
    expect(searchPassages(index, 'Eiffel Tower', 5)).toEqual([]);
  });

  it('takes the searcher at their word, without widening to related words', () => {
    // A question about "troops" may be answered by "soldiers"; a search for "paratroopers" lists only those.
    const results = searchPassages(index, 'paratroopers', 10);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.text.toLowerCase()).toContain('paratroopers');
  });
});
