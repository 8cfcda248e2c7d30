import { readFileSync } from 'node:fs';
import { type APIMessage, type APIUser, InteractionResponseType, MessageType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../src/summary/types.ts';
import {
  botUser,
  chatInputInteraction,
  defaultUser,
  fakeIds,
  message,
  type OptionValues,
  user,
} from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { CHANNEL_MESSAGES } from '../summary/summaryFixtures.ts';
import { callbackType, isEphemeral, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';
import { descriptions, rendered } from './summaryLines.ts';

const MINUTE = 60_000;

/** People of the channel, each named differently: by global display name, by username only, by nickname. */
const people: Record<string, APIUser> = {
  Aigerim: user({ username: 'aigerim_k', global_name: 'Aigerim' }),
  Marat: user({ username: 'marat.b' }),
  'dana.s': user({ username: 'dana.s' }),
  Yerlan: user({ username: 'yerlan', global_name: 'Yerlan' }),
  Kuat: user({ username: 'kuat' }),
  Sasha: user({ username: 'sasha', global_name: 'Sasha' }),
  Nurlan: user({ username: 'nurlan', global_name: 'Nurlan' }),
};
const NICKNAME = 'Gulnara (mod)';
const newsFeed = user({ username: 'News Feed', bot: true });

/** The name a reader of the channel sees for each person. */
const shownName = (author: APIUser) =>
  author.id === defaultUser.id ? NICKNAME : (author.global_name ?? author.username);

/**
 * The fixture discussion (users, bots, commands, chatter, a repeated claim, a long message) an hour and a
 * half ago, one message a minute, as Discord stores it; bots post as the bot or a webhook.
 */
function discussion(start: number): APIMessage[] {
  const fixture = JSON.parse(readFileSync(CHANNEL_MESSAGES, 'utf8')) as ChannelMessage[];
  return fixture.map((entry, i) => {
    const at = start + i * MINUTE;
    if (entry.authorName === 'Dossier') return message({ at, author: botUser, content: entry.content });
    if (entry.isBot)
      return message({ at, author: newsFeed, content: entry.content, webhook_id: '1100000000000000099' });
    return message({
      at,
      author: people[entry.authorName] ?? user({ username: entry.authorName }),
      content: entry.content,
    });
  });
}

/**
 * Three messages of the last ten minutes, one by each way a person can be named (server nickname, display
 * name, username), each with a mention in it.
 */
function recentClaims(start: number): APIMessage[] {
  const claims: Array<[APIUser, string]> = [
    [defaultUser, '@everyone the Russian-led contingent began its withdrawal from Kazakhstan on Thursday'],
    [
      people.Aigerim as APIUser,
      '<@1100000000000000004> Serdiukov commanded 2,030 soldiers from five countries',
    ],
    [
      people.Marat as APIUser,
      '<@&1100000000000000006> Massimov was arrested for high treason on Saturday @here',
    ],
  ];
  return claims.map(([author, content], i) => message({ at: start + i * MINUTE, author, content }));
}

let bot: TestBot;
let seeded: Map<string, APIMessage>;

beforeAll(async () => {
  bot = await startTestBot({ env: { ENABLE_CHANNEL_DIGEST: 'true' } });
  const now = Date.now();
  const messages = [
    message({ at: now - 120 * MINUTE, author: people.Kuat as APIUser, type: MessageType.UserJoin }),
    ...discussion(now - 100 * MINUTE),
    ...recentClaims(now - 8 * MINUTE),
  ];
  bot.fake.seedMessages(messages);
  seeded = new Map(messages.map((each) => [each.id, each]));
});
afterAll(() => bot?.stop());

/** Runs /digest, as the member known by a nickname, and returns the deferral and the message that replaced it. */
async function digest(options: OptionValues = {}): Promise<{ deferral?: number; message?: SentMessage }> {
  const payload = chatInputInteraction({ name: 'digest', options });
  if (payload.member) payload.member.nick = NICKNAME;
  const responses = await bot.interact(payload, 2);
  const flags = (responses[0]?.body as { data?: { flags?: number } } | undefined)?.data?.flags;
  const edit = responses[1] && sentMessage(responses[1]);
  return { deferral: callbackType(responses), message: edit && { ...edit, ...(flags ? { flags } : {}) } };
}

interface DigestEntry {
  name: string;
  url: string;
  messageId: string;
  quote: string;
  source?: string;
}

function entries(sent: SentMessage | undefined): DigestEntry[] {
  const blocks = descriptions(sent).split('\n\n').slice(1);
  return blocks.map((block) => {
    const match =
      /^\*\*(.+?)\*\* · <t:\d+:t> · \[jump to message\]\((\S+)\)\n> (.+?)(?:\n↳ Sources: (.+))?$/s.exec(
        block,
      );
    expect(match, `not a digest line: ${block}`).not.toBeNull();
    const url = match?.[2] ?? '';
    return {
      name: rendered(match?.[1] ?? ''),
      url,
      messageId: url.split('/').at(-1) ?? '',
      quote: match?.[3] ?? '',
      ...(match?.[4] ? { source: match[4] } : {}),
    };
  });
}

describe('/digest', () => {
  it('defers, then posts the key messages in the channel with their authors’ names and jump links', async () => {
    const { deferral, message: sent } = await digest();
    expect(deferral).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(sent)).toBe(false);
    expect(sent?.allowed_mentions).toEqual({ parse: [] });
    const lines = entries(sent);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const original = seeded.get(line.messageId);
      expect(original, `the link ${line.url} names no message of the channel`).toBeDefined();
      if (!original) continue;
      expect(line.url).toBe(
        `https://discord.com/channels/${fakeIds.guild}/${fakeIds.channel}/${original.id}`,
      );
      expect(line.name).toBe(shownName(original.author));
    }
    const times = lines.map((line) => BigInt(line.messageId));
    expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('names people by server nickname, else display name, else username', async () => {
    const { message: sent } = await digest({ since: '10m' });
    expect(entries(sent).map((line) => line.name)).toEqual([NICKNAME, 'Aigerim', 'marat.b']);
  });

  it('skips messages from bots and webhooks, commands and join notices, and says how many', async () => {
    const { message: sent } = await digest({ messages: 60 });
    for (const line of entries(sent)) {
      const original = seeded.get(line.messageId) as APIMessage;
      expect(original.author.bot ?? false).toBe(false);
      expect(original.webhook_id).toBeUndefined();
      expect(original.content).not.toMatch(/^[!/]/);
    }
    const intro = descriptions(sent).split('\n\n')[0] ?? '';
    expect(intro).toMatch(/left out: \d+ from bots, 2 commands, 2 too short/);
    expect(intro).toContain(`<#${fakeIds.channel}>`);
  });

  it('puts the sources beside a claim the corpus matches', async () => {
    const { message: sent } = await digest({ messages: 60 });
    const sourced = entries(sent).filter((line) => line.source);
    expect(sourced.length).toBeGreaterThan(0);
    for (const line of sourced) {
      expect(line.source).toMatch(
        /— \*Russian-led contingent begins its withdrawal from Kazakhstan\* · 2022-01-13 · ¶\d+$/,
      );
    }
  });

  it('quotes messages full of mentions with every mention inert, and pings nobody', async () => {
    const { message: sent } = await digest({ since: '10m' });
    const lines = entries(sent);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const original = seeded.get(line.messageId) as APIMessage;
      expect(Date.parse(original.timestamp)).toBeGreaterThan(Date.now() - 10 * MINUTE);
      expect(original.content).toMatch(/@everyone|@here|<@[!&]?\d+>/);
      expect(rendered(line.quote)).toBe(original.content);
    }
    const text = visibleText(sent);
    expect(text).not.toMatch(/@everyone|@here|<@[!&]?\d+>/);
    expect(sent?.allowed_mentions).toEqual({ parse: [] });
    expect(descriptions(sent)).toContain('from the past 10m');
  });

  it('shows the digest only to the person who asked when private is set', async () => {
    const before = bot.fake.messages().length;
    const { deferral, message: sent } = await digest({ private: true, since: '2h' });
    expect(deferral).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(sent)).toBe(true);
    expect(entries(sent).length).toBeGreaterThan(0);
    expect(bot.fake.messages().length).toBe(before);
  });

  it('is offered in /about once the settings turn it on', async () => {
    const [response] = await bot.interact(chatInputInteraction({ name: 'about', options: {} }));
    expect(visibleText(response && sentMessage(response))).toContain('`/digest`');
  });

  it('reads a long channel a hundred messages at a time, up to the number asked for', async () => {
    const from = bot.fake.requests.length;
    await digest({ messages: 200 });
    const reads = bot.fake.requests
      .slice(from)
      .filter(
        (request) => request.method === 'GET' && request.path === `/channels/${fakeIds.channel}/messages`,
      );
    expect(reads[0]?.query.limit).toBe('100');
    // The channel holds fewer than 100 messages: one read shows the whole history.
    expect(reads).toHaveLength(1);
  });
});
