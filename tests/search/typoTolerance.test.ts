import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { corpusFrom, KAZAKHSTAN_DIR, markdownArticle } from '../corpus/corpusFrom.ts';

describe('misspelt and transliterated names', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = PassageIndex.build(await loadCorpus(KAZAKHSTAN_DIR));
  });

  const passagesFor = (query: string) =>
    index.search(index.queryTerms(query), 10).map((hit) => index.passageText(hit.passage));

  it('finds "Nazarbayev" for the misspelling "Nazarbaev"', () => {
    const found = passagesFor('Nazarbaev');
    expect(found.length).toBeGreaterThan(0);
    for (const text of found) expect(text).toContain('Nazarbayev');
  });

  it('finds "Serdiukov" for the transliteration "Serdyukov"', () => {
    const [first] = passagesFor('Serdyukov');
    expect(first).toContain('Serdiukov');
  });

  it('finds "Tokayev" for "Tokaev"', () => {
    const found = passagesFor('Tokaev');
    expect(found.length).toBeGreaterThan(0);
    for (const text of found) expect(text).toContain('Tokayev');
  });

  it('does not guess at a misspelt short word, where almost any word would be a near miss', () => {
    expect(passagesFor('Almati')).toEqual(passagesFor('Almaty'));
    expect(index.search(index.queryTerms('guns'), 10)).toEqual([]);
  });
});

describe('a name spelt exactly as the question spells it', () => {
  // The long paragraph has the exact spelling; the short one, from another source, a near miss that a
  // length-normalised score would otherwise favour.
  const corpus = corpusFrom({
    'massimov-detained.md': markdownArticle(
      { title: 'Former security chief detained', source: 'Steppe Herald', date: '2022-01-08' },
      'The National Security Committee said on Saturday that its former chairman, Karim Massimov, a two-time prime minister who had run the agency since 2016 and was long seen as one of the most loyal allies of the first president, had been detained on Thursday on suspicion of high treason, days after Tokayev removed him from his post.\n\nThe committee gave no further details.\n',
    ),
    'spy-chief-held.md': markdownArticle(
      { title: 'Ex-spy chief held', source: 'Central Asia Wire', date: '2022-01-08' },
      'Ex-spy chief Masimov held.\n\nHis lawyer declined to comment.\n',
    ),
  });
  const index = PassageIndex.build(corpus);

  it('ranks above a near-miss spelling', () => {
    const hits = index.search(index.queryTerms('Massimov'), 10);
    expect(hits[0]?.passage.id).toBe('massimov-detained#1');
    const nearMiss = hits.find((hit) => hit.passage.id === 'spy-chief-held#1');
    if (nearMiss) expect(nearMiss.score).toBeLessThan(hits[0]?.score ?? 0);
  });

  it('is matched exactly in each direction: each spelling ranks its own article first', () => {
    expect(index.search(index.queryTerms('Masimov'), 10)[0]?.passage.id).toBe('spy-chief-held#1');
  });

  it('still finds the name when the question misspells it another way', () => {
    const ids = index.search(index.queryTerms('Massimow'), 10).map((hit) => hit.passage.id);
    expect(ids).toContain('massimov-detained#1');
  });
});
