import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { buildTimeline } from '../../src/summary/buildTimeline.ts';
import type { TimelineEvent } from '../../src/summary/types.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';
import { expectVerbatimAndCited, SEED_DIR, UNREST_DIR } from './summaryFixtures.ts';

let seed: Corpus;
let unrest: Corpus;
let kazakhstan: Corpus;
let unrestIndex: PassageIndex;
beforeAll(async () => {
  [seed, unrest, kazakhstan] = await Promise.all([
    loadCorpus(SEED_DIR),
    loadCorpus(UNREST_DIR),
    loadCorpus(KAZAKHSTAN_DIR),
  ]);
  unrestIndex = PassageIndex.build(unrest);
});

const eventWith = (events: TimelineEvent[], words: string) =>
  events.find((event) => event.quote.includes(words));

describe('the timeline of the corpus', () => {
  it('quotes every event verbatim with its citation, and the words that date it are in the quote', () => {
    for (const corpus of [seed, unrest, kazakhstan]) {
      const timeline = buildTimeline(corpus);
      expect(timeline.found).toBe(true);
      for (const event of timeline.events) {
        expectVerbatimAndCited(corpus, event);
        expect(event.quote).toContain(event.event.text);
        expect(event.event.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('lists the seed article’s events on the days they happened', () => {
    const { events } = buildTimeline(seed);
    const dated = (words: string) => {
      const { date, approximate } = eventWith(events, words)?.event ?? {};
      return { date, approximate };
    };
    expect(dated('demonstrations on January 2')).toEqual({ date: '2022-01-02', approximate: false });
    expect(dated('sent to the former Soviet republic on January 6')).toEqual({
      date: '2022-01-06',
      approximate: false,
    });
    expect(dated('rocked last week')).toEqual({ date: '2022-01-06', approximate: true });
    expect(dated('arrested on Saturday')).toEqual({ date: '2022-01-08', approximate: false });
    expect(dated('began its withdrawal')).toEqual({ date: '2022-01-13', approximate: false });
  });

  it('is in the order the events happened, not the order they were published', () => {
    for (const corpus of [seed, unrest, kazakhstan]) {
      const dates = buildTimeline(corpus).events.map((event) => event.event.date);
      expect(dates).toEqual([...dates].sort());
    }
    const { events } = buildTimeline(unrestIndex);
    // The 2011 shooting comes first, then the price rise of January 1 that set off this month's protests.
    expect(events[0]?.quote).toMatch(/^In 2011, police opened fire/);
    expect(events[1]?.quote).toMatch(/doubled on January 1/);
    expect(events.at(-1)?.quote).toMatch(/left Kazakhstan on Wednesday/);
  });

  it('leaves out sentences that date nothing, or only a backdrop', () => {
    const quotes = buildTimeline(unrestIndex).events.map((event) => event.quote);
    expect(quotes.join('\n')).not.toMatch(/Critics of the government say/);
    expect(quotes.join('\n')).not.toMatch(/had ruled the country from its independence until 2019/);
  });

  it('lists once an event that two outlets report in the same words, from the earlier report', () => {
    const leaving = buildTimeline(unrestIndex).events.filter((event) =>
      event.quote.startsWith('The troops began leaving on Thursday'),
    );
    expect(leaving).toHaveLength(1);
    expect(leaving[0]?.citation).toMatchObject({ docId: 'troops-to-leave-by-19', date: '2022-01-14' });
    expect(leaving[0]?.event.date).toBe('2022-01-13');
  });

  it('shows a plan as still ahead on the day it was planned for', () => {
    const planes = eventWith(buildTimeline(unrestIndex).events, 'expected to leave Almaty airport');
    expect(planes?.event).toMatchObject({ date: '2022-01-19', upcoming: true, approximate: false });
  });

  it('keeps an event of an earlier year at year precision', () => {
    const shooting = eventWith(
      buildTimeline(unrestIndex).events,
      'police opened fire on striking oil workers',
    );
    expect(shooting?.event).toMatchObject({ date: '2011-01-01', precision: 'year', approximate: true });
  });

  it('keeps the most central events when asked for fewer', () => {
    const all = buildTimeline(unrestIndex).events;
    const few = buildTimeline(unrestIndex, { limit: 5 }).events;
    expect(all.length).toBeGreaterThan(5);
    expect(few).toHaveLength(5);
    const dates = few.map((event) => event.event.date);
    expect(dates).toEqual([...dates].sort());
    for (const event of few) expect(all.map((other) => other.quote)).toContain(event.quote);
  });
});

describe('a timeline on a topic', () => {
  it('keeps only events about the topic', () => {
    const timeline = buildTimeline(unrestIndex, { topic: 'internet' });
    expect(timeline.found).toBe(true);
    expect(timeline.events.length).toBeGreaterThanOrEqual(1);
    expect(timeline.events.length).toBeLessThan(buildTimeline(unrestIndex).events.length);
    for (const event of timeline.events) expect(event.quote).toMatch(/internet|online/i);
  });

  it('says plainly when nothing in the corpus is about the topic', () => {
    expect(buildTimeline(unrestIndex, { topic: 'Eurovision song contest' })).toEqual({
      topic: 'Eurovision song contest',
      found: false,
      events: [],
      reason: 'No passages about “Eurovision song contest” in the corpus.',
    });
  });
});
