import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import { chatInputInteraction, type OptionValues } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { callbackType, isEphemeral, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';
import { fixtureDir, MENTIONS_DIR } from './fixtureAnswers.ts';
import { descriptions, expectVerbatimAndCited, quotedLines, rendered } from './summaryLines.ts';

/** Seven articles on the unrest, from the fuel protests to the last troops leaving; two have URLs. */
const UNREST_DIR = fixtureDir('summary-unrest');

let bot: TestBot;
let corpus: Corpus;

beforeAll(async () => {
  corpus = await loadCorpus(UNREST_DIR);
  bot = await startTestBot({ corpusDir: UNREST_DIR });
});
afterAll(() => bot?.stop());

async function summary(options: OptionValues = {}): Promise<{ type?: number; message?: SentMessage }> {
  const responses = await bot.interact(chatInputInteraction({ name: 'summary', options }));
  const [response] = responses;
  return { type: callbackType(responses), message: response && sentMessage(response) };
}

describe('/summary', () => {
  it('posts a briefing for the whole channel by default, with mentions off', async () => {
    const { type, message } = await summary();
    expect(type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(message)).toBe(false);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    expect(message?.embeds?.[0]?.title).toBe('Briefing of the event');
    expect(bot.fake.messages().at(-1)?.embeds[0]?.title).toBe('Briefing of the event');
  });

  it('shows the briefing only to the person who asked when private is set', async () => {
    const { type, message } = await summary({ private: true });
    expect(type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(message)).toBe(true);
    expect(quotedLines(message).length).toBeGreaterThan(0);
  });

  it('quotes every line word for word from the paragraph its citation names, linked when the article has a URL', async () => {
    const { message } = await summary({ length: 'long' });
    const lines = quotedLines(message);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) expectVerbatimAndCited(corpus, line);
    expect(lines.some((line) => line.url?.startsWith('https://'))).toBe(true);
    expect(new Set(lines.map((line) => line.title)).size).toBeGreaterThan(2);
  });

  it('gives about 3, 6 or 12 lines for short, medium and long', async () => {
    const counts: Record<string, number> = {};
    for (const length of ['short', 'medium', 'long']) {
      const { message } = await summary({ length });
      counts[length] = quotedLines(message).length;
      expect(message?.embeds?.at(-1)?.footer?.text).toMatch(
        new RegExp(`^${length} · ${counts[length]} lines`),
      );
      expect(limitViolations((message ?? {}) as ReplyMessage)).toEqual([]);
    }
    expect(counts.short).toBe(3);
    expect(counts.medium).toBe(6);
    expect(counts.long).toBeGreaterThan(counts.medium ?? 0);
    expect(counts.long).toBeLessThanOrEqual(12);
  });

  it('keeps the lines in the order the events happened', async () => {
    const { message } = await summary({ length: 'long' });
    const text = rendered(descriptions(message));
    const positions = [
      'doubled on January 1',
      'accepted the resignation of the government on Wednesday',
      'began its withdrawal from Kazakhstan',
      'The last soldiers of the Russian-led alliance left Kazakhstan',
    ].map((words) => text.indexOf(words));
    expect(positions.every((position) => position > -1)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('narrows the briefing to a topic', async () => {
    const { message } = await summary({ topic: 'banks', length: 'short' });
    const lines = quotedLines(message);
    expect(lines.length).toBeGreaterThan(0);
    expect(message?.embeds?.[0]?.title).toBe('Briefing: “banks”');
    for (const line of lines) {
      expectVerbatimAndCited(corpus, line);
      expect(line.quote).toMatch(/bank/i);
    }
    const everything = quotedLines((await summary({ length: 'short' })).message).map((line) => line.quote);
    expect(lines.map((line) => line.quote)).not.toEqual(everything);
  });

  it('says privately that nothing in the corpus is about an unknown topic', async () => {
    const { type, message } = await summary({ topic: 'volcano eruption' });
    expect(type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(message)).toBe(true);
    expect(message?.content).toMatch(/volcano eruption/);
    expect(message?.content).toMatch(/Try another topic/);
    expect(message?.embeds ?? []).toEqual([]);
  });

  it('makes a topic full of mentions inert in the title and pings nobody', async () => {
    const { message } = await summary({ topic: '@everyone banks <@&1100000000000000006>', length: 'short' });
    const text = visibleText(message);
    expect(text).not.toMatch(/@everyone|<@&\d+>/);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses a topic without words', async () => {
    const { message } = await summary({ topic: '?!' });
    expect(isEphemeral(message)).toBe(true);
    expect(message?.content).toBe('Give the topic in words, e.g. "internet shutdown".');
  });
});

describe('mention safety in summaries', () => {
  let mentionsBot: TestBot;
  beforeAll(async () => {
    // An article quoting chat posts: @everyone, @here, a user mention and a role mention in its sentences.
    mentionsBot = await startTestBot({ corpusDir: MENTIONS_DIR });
  });
  afterAll(() => mentionsBot?.stop());

  it('quotes sentences full of mentions with every mention inert and pings nobody', async () => {
    const sent: SentMessage[] = [];
    for (const [name, options] of [
      ['summary', { length: 'long' }],
      ['timeline', {}],
    ] as const) {
      const [response] = await mentionsBot.interact(chatInputInteraction({ name, options }));
      const message = response && sentMessage(response);
      if (message) sent.push(message);
    }
    const text = sent.map(visibleText).join('\n');
    expect(rendered(text)).toMatch(/@everyone meet at Republic Square/);
    expect(rendered(text)).toMatch(/<@&998877665544332211>/);
    expect(text).not.toMatch(/@everyone|@here|<@&?\d+>/);
    for (const message of sent) expect(message.allowed_mentions).toEqual({ parse: [] });
  });
});
