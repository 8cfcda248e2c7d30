import { beforeAll, describe, expect, it } from 'vitest';
import { quoteOf } from '../../src/answer/citation.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { CorpusDocument } from '../../src/corpus/types.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import { renderBriefing } from '../../src/discord/render/renderBriefing.ts';
import { renderTimeline, timelinePages } from '../../src/discord/render/renderTimeline.ts';
import type { Briefing, SummaryLine, Timeline, TimelineEvent } from '../../src/summary/types.ts';
import type { SentMessage } from './discordBodies.ts';
import { LONG_PASSAGE_DIR } from './fixtureAnswers.ts';
import { descriptions, quotedLines } from './summaryLines.ts';

let statement: CorpusDocument;

beforeAll(async () => {
  const corpus = await loadCorpus(LONG_PASSAGE_DIR);
  statement = corpus.documents[0] as CorpusDocument;
});

/** Lines quoting whole paragraphs of the long statement to parliament: far longer than any core line. */
function paragraphLines(count: number): SummaryLine[] {
  const passages = statement.passages;
  return Array.from({ length: count }, (_, i) => {
    const passage = passages[i % passages.length] ?? passages[0];
    if (!passage) throw new Error('the fixture has no paragraphs');
    return quoteOf(statement, passage, { start: passage.start, end: passage.end }, 1);
  });
}

function paragraphOf(line: { paragraph: number }): string {
  const passage = statement.passages.find((each) => each.paragraph === line.paragraph);
  return statement.text.slice(passage?.start ?? 0, passage?.end ?? 0).replace(/\s+/g, ' ');
}

describe('briefings within Discord’s limits', () => {
  it('fits twelve very long lines by continuing in a second embed and cutting quotes visibly, never silently', () => {
    const briefing: Briefing = { length: 'long', found: true, lines: paragraphLines(12), candidates: 12 };
    const reply = renderBriefing(briefing);
    const message = reply as SentMessage;
    expect(limitViolations(reply)).toEqual([]);
    expect(message.embeds?.length).toBeGreaterThan(1);
    const lines = quotedLines(message);
    expect(lines.map((_, i) => i + 1)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(descriptions(message)).toMatch(/\*\*12\.\*\* /);
    expect(lines.some((line) => line.cut)).toBe(true);
    for (const line of lines) expect(paragraphOf(line)).toContain(line.quote);
    expect(message.embeds?.at(-1)?.footer?.text).toMatch(/^long · 12 lines/);
  });

  it('leaves out and counts the lines that cannot fit even when cut short', () => {
    const briefing: Briefing = { length: 'long', found: true, lines: paragraphLines(40), candidates: 40 };
    const reply = renderBriefing(briefing);
    const message = reply as SentMessage;
    expect(limitViolations(reply)).toEqual([]);
    const shown = quotedLines(message).length;
    expect(shown).toBeLessThan(40);
    expect(message.embeds?.at(-1)?.footer?.text).toContain(`${40 - shown} more not shown`);
  });
});

describe('timeline pages within Discord’s limits', () => {
  it('spreads many long events over pages that each fit, in order, none lost', () => {
    const events: TimelineEvent[] = paragraphLines(50).map((line, i) => ({
      ...line,
      event: {
        date: `2022-01-${String((i % 28) + 1).padStart(2, '0')}`,
        precision: 'day',
        approximate: i % 3 === 0,
        upcoming: false,
        text: 'January',
      },
    }));
    const timeline: Timeline = { found: true, events };
    const pages = timelinePages(timeline);
    expect(pages.flat()).toEqual(events.map((_, i) => i));
    for (let page = 0; page < pages.length; page++) {
      const message = renderTimeline({ timeline, page, pageId: (n) => `timeline:page:key:${n}` });
      expect(limitViolations(message)).toEqual([]);
      expect(message.embeds?.[0]?.footer?.text).toMatch(
        new RegExp(`^Page ${page + 1} of ${pages.length} · 50 dated events`),
      );
    }
  });
});
