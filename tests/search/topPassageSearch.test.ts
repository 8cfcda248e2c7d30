import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generateCorpus.ts';
import { generateQuestions } from '../../bench/generateQuestions.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { InvertedIndex } from '../../src/search/InvertedIndex.ts';
import {
  fuzzyDistanceFor,
  INDEX_OPTIONS,
  type IndexedPassage,
  PASSAGE_SCORING,
  TERM_PROCESSING,
} from '../../src/search/indexOptions.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/search/snapshotFile.ts';
import { TopPassageSearch, type WeightedTerm } from '../../src/search/TopPassageSearch.ts';
import { normalizeTerm, tokenize } from '../../src/text/textProcessing.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

const termsOf = (text: string) => [...new Set(tokenize(text).flatMap((word) => normalizeTerm(word) ?? []))];

const passageTexts = (corpus: Corpus) =>
  corpus.documents.flatMap((document) =>
    document.passages.map((passage) => document.text.slice(passage.start, passage.end)),
  );

function miniSearchOver(corpus: Corpus): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  miniSearch.addAll(passageTexts(corpus).map((text, id) => ({ id, text })));
  return miniSearch;
}

function searchOver(corpus: Corpus): TopPassageSearch {
  return new TopPassageSearch(InvertedIndex.build(passageTexts(corpus), TERM_PROCESSING), PASSAGE_SCORING);
}

/** A question's terms as the engine looks them up: a word the corpus lacks may be misspelt, and later words weigh less. */
function weightedTerms(
  index: MiniSearch<IndexedPassage> | TopPassageSearch,
  question: string,
): WeightedTerm[] {
  const inCorpus = (term: string) =>
    index instanceof TopPassageSearch
      ? index.passagesWith(term) > 0
      : index.search(term, { tokenize: (text) => [text], processTerm: (t) => t }).length > 0;
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
  const found = search.searchExhaustive(query, 12);
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
    search = searchOver(corpus);
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
    const built = InvertedIndex.build(passageTexts(corpus), TERM_PROCESSING);
    const { postings } = decodeSnapshot(
      Buffer.concat(encodeSnapshot({ format: '', corpusVersion: '', aliases: [], postings: built.save() })),
    );
    const restored = await InvertedIndex.restore(postings, built.passageCount, { yielding: true });
    const restoredSearch = new TopPassageSearch(restored, PASSAGE_SCORING);
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
    const search = searchOver(corpus);
    for (const question of generateQuestions(corpus, { seed: 18, count: 200 })) {
      expectSameBestPassages(search, miniSearch, question.text);
    }
  });
});

describe('pruned retrieval, which skips postings that cannot reach the best passages', () => {
  let search: TopPassageSearch;
  let questions: string[];
  beforeAll(() => {
    const corpus = generateCorpus({ seed: 23, passages: 4_000 });
    search = searchOver(corpus);
    questions = generateQuestions(corpus, { seed: 24, count: 250 }).map((question) => question.text);
  });

  it.each([1, 3, 12, 50])(
    'returns the passages, order, scores and matched terms of exhaustive scoring, for the best %i',
    (limit) => {
      for (const question of questions) {
        const query = weightedTerms(search, question);
        expect(search.search(query, limit), question).toEqual(search.searchExhaustive(query, limit));
      }
    },
  );

  it('finds the same passages when the common words of a question weigh more than its rare ones', () => {
    for (const question of questions.slice(0, 100)) {
      // Boosts rising along the question put the most weight on terms scored last.
      const query = weightedTerms(search, question).map((term, position) => ({
        ...term,
        boost: 0.2 + position,
      }));
      expect(search.search(query, 12), question).toEqual(search.searchExhaustive(query, 12));
    }
  });
});
