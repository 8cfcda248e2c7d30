import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerModel, checkModel, shippedAnswerModel } from '../../src/answer/answerModel.ts';
import { answerQuestion, candidateAnswers } from '../../src/answer/answerQuestion.ts';
import { FEATURE_NAMES } from '../../src/answer/sentenceFeatures.ts';
import { ConfigError, loadCoreConfig } from '../../src/config.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { corpusFrom, markdownArticle } from '../corpus/corpusFrom.ts';

/** An event the model was never fitted on: its question set is held out of fitting and only scored. */
const HELD_OUT_EVENT = new URL('../../bench/qa/events/notre-dame-fire-2019/corpus', import.meta.url).pathname;

describe('the fitted answer model', () => {
  it('is fitted on exactly the features the engine computes', () => {
    expect(() => shippedAnswerModel()).not.toThrow();
    expect(shippedAnswerModel().ranker.trees.length).toBeGreaterThan(0);
    expect(shippedAnswerModel().threshold).toBeGreaterThan(0);
  });

  it('refuses a model fitted on other features, naming both lists', () => {
    const stale: AnswerModel = { ...shippedAnswerModel(), features: FEATURE_NAMES.slice(1) };
    expect(() => checkModel(stale)).toThrow(/fitted on features \[exactCoverage.*engine computes \[coverage/);
  });

  it('ranks a sentence that answers above one that only repeats the question', () => {
    const corpus = corpusFrom({
      'drill.md': markdownArticle(
        { title: 'Rescue drill reaches miners', source: 'Harbour Wire', date: '2010-10-09' },
        [
          'The rescue drill reached the trapped miners after weeks of work, the rescue team said, and the rescue drill is now being withdrawn.',
          '',
          'The drill that reached the miners was operated by a crew led by engineer Walter Vega, who had flown in from Colombia.',
        ].join('\n'),
      ),
    });
    const index = PassageIndex.build(corpus);
    const [lead, runnerUp] =
      candidateAnswers(index, 'Who operated the drill that reached the miners?').candidates ?? [];
    expect(corpus.documents[0]?.text.slice(lead?.span.start, lead?.span.end)).toContain('Walter Vega');
    expect(lead?.confidence).toBeGreaterThan(runnerUp?.confidence ?? 1);
  });
});

describe('answers on an event the model never saw', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = PassageIndex.build(await loadCorpus(HELD_OUT_EVENT));
  });

  it.each([
    ['Who commands the Paris fire brigade?', 'General Jean-Claude Gallet'],
    ['How much lead was in the roof and spire?', '460 tonnes'],
  ])('answers "%s" with the sentence holding "%s", and says how sure it is', (question, expected) => {
    const result = answerQuestion(index, question);
    expect(result.answered).toBe(true);
    expect(result.answers[0]?.quote).toContain(expected);
    expect(result.answers[0]?.confidence).toBeGreaterThanOrEqual(shippedAnswerModel().threshold);
    expect(result.answers[0]?.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    'What was the name of the security guard who checked the wrong attic?',
    'How much did the Ile-de-France region pledge for the rebuilding?',
  ])('refuses the near miss "%s"', (question) => {
    const result = answerQuestion(index, question);
    expect(result.answered).toBe(false);
    expect(result.answers).toEqual([]);
  });

  it('answers fewer questions, never more, as the required confidence rises', () => {
    const questions = [
      'Who commands the Paris fire brigade?',
      'How much lead was in the roof and spire?',
      'In what year did building work on Notre-Dame start?',
    ];
    const answered = (minConfidence: number) =>
      questions.filter((question) => answerQuestion(index, question, { minConfidence }).answered).length;
    expect(answered(0)).toBe(questions.length);
    expect(answered(1)).toBe(0);
    expect(answered(0.2)).toBeGreaterThanOrEqual(answered(0.8));
  });
});

describe('ANSWER_MIN_CONFIDENCE', () => {
  it('takes a decimal from 0 to 1', () => {
    expect(loadCoreConfig({ ANSWER_MIN_CONFIDENCE: '0.75' }).ANSWER_MIN_CONFIDENCE).toBe(0.75);
    expect(loadCoreConfig({}).ANSWER_MIN_CONFIDENCE).toBeUndefined();
  });

  it.each(['1.5', '0x1', '75%', '-0.2', '1e-1'])('refuses "%s" with the reason', (value) => {
    expect(() => loadCoreConfig({ ANSWER_MIN_CONFIDENCE: value })).toThrow(ConfigError);
    expect(() => loadCoreConfig({ ANSWER_MIN_CONFIDENCE: value })).toThrow(
      /ANSWER_MIN_CONFIDENCE is invalid \(must be a decimal from 0 to 1/,
    );
  });
});
