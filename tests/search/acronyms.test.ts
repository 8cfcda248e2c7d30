import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { findAcronyms } from '../../src/text/findAcronyms.ts';
import { corpusFrom, KAZAKHSTAN_DIR, markdownArticle } from '../corpus/corpusFrom.ts';

const ALLIANCE = markdownArticle(
  {
    title: 'What is the alliance that sent troops to Kazakhstan?',
    source: 'Steppe Herald',
    date: '2022-01-07',
  },
  [
    'Kazakhstan is a member of the Collective Security Treaty Organization (CSTO), a military bloc of six former Soviet states.',
    'The CSTO had never before sent troops to help one of its members put down unrest.',
    'Its headquarters are in Moscow, and Russia provides most of its forces.',
  ].join('\n\n'),
);
const SUMMIT = markdownArticle(
  { title: 'Leaders hold video summit on Kazakhstan', source: 'Central Asia Wire', date: '2022-01-10' },
  'Leaders of the Collective Security Treaty Organization met by video link on Monday to discuss the mission in Kazakhstan.\n',
);

const passageIdsFor = (index: PassageIndex, query: string) =>
  index.search(index.queryTerms(query), 10).map((hit) => hit.passage.id);

describe('acronyms that an article defines', () => {
  let index: PassageIndex;
  beforeAll(() => {
    index = PassageIndex.build(corpusFrom({ 'alliance.md': ALLIANCE, 'summit.md': SUMMIT }));
  });

  it('find the paragraph that only uses the acronym when the question spells the name out', () => {
    expect(passageIdsFor(index, 'Collective Security Treaty Organization')).toContain('alliance#2');
  });

  it('find the article that only spells the name out when the question uses the acronym', () => {
    expect(passageIdsFor(index, 'CSTO')).toContain('summit#1');
  });

  it('answer a question using the acronym from the paragraph that uses it, not the one that defines it', () => {
    const result = answerQuestion(index, 'Had the CSTO ever sent troops before?');
    expect(result.answers[0]?.citation).toMatchObject({ docId: 'alliance', paragraph: 2 });
  });

  it('count a spelled-out name once, so its four words do not outweigh the acronym', () => {
    const result = answerQuestion(index, 'When did the Collective Security Treaty Organization send troops?');
    expect(result.answers[0]?.citation).toMatchObject({ docId: 'alliance', paragraph: 2 });
  });

  it('do not link acronyms the corpus never defines', () => {
    const withoutDefinition = PassageIndex.build(corpusFrom({ 'summit.md': SUMMIT }));
    expect(passageIdsFor(withoutDefinition, 'CSTO')).toEqual([]);
    expect(withoutDefinition.queryTerms('CSTO').aliasTerms).toEqual([]);
  });
});

describe('an acronym that drops a letter, as the AFP article writes "Collective Security Treaty Organization (CTO)"', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = PassageIndex.build(await loadCorpus(KAZAKHSTAN_DIR));
  });

  it('is recognised with the expansion it stands for, and with the full initials', () => {
    const definitions = findAcronyms(
      'soldiers from the Collective Security Treaty Organization (CTO) – a Moscow-led military alliance',
    );
    expect(definitions).toContainEqual({
      acronym: 'CTO',
      expansion: ['Collective', 'Security', 'Treaty', 'Organization'],
    });
    expect(definitions.map((definition) => definition.acronym)).toContain('CSTO');
  });

  it('lets "CSTO" find the departure ceremony paragraph, which only spells the name out', () => {
    expect(passageIdsFor(index, 'CSTO')).toContain('csto-withdrawal-begins#2');
  });

  it('lets the spelled-out name find the paragraph that only says "CSTO"', () => {
    expect(passageIdsFor(index, 'Collective Security Treaty Organization')).toContain(
      'csto-withdrawal-begins#4',
    );
  });

  it('does not take capitalised words before the name into the expansion', () => {
    const [definition] = findAcronyms(
      'On Monday Kazakhstan asked the Collective Security Treaty Organization (CSTO) for help.',
    );
    expect(definition?.expansion).toEqual(['Collective', 'Security', 'Treaty', 'Organization']);
  });
});
