import { resolve } from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { type APIMessage, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.ts';
import { fakeIds, message, messageContextMenuInteraction, user } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { callbackType, isEphemeral, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';
import { loadFixture } from './fixtureAnswers.ts';
import { rendered } from './summaryLines.ts';

const COMMAND = 'Check against sources';
const TITLE = 'Russian-led contingent begins its withdrawal from Kazakhstan';
/** The seed article's third paragraph: one sentence, on the contingent and its commander. */
const SERDIUKOV =
  '“The peacekeeping operation is over (…), the tasks have been accomplished,” said Russian General Andrei Serdiukov, commander of the contingent made up of 2,030 Russian, Belarusian, Armenian, Tajik and Kyrgyz soldiers.';
const NO_WORDS = 'This message has no words to check: only its text is compared with the sources.';
/** Mentions Discord would render, and ping without allowed_mentions. */
const LIVE_MENTION = /@everyone|@here|<@[!&]?\d+>|<#\d+>/;

const aigerim = user({ username: 'aigerim_k', global_name: 'Aigerim' });

let bot: TestBot;
let seed: Corpus;

// Channel digests stay off: the command needs neither the Message Content intent nor the channel's history.
beforeAll(async () => {
  bot = await startTestBot();
  seed = await loadFixture(resolve('corpus'));
});
afterAll(() => bot?.stop());

/** Uses the command on `target` and returns the one response, with the requests the bot made meanwhile. */
async function check(target: APIMessage) {
  const from = bot.fake.requests.length;
  const responses = await bot.interact(
    messageContextMenuInteraction({ name: COMMAND, targetMessage: target }),
  );
  const reply = responses[0] && sentMessage(responses[0]);
  expect(callbackType(responses)).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(isEphemeral(reply)).toBe(true);
  expect(reply?.allowed_mentions).toEqual({ parse: [] });
  return { reply, requests: bot.fake.requests.slice(from) };
}

interface CheckedMessage {
  quote: string;
  author: string;
  link: string;
}

interface Match {
  /** The passage as shown, Markdown and all. */
  passage: string;
  /** The parts in bold, as a reader sees them. */
  bold: string[];
  title: string;
  source: string;
  date: string;
  paragraph: number;
  shares: string[];
}

/** Reads the reply's description: the message checked, then each numbered passage with its citation. */
function parse(reply: SentMessage | undefined): { checked: CheckedMessage; rest: string[] } {
  const [head = '', ...rest] = (reply?.embeds?.[0]?.description ?? '').split('\n\n');
  const match = /^> (.+)\n— \*\*(.+)\*\* · \[jump to message\]\((\S+)\)$/s.exec(head);
  expect(match, `not the checked message: ${head}`).not.toBeNull();
  return {
    checked: { quote: match?.[1] ?? '', author: rendered(match?.[2] ?? ''), link: match?.[3] ?? '' },
    rest,
  };
}

function matches(blocks: string[]): Match[] {
  return blocks.map((block, i) => {
    const match =
      /^\*\*(\d+)\.\*\* (.+)\n— \*(.+)\* · (.+) · (\d{4}-\d{2}-\d{2}) · ¶(\d+)\n\*Shares:\* (.+)$/s.exec(
        block,
      );
    expect(match, `not a cited passage: ${block}`).not.toBeNull();
    expect(match?.[1]).toBe(String(i + 1));
    const passage = match?.[2] ?? '';
    return {
      passage,
      bold: [...passage.matchAll(/\*\*(.+?)\*\*/g)].map((each) => rendered(each[1] ?? '')),
      title: rendered(match?.[3] ?? ''),
      source: match?.[4] ?? '',
      date: match?.[5] ?? '',
      paragraph: Number(match?.[6]),
      shares: (match?.[7] ?? '').split(', ').map(rendered),
    };
  });
}

/** The text of a paragraph of the seed article, as stored. */
function paragraphText(paragraph: number): string {
  const document = seed.documents.find((each) => each.title === TITLE);
  const passage = document?.passages.find((each) => each.paragraph === paragraph);
  expect(passage, `the seed article has no ¶${paragraph}`).toBeDefined();
  return document?.text.slice(passage?.start ?? 0, passage?.end ?? 0) ?? '';
}

/** Every passage shown is a word-for-word slice of the paragraph its citation names. */
function expectVerbatim(match: Match): void {
  const shown = rendered(match.passage).replace(/^… /, '').replace(/ ?…$/, '');
  expect(shown.length).toBeGreaterThan(40);
  expect(paragraphText(match.paragraph)).toContain(shown);
}

describe('Check against sources', () => {
  it('quotes the passage a claim matches word for word, its sentence in bold, with its citation', async () => {
    const target = message({
      author: aigerim,
      content: 'General Andrei Serdiukov commanded a contingent of 2,030 soldiers from five countries',
    });
    const { reply } = await check(target);
    const embed = reply?.embeds?.[0];
    expect(embed?.title).toBe('What the sources say about this message');
    const { checked, rest } = parse(reply);
    expect(checked).toEqual({
      quote: target.content,
      author: 'Aigerim',
      link: `https://discord.com/channels/${fakeIds.guild}/${fakeIds.channel}/${target.id}`,
    });
    const found = matches(rest);
    expect(found[0]).toMatchObject({
      bold: [SERDIUKOV],
      title: TITLE,
      source: 'AFP',
      date: '2022-01-13',
      paragraph: 3,
    });
    expect(found[0]?.shares).toEqual(
      expect.arrayContaining(['Serdiukov', '2,030', 'soldiers', 'contingent']),
    );
    for (const match of found) {
      expectVerbatim(match);
      expect(match.bold).toHaveLength(1);
      expect(paragraphText(match.paragraph)).toContain(match.bold[0]);
    }
    expect(embed?.footer?.text).toBe(
      'Passages that share the message’s words, quoted word for word; read them to judge whether they support it.',
    );
  });

  it('works from the message in the interaction, without the Message Content intent or the channel', async () => {
    expect((bot.fake.identifies()[0]?.intents ?? 0) & GatewayIntentBits.MessageContent).toBe(0);
    const target = message({
      author: aigerim,
      content:
        'So the contingent began its withdrawal from Kazakhstan on Thursday, after the ceremony in Almaty?',
    });
    const before = bot.fake.messages().length;
    const { reply, requests } = await check(target);
    expect(matches(parse(reply).rest).length).toBeGreaterThan(0);
    // Nothing read from the channel and nothing posted in it: the reply is the callback alone.
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      expect.stringMatching(/^POST \/interactions\/\d+\/[^/]+\/callback$/),
    ]);
    expect(bot.fake.messages()).toHaveLength(before);
  });

  it('says plainly that nothing in the corpus bears on a message about something else', async () => {
    const target = message({
      author: aigerim,
      content: 'Has anyone got a good pizza dough recipe? Mine keeps burning at 250 degrees',
    });
    const { reply } = await check(target);
    const { checked, rest } = parse(reply);
    expect(checked.quote).toBe(target.content);
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatch(/^\*\*Nothing in the corpus bears on this message\.\*\*/);
    // The headline says it once; what follows says why.
    expect(rest[0]?.match(/Nothing in the corpus bears on this/g)).toHaveLength(1);
    expect(visibleText(reply)).not.toContain('¶');
    expect(visibleText(reply)).not.toContain(TITLE);
    expect(reply?.embeds?.[0]?.footer?.text).toBe(
      'Dossier only quotes its articles; it never guesses whether a claim is true.',
    );
  });

  it('shows the mentions of the message inert and pings nobody, still matching its claim', async () => {
    const target = message({
      // A display name can hold a mention too.
      author: user({ username: 'yerlan', global_name: 'Yerlan @everyone' }),
      content:
        '@everyone <@1100000000000000004> General Serdiukov said the contingent of 2,030 soldiers is leaving @here <@&1100000000000000006>',
      mention_everyone: true,
    });
    const { reply } = await check(target);
    const text = visibleText(reply);
    expect(text).not.toMatch(LIVE_MENTION);
    const { checked, rest } = parse(reply);
    expect(rendered(checked.quote)).toBe(target.content);
    expect(checked.quote).toContain('@\u200beveryone <\u200b@1100000000000000004>');
    expect(checked.quote).toContain('@\u200bhere <\u200b@&1100000000000000006>');
    expect(checked.author).toBe('Yerlan @everyone');
    expect(matches(rest)[0]).toMatchObject({ bold: [SERDIUKOV], paragraph: 3 });
  });

  it.each([
    ['only emoji', { content: '🇰🇿🔥🙏' }],
    ['only a server emoji', { content: '<:kz_flag:1100000000000000042> <a:party:1100000000000000043>' }],
    [
      'only an attachment',
      {
        content: '',
        attachments: [
          {
            id: '1100000000000000777',
            filename: 'almaty-airport.jpg',
            size: 284_113,
            url: 'https://cdn.discordapp.com/attachments/1100000000000000003/1100000000000000777/almaty-airport.jpg',
            proxy_url:
              'https://media.discordapp.net/attachments/1100000000000000003/1100000000000000777/almaty-airport.jpg',
            content_type: 'image/jpeg',
          },
        ],
      },
    ],
  ])('says a message with %s has no words to check', async (_, overrides: Partial<APIMessage>) => {
    const { reply } = await check(message({ author: aigerim, ...overrides }));
    expect(reply?.content).toBe(NO_WORDS);
    expect(reply?.embeds ?? []).toEqual([]);
  });
});
