import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { summarizeCorpus, summarizeDocument } from '../../src/summary/summarizeCorpus.ts';
import type { SummaryLine } from '../../src/summary/types.ts';
import { corpusFrom, KAZAKHSTAN_DIR, markdownArticle } from '../corpus/corpusFrom.ts';
import { expectVerbatimAndCited, nearlySame, SEED_DIR, UNREST_DIR } from './summaryFixtures.ts';

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

const LENGTHS = ['short', 'medium', 'long'] as const;

/** When a line's event happened as far as it says, else when its article appeared. */
const momentOf = (line: SummaryLine) => line.event?.date ?? line.citation.date;

describe('a briefing of the corpus', () => {
  it('quotes every line verbatim from its article, with that article’s citation', () => {
    for (const corpus of [seed, unrest, kazakhstan]) {
      for (const length of LENGTHS) {
        const briefing = summarizeCorpus(corpus, { length });
        expect(briefing.found).toBe(true);
        for (const line of briefing.lines) expectVerbatimAndCited(corpus, line);
      }
    }
  });

  it('covers the seed article’s main facts at the default length', () => {
    const briefing = summarizeCorpus(seed);
    expect(briefing.length).toBe('medium');
    const text = briefing.lines.map((line) => line.quote).join('\n');
    expect(text).toMatch(/began its withdrawal/);
    expect(text).toMatch(/Serdiukov, commander of the contingent/);
    expect(text).toMatch(/2,030/);
    expect(text).toMatch(/complete their departure by January 22/);
    expect(text).toMatch(/demonstrations on January 2 against rising fuel prices/);
    expect(text).toMatch(/arrest of at least 12,000 people/);
  });

  it('holds about 3, 6 and 12 lines for short, medium and long', () => {
    expect(LENGTHS.map((length) => summarizeCorpus(unrestIndex, { length }).lines.length)).toEqual([
      3, 6, 12,
    ]);
  });

  it('never repeats itself, even where outlets carry the same wire sentence', () => {
    for (const corpus of [seed, unrest, kazakhstan]) {
      const { lines } = summarizeCorpus(corpus, { length: 'long' });
      for (const [i, line] of lines.entries()) {
        for (const other of lines.slice(i + 1)) {
          expect(nearlySame(line.quote, other.quote), `${line.quote}\n${other.quote}`).toBe(false);
        }
      }
    }
    const tollLines = summarizeCorpus(unrestIndex, { length: 'long' }).lines.filter((line) =>
      line.quote.includes('225 people'),
    );
    expect(tollLines.length).toBeLessThanOrEqual(1);
  });

  it('stops short rather than repeat wire copy that several outlets carry', () => {
    const wire =
      'The alliance said on Friday that its troops would complete their withdrawal from Kazakhstan by January 19, three days earlier than planned.';
    const outlet = (source: string, date: string, own: string, wireText = wire) =>
      markdownArticle(
        { title: `Withdrawal ahead of schedule (${source})`, source, date },
        `${wireText}\n\n${own}`,
      );
    const corpus = corpusFrom({
      'herald.md': outlet(
        'Steppe Herald',
        '2022-01-14',
        'Residents of Almaty watched the first transport planes leave from the military airfield.',
      ),
      'digest.md': outlet(
        'Kazinform Digest',
        '2022-01-14',
        'The foreign ministry thanked the member states for their help during the crisis.',
      ),
      'desk.md': outlet(
        'Eurasia Desk',
        '2022-01-15',
        'Officials in Moscow said the paratroopers would return to their bases near Ivanovo and Pskov.',
        wire.replace('would complete', 'will complete'),
      ),
    });
    const { lines } = summarizeCorpus(corpus, { length: 'long' });
    expect(lines.filter((line) => line.quote.includes('by January 19'))).toHaveLength(1);
    expect(lines).toHaveLength(4);
  });

  it('tells the events in the order they happened, then by article date', () => {
    for (const corpus of [seed, unrest, kazakhstan]) {
      const { lines } = summarizeCorpus(corpus, { length: 'long' });
      const moments = lines.map(momentOf);
      expect(moments).toEqual([...moments].sort());
    }
  });

  it('puts the lines of an undated article after the dated ones, unless they name their own date', () => {
    const corpus = corpusFrom({
      'curfew.md': markdownArticle(
        { title: 'Almaty curfew eased', source: 'Steppe Herald', date: '2022-01-12' },
        'The city administration eased the overnight curfew in Almaty on Wednesday, allowing shops to stay open until eight.',
      ),
      'notes.txt': [
        'Reporters in Almaty noted that the main square was quiet again and that the burnt town hall was fenced off.',
        '',
        'The first protests in Zhanaozen had begun on January 2, 2022, after the price of liquefied gas doubled.',
      ].join('\n'),
    });
    const quotes = summarizeCorpus(corpus, { length: 'long' }).lines.map((line) => line.quote);
    expect(quotes).toHaveLength(3);
    expect(quotes[0]).toMatch(/^The first protests in Zhanaozen had begun on January 2, 2022/);
    expect(quotes[1]).toMatch(/^The city administration eased the overnight curfew/);
    expect(quotes[2]).toMatch(/^Reporters in Almaty noted/);
  });

  it('dates the line about the January 2 protests to that day, though its article is of January 13', () => {
    const protests = summarizeCorpus(seed).lines.find((line) => line.quote.includes('fuel prices'));
    expect(protests?.event).toMatchObject({ date: '2022-01-02', approximate: false, text: 'January 2' });
    expect(protests?.citation.date).toBe('2022-01-13');
  });

  it('quotes a sentence that leans on the one before it together with that one', () => {
    const arrests = summarizeCorpus(seed).lines.find((line) => line.quote.includes('12,000'));
    expect(arrests?.quote).toMatch(/^Kazakhstan was rocked last week .* It left dozens dead/);
    for (const corpus of [seed, unrest, kazakhstan]) {
      for (const line of summarizeCorpus(corpus, { length: 'long' }).lines) {
        // Only a paragraph's first sentence has nothing before it to bring along.
        if (/^(It|They|He|She|This|These|Those)\s/.test(line.quote)) expect(line.highlight.start).toBe(0);
      }
    }
  });

  it('draws on several articles of a multi-article corpus', () => {
    const sources = new Set(summarizeCorpus(unrestIndex).lines.map((line) => line.citation.docId));
    expect(sources.size).toBeGreaterThanOrEqual(4);
  });

  it('leaves out fragments and quotations that do not say who is speaking', () => {
    const corpus = corpusFrom({
      'curfew.md': markdownArticle(
        { title: 'Almaty curfew eased', source: 'Steppe Herald', date: '2022-01-12' },
        [
          'The city administration eased the overnight curfew in Almaty on Wednesday, allowing shops to stay open until eight in the evening.',
          '“We will not let this happen again, never, whatever it takes from all of us.”',
          'Until then, calm.',
          'Residents said public transport had resumed on the main routes, though the metro remained closed for repairs.',
        ].join('\n\n'),
      ),
    });
    const quotes = summarizeCorpus(corpus, { length: 'long' }).lines.map((line) => line.quote);
    expect(quotes.length).toBe(2);
    expect(quotes.join('\n')).not.toMatch(/We will not let this happen again|Until then, calm/);
  });
});

