import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generateCorpus.ts';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { buildTimeline } from '../../src/summary/buildTimeline.ts';
import { eventsReadOf, prepareEventDates, prepareSentenceUnits } from '../../src/summary/sentenceUnits.ts';
import { summarizeCorpus } from '../../src/summary/summarizeCorpus.ts';

// Large enough that reading every sentence takes many slices.
const PASSAGES = 3000;

describe('the first briefing of a large corpus', () => {
  it('is prepared a slice at a time, so questions asked meanwhile are answered before it is ready', async () => {
    const index = PassageIndex.build(generateCorpus({ seed: 5, passages: PASSAGES }));
    let ready = false;
    const preparing = prepareSentenceUnits(index).then(() => {
      ready = true;
    });
    // A question that arrives while the briefing is being prepared, as another member's /ask would, gets its turn.
    await setImmediate();
    expect(ready).toBe(false);
    const [document] = index.corpus.documents;
    const [passage] = document?.passages ?? [];
    const sentence =
      document && passage ? document.text.slice(passage.start, passage.end).split('. ')[0] : '';
    expect(answerQuestion(index, sentence ?? '').answers[0]?.quote).toContain(sentence);
    await preparing;
    expect(ready).toBe(true);
  });

  it('gives the same briefing whether its sentences were prepared in slices or read at once', async () => {
    const corpus = generateCorpus({ seed: 9, passages: 1200 });
    const inSlices = PassageIndex.build(corpus);
    await prepareSentenceUnits(inSlices);
    const atOnce = PassageIndex.build(corpus);
    expect(summarizeCorpus(inSlices, { length: 'medium' })).toEqual(
      summarizeCorpus(atOnce, { length: 'medium' }),
    );
  });

  it('reads the dates a timeline needs a slice at a time too, and gives the same timeline', async () => {
    const corpus = generateCorpus({ seed: 13, passages: PASSAGES });
    const inSlices = PassageIndex.build(corpus);
    let ready = false;
    const reading = prepareEventDates(inSlices).then(() => {
      ready = true;
    });
    await setImmediate();
    expect(ready).toBe(false);
    await reading;
    const sentences = eventsReadOf(inSlices);
    expect(sentences).toBeGreaterThan(PASSAGES);
    const atOnce = PassageIndex.build(corpus);
    expect(buildTimeline(inSlices)).toEqual(buildTimeline(atOnce));
    // Every date was read before the timeline asked for it.
    expect(eventsReadOf(inSlices)).toBe(sentences);
  });
});
