import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import { buttonInteraction, chatInputInteraction, type OptionValues, user } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import {
  buttons,
  callbackType,
  isEphemeral,
  messageCarrying,
  type SentMessage,
  sentMessage,
} from './discordBodies.ts';
import { fixtureDir } from './fixtureAnswers.ts';
import { descriptions, expectVerbatimAndCited, quotedLines, rendered } from './summaryLines.ts';

const UNREST_DIR = fixtureDir('summary-unrest');

let bot: TestBot;
let corpus: Corpus;

beforeAll(async () => {
  corpus = await loadCorpus(UNREST_DIR);
  bot = await startTestBot({ corpusDir: UNREST_DIR });
});
afterAll(() => bot?.stop());

async function timeline(options: OptionValues = {}): Promise<{ type?: number; message?: SentMessage }> {
  const responses = await bot.interact(chatInputInteraction({ name: 'timeline', options }));
  const [response] = responses;
  return { type: callbackType(responses), message: response && sentMessage(response) };
}

/** Each event's date label, in the order shown: `2022-01-13`, `≈ week of 2022-01-06`. */
function dates(message: SentMessage | undefined): string[] {
  return [...descriptions(message).matchAll(/^\*\*([^*]+)\*\* · /gm)].map((match) => match[1] as string);
}

/** The sortable day of a label: the date itself, or the first day it stands for. */
function day(label: string): string {
  const year = /^≈ (\d{4})$/.exec(label);
  return year ? `${year[1]}-01-01` : (/\d{4}-\d{2}-\d{2}/.exec(label)?.[0] ?? label);
}

async function allPages(first: SentMessage | undefined): Promise<SentMessage[]> {
  const pages = [first as SentMessage];
  for (let next = buttons(first).get('Next ▶'); next && !next.disabled; ) {
    const current = pages.at(-1) as SentMessage;
    const payload = buttonInteraction({
      customId: next.customId ?? '',
      message: messageCarrying(bot.fake, current),
    });
    const [response] = await bot.interact(payload);
    expect(callbackType(response ? [response] : [])).toBe(InteractionResponseType.UpdateMessage);
    const page = response && sentMessage(response);
    pages.push(page as SentMessage);
    next = buttons(page).get('Next ▶');
  }
  return pages;
}

describe('/timeline', () => {
  it('lists the dated events in the channel, each with its date resolved against its article', async () => {
    const { type, message } = await timeline();
    expect(type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(message)).toBe(false);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const text = descriptions(message);
    // "on Sunday" in an article of Tuesday 2022-01-04 is 2022-01-02; "January 1" is 2022-01-01.
    expect(text).toMatch(
      /\*\*2022-01-02\*\* · “Protests that began in the western oil town of Zhanaozen \*\*on Sunday\*\*/,
    );
    expect(text).toMatch(/\*\*2022-01-01\*\* · “[^\n]*doubled on \*\*January 1\*\*/);
    // "yesterday evening" in an article of 2022-01-05.
    expect(text).toMatch(
      /\*\*2022-01-04\*\* · “Police had detained more than 200 people by \*\*yesterday evening\*\*/,
    );
  });

  it('marks approximate dates and pages through every event in order, each quoted verbatim with its citation', async () => {
    const { message } = await timeline();
    const pages = await allPages(message);
    expect(pages.length).toBeGreaterThan(1);
    const labels = pages.flatMap(dates);
    expect(labels).toContain('≈ 2011');
    // "last week" in the AFP article of Thursday 2022-01-13.
    expect(labels).toContain('≈ week of 2022-01-06');
    const text = pages.map((page) => rendered(descriptions(page))).join('\n');
    expect(text).toMatch(/≈ week of 2022-01-06 · “Kazakhstan was rocked last week by violence/);
    expect(labels.map(day)).toEqual([...labels.map(day)].sort());
    for (const page of pages) {
      expect(limitViolations(page as ReplyMessage)).toEqual([]);
      for (const line of quotedLines(page)) expectVerbatimAndCited(corpus, line);
    }
    const footer = pages[0]?.embeds?.[0]?.footer?.text ?? '';
    expect(footer).toMatch(new RegExp(`^Page 1 of ${pages.length} · ${labels.length} dated events`));
  });

  it('marks a date still ahead when the article was published', async () => {
    const pages = await allPages((await timeline()).message);
    const text = pages.map((page) => rendered(descriptions(page))).join('\n');
    // "would run … from Thursday" in an article of Tuesday 2022-01-11 looks ahead, to 2022-01-13.
    expect(text).toMatch(
      /^2022-01-13 \(still ahead\) · “The mayor's office said public transport would run/m,
    );
    expect(text).toMatch(
      /^2022-01-19 \(still ahead\) · “The last planes carrying Russian paratroopers are expected/m,
    );
  });

  it('narrows the events to a topic', async () => {
    const all = (await allPages((await timeline()).message)).flatMap(quotedLines);
    const { message } = await timeline({ topic: 'Massimov' });
    const lines = quotedLines(message);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(all.length);
    expect(message?.embeds?.[0]?.title).toBe('Timeline: “Massimov”');
    for (const line of lines) expect(line.quote).toMatch(/Massimov|security service|treason/);
  });

  it('says privately when no event is about the topic', async () => {
    const { message } = await timeline({ topic: 'hockey tickets' });
    expect(isEphemeral(message)).toBe(true);
    expect(message?.content).toMatch(/hockey tickets/);
  });

  it('gives someone else who presses Next a private copy, leaving the channel’s page as it is', async () => {
    const { message } = await timeline();
    const next = buttons(message).get('Next ▶')?.customId ?? '';
    const payload = buttonInteraction({
      customId: next,
      message: messageCarrying(bot.fake, message as SentMessage),
      user: user({ username: 'another' }),
    });
    const [response] = await bot.interact(payload);
    expect(callbackType(response ? [response] : [])).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(response && sentMessage(response))).toBe(true);
  });
});