describe('a briefing on a topic', () => {
  it('keeps only sentences about the topic', () => {
    const briefing = summarizeCorpus(unrestIndex, { topic: 'internet', length: 'long' });
    expect(briefing.found).toBe(true);
    expect(briefing.topic).toBe('internet');
    expect(briefing.lines.length).toBeGreaterThanOrEqual(3);
    for (const line of briefing.lines) {
      expectVerbatimAndCited(unrest, line);
      expect(line.quote).toMatch(/internet|online/i);
    }
    const overall = summarizeCorpus(unrestIndex, { length: 'long' }).lines.map((line) => line.quote);
    expect(briefing.lines.some((line) => !overall.includes(line.quote))).toBe(true);
  });

  it('finds the topic under the acronym the article defines', () => {
    const { lines } = summarizeCorpus(seed, { topic: 'CSTO' });
    expect(lines.map((line) => line.citation.paragraph).sort()).toEqual([2, 4]);
  });

  it('says plainly when nothing in the corpus is about the topic', () => {
    for (const topic of ['Eurovision song contest', 'football transfer window']) {
      const briefing = summarizeCorpus(unrestIndex, { topic });
      expect(briefing).toMatchObject({ found: false, lines: [], topic });
      expect(briefing.reason).toBe(`No passages about “${topic}” in the corpus.`);
    }
  });

  it('explains a topic made only of common words', () => {
    const briefing = summarizeCorpus(unrestIndex, { topic: 'what about the' });
    expect(briefing.found).toBe(false);
    expect(briefing.reason).toMatch(/no words to search for/);
  });
});

describe('a summary of one article', () => {
  it('sums it up in three of its own lines, in the order of events', () => {
    for (const document of unrest.documents) {
      const lines = summarizeDocument(document, unrestIndex, 3);
      expect(lines.length).toBe(Math.min(3, lines.length));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines) {
        expect(line.citation.docId).toBe(document.id);
        expectVerbatimAndCited(unrest, line);
      }
      const moments = lines.map(momentOf);
      expect(moments).toEqual([...moments].sort());
    }
  });

  it('opens with the article’s lead when the lead is what the rest is about', () => {
    const document = unrest.documents.find((candidate) => candidate.id === 'last-planes-leave');
    if (!document) throw new Error('fixture missing');
    const quotes = summarizeDocument(document, unrestIndex, 2).map((line) => line.quote);
    expect(quotes).toContain(
      'The last soldiers of the Russian-led alliance left Kazakhstan on Wednesday, ending a mission that lasted less than two weeks.',
    );
  });
});
