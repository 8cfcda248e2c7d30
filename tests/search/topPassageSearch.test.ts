import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generateCorpus.ts';
import { generateQuestions } from '../../bench/generateQuestions.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import {
  fuzzyDistanceFor,
  INDEX_OPTIONS,
  type IndexedPassage,
  PASSAGE_SCORING,
} from '../../src/search/indexOptions.ts';
import { restoreMiniSearch, saveMiniSearch } from '../../src/search/miniSearchPostings.ts';
import { TopPassageSearch, type WeightedTerm } from '../../src/search/TopPassageSearch.ts';
import { normalizeTerm, tokenize } from '../../src/search/textProcessing.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

const termsOf = (text: string) => [...new Set(tokenize(text).flatMap((word) => normalizeTerm(word) ?? []))];

function miniSearchOver(corpus: Corpus): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  miniSearch.addAll(
    corpus.documents
      .flatMap((document) =>
        document.passages.map((passage) => document.text.slice(passage.start, passage.end)),
      )
      .map((text, id) => ({ id, text })),
  );
  return miniSearch;
}

/** A question's terms as the engine looks them up: a word the corpus lacks may be misspelt, and later words weigh less. */
function weightedTerms(miniSearch: MiniSearch<IndexedPassage>, question: string): WeightedTerm[] {
  const inCorpus = (term: string) =>
    miniSearch.search(term, { tokenize: (text) => [text], processTerm: (t) => t }).length > 0;
  return termsOf(question).map((term, position) => ({
    term,
    boost: 1 / (1 + position / 4),
    fuzzyDistance: inCorpus(term) ? 0 : fuzzyDistanceFor(term),
  }));
}

/** The same query through MiniSearch's own `search`, the reference for what the engine must find. */
function searchedByMiniSearch(miniSearch: MiniSearch<IndexedPassage>, query: readonly WeightedTerm[]) {
  const byTerm = new Map(query.map((weighted) => [weighted.term, weighted]));
  return miniSearch
    .search(query.map(({ term }) => term).join(' '), {
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      combineWith: 'OR',
      prefix: false,
      fuzzy: (term) => byTerm.get(term)?.fuzzyDistance || false,
      boostTerm: (term) => byTerm.get(term)?.boost ?? 1,
      weights: { fuzzy: PASSAGE_SCORING.fuzzyWeight, prefix: 0 },
      bm25: PASSAGE_SCORING.bm25,
    })
    .map((result) => ({ id: result.id as number, score: result.score, terms: [...result.terms].sort() }));
}

function expectSameBestPassages(
  search: TopPassageSearch,
  miniSearch: MiniSearch<IndexedPassage>,
  question: string,
) {
  const query = weightedTerms(miniSearch, question);
  const expected = searchedByMiniSearch(miniSearch, query).slice(0, 12);
  const found = search.search(query, 12);
  expect(
    found.map(({ id }) => id),
    question,
  ).toEqual(expected.map(({ id }) => id));
  found.forEach((passage, rank) => {
    expect(passage.score).toBeCloseTo(expected[rank]?.score ?? Number.NaN, 9);
    expect([...passage.terms].sort()).toEqual(expected[rank]?.terms);
  });
}

const QUESTIONS = [
  'Who commanded the CSTO peacekeeping contingent?',
  'When did the last Russian troops leave Kazakhstan?',
  'How many people were killed in Almaty?',
  'What post did Nursultan Nazarbaev give up?',
  'Why did Tokaev call in the Collective Security Treaty Organization?',
  'Where were the protests over fuel prices first reported?',
  'Who won the 2018 football World Cup?',
];

describe('the best passages for a question', () => {
  let corpus: Corpus;
  let miniSearch: MiniSearch<IndexedPassage>;
  let search: TopPassageSearch;
  beforeAll(async () => {
    corpus = await loadCorpus(KAZAKHSTAN_DIR);
    miniSearch = miniSearchOver(corpus);
    search = new TopPassageSearch(miniSearch, 'text', PASSAGE_SCORING);
  });

  it.each(QUESTIONS)(
    'are the ones MiniSearch ranks first, in its order and with its scores: %s',
    (question) => {
      expectSameBestPassages(search, miniSearch, question);
    },
  );

  it('finds the corpus spelling of a misspelt name, scored below an exact match would be', () => {
    const [best] = search.search(weightedTerms(miniSearch, 'Nazarbaev'), 5);
    expect(best?.terms).toEqual(['nazarbayev']);
    const [exact] = search.search(weightedTerms(miniSearch, 'Nazarbayev'), 5);
    expect(best?.score).toBeLessThan(exact?.score ?? 0);
  });

  it('are the same after the index is saved and restored in slices', async () => {
    const saved = JSON.parse(JSON.stringify(saveMiniSearch(miniSearch, 'text')));
    const restored = await restoreMiniSearch<IndexedPassage>(saved, INDEX_OPTIONS, 'text', {
      yielding: true,
    });
    const restoredSearch = new TopPassageSearch(restored, 'text', PASSAGE_SCORING);
    for (const question of QUESTIONS) {
      const query = weightedTerms(miniSearch, question);
      expect(restoredSearch.search(query, 12)).toEqual(search.search(query, 12));
    }
  });

  it('answer one question without carrying anything over from the one before', () => {
    const query = weightedTerms(miniSearch, 'How many people were killed in Almaty?');
    const first = search.search(query, 12);
    search.search(weightedTerms(miniSearch, 'When did the last Russian troops leave Kazakhstan?'), 12);
    expect(search.search(query, 12)).toEqual(first);
  });

  it('include nothing for a question whose words the corpus never uses', () => {
    expect(search.search(weightedTerms(miniSearch, 'Eurovision penguins'), 12)).toEqual([]);
  });
});

describe('on a generated corpus of 2,000 passages', () => {
  it('the best passages for 200 generated questions, misspellings included, are the ones MiniSearch ranks first', () => {
    const corpus = generateCorpus({ seed: 17, passages: 2_000 });
    const miniSearch = miniSearchOver(corpus);
    const search = new TopPassageSearch(miniSearch, 'text', PASSAGE_SCORING);
    for (const question of generateQuestions(corpus, { seed: 18, count: 200 })) {
      expectSameBestPassages(search, miniSearch, question.text);
    }
  });
});
