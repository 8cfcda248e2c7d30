import { readFileSync } from 'node:fs';
import {
  type APIMessage,
  type APIUser,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelMessage } from '../../src/summary/types.ts';
import type { RecordedRequest } from '../../support/fakeDiscord.ts';
import {
  botPermissions,
  botUser,
  chatInputInteraction,
  fakeIds,
  message,
  type OptionValues,
  user,
} from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { CHANNEL_MESSAGES } from '../summary/summaryFixtures.ts';
import { callbackType, isEphemeral, type SentMessage, sentMessage } from './discordBodies.ts';

const MINUTE = 60_000;
const HISTORY = `/channels/${fakeIds.channel}/messages`;

/** The intent step, as the refusals word it: where in the Developer Portal the switch is. */
const INTENT_STEP =
  'turn on **Message Content Intent** in the Discord Developer Portal → your application → **Bot** → *Privileged Gateway Intents*';

const readRefusal = (names: string, noun: string, pronoun: string) =>
  `Dossier can't read this channel's history: it lacks the ${names} ${noun} here. A server admin can allow ${pronoun} for Dossier's role in the channel's settings → *Permissions*. Nothing was posted.`;
const BOTH_MISSING = readRefusal('**View Channel** and **Read Message History**', 'permissions', 'them');

/** One user per name in the fixture discussion. */
const people = new Map<string, APIUser>();
const person = (name: string) => {
  const known = people.get(name) ?? user({ username: name.toLowerCase(), global_name: name });
  people.set(name, known);
  return known;
};

/**
 * The fixture discussion of the withdrawal, one message a minute from `start`, as Discord sends it; with
 * `withheld`, as Discord sends it to an app without the Message Content intent: people's messages come back
 * without text, embeds or attachments, except the app's own posts and a message that mentions the app.
 */
function discussion(start: number, options: { withheld?: boolean } = {}): APIMessage[] {
  const fixture = JSON.parse(readFileSync(CHANNEL_MESSAGES, 'utf8')) as ChannelMessage[];
  const messages = fixture.map((entry, i) => {
    const at = start + i * MINUTE;
    if (entry.authorName === 'Dossier') return message({ at, author: botUser, content: entry.content });
    const author = entry.isBot ? user({ username: entry.authorName, bot: true }) : person(entry.authorName);
    return message({ at, author, content: options.withheld ? '' : entry.content });
  });
  const mentionsDossier = message({
    at: start + fixture.length * MINUTE,
    author: person('Aigerim'),
    content: `<@${botUser.id}> is the airport in Almaty open again?`,
    mentions: [botUser],
  });
  return [...messages, mentionsDossier];
}

/** What a digest attempt sent: every response to the interaction, and what the channel holds afterwards. */
interface Attempt {
  responses: RecordedRequest[];
  /** The requests for the channel's history made while the interaction ran. */
  historyReads: RecordedRequest[];
  /** Messages the channel gained. */
  posted: APIMessage[];
}

async function attempt(
  bot: TestBot,
  options: OptionValues,
  expectedResponses: number,
  appPermissions = botPermissions,
): Promise<Attempt> {
  const from = bot.fake.requests.length;
  const before = new Set(bot.fake.messages().map((each) => each.id));
  const payload = chatInputInteraction({ name: 'digest', options, appPermissions });
  const responses = await bot.interact(payload, expectedResponses);
  return {
    responses,
    historyReads: bot.fake.requests
      .slice(from)
      .filter((request) => request.method === 'GET' && request.path === HISTORY),
    posted: bot.fake.messages().filter((each) => !before.has(each.id)),
  };
}

/** Whether the deferral, the interaction's first response, showed "thinking…" to its user alone. */
function deferredPrivately(responses: readonly RecordedRequest[]): boolean {
  const body = responses[0]?.body as { data?: { flags?: number } } | undefined;
  return ((body?.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** The only response is an immediate private reply; returns it. */
function immediateRefusal({ responses, historyReads, posted }: Attempt): SentMessage | undefined {
  expect(callbackType(responses)).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(responses).toHaveLength(1);
  const reply = responses[0] && sentMessage(responses[0]);
  expect(isEphemeral(reply)).toBe(true);
  expect(reply?.allowed_mentions).toEqual({ parse: [] });
  expect(reply?.embeds ?? []).toEqual([]);
  expect(historyReads).toEqual([]);
  expect(posted).toEqual([]);
  return reply;
}

/**
 * A refusal after a public deferral: the "thinking…" placeholder everyone saw is deleted, and the reason
 * goes privately to the person who asked. Returns it.
 */
function refusalAfterPublicDeferral({ responses, posted }: Attempt): SentMessage | undefined {
  expect(callbackType(responses)).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
  expect(deferredPrivately(responses)).toBe(false);
  const [, deletion, followUp] = responses;
  expect(deletion).toMatchObject({ method: 'DELETE', status: 204 });
  expect(deletion?.path).toMatch(/\/messages\/@original$/);
  expect(followUp?.method).toBe('POST');
  const reply = followUp && sentMessage(followUp);
  expect(isEphemeral(reply)).toBe(true);
  expect(reply?.allowed_mentions).toEqual({ parse: [] });
  expect(reply?.embeds ?? []).toEqual([]);
  // Neither a digest nor an empty placeholder is left in the channel.
  expect(posted).toEqual([]);
  return reply;
}

describe('/digest while channel digests are off', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    bot.fake.seedMessages(discussion(Date.now() - 30 * MINUTE));
  });
  afterAll(() => bot?.stop());

  it('explains privately the three steps that turn them on, and reads nothing', async () => {
    const reply = immediateRefusal(await attempt(bot, {}, 1));
    const lines = (reply?.content ?? '').split('\n');
    expect(lines).toEqual([
      'Channel digests are turned off on this Dossier. Whoever runs the bot can turn them on:',
      '1. set `ENABLE_CHANNEL_DIGEST=true` in its settings (`.env`) and restart it;',
      `2. ${INTENT_STEP} (a privileged intent: without it Discord sends Dossier messages without their text);`,
      '3. give Dossier **View Channel** and **Read Message History** in the channels to digest.',
      'Until then, **Check against sources** (right-click a message → Apps) works on any single message.',
    ]);
  });

  it('refuses the same way whatever the options, before checking them', async () => {
    const reply = immediateRefusal(await attempt(bot, { since: 'yesterday', private: true }, 1));
    expect(reply?.content).toMatch(/^Channel digests are turned off on this Dossier\./);
  });
});

describe('/digest when Dossier may not read the channel', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { ENABLE_CHANNEL_DIGEST: 'true' } });
    bot.fake.seedMessages(discussion(Date.now() - 30 * MINUTE));
  });
  afterAll(() => bot?.stop());

  it('digests the discussion when it has both permissions, so the refusals below are about them', async () => {
    const { responses, historyReads, posted } = await attempt(bot, {}, 2);
    expect(callbackType(responses)).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(historyReads).toHaveLength(1);
    expect(responses[1] && sentMessage(responses[1])?.embeds?.[0]?.title).toBe('Digest of the discussion');
    expect(posted).toHaveLength(1);
  });

  it('names Read Message History alone when only that is missing, and fetches no history', async () => {
    const reply = immediateRefusal(
      await attempt(bot, {}, 1, botPermissions & ~PermissionFlagsBits.ReadMessageHistory),
    );
    expect(reply?.content).toBe(readRefusal('**Read Message History**', 'permission', 'it'));
  });

  it('names View Channel alone when only that is missing', async () => {
    const reply = immediateRefusal(
      await attempt(bot, { private: true }, 1, botPermissions & ~PermissionFlagsBits.ViewChannel),
    );
    expect(reply?.content).toBe(readRefusal('**View Channel**', 'permission', 'it'));
  });

  it('names both when both are missing', async () => {
    const reply = immediateRefusal(
      await attempt(
        bot,
        { since: '1h' },
        1,
        botPermissions & ~PermissionFlagsBits.ViewChannel & ~PermissionFlagsBits.ReadMessageHistory,
      ),
    );
    expect(reply?.content).toBe(BOTH_MISSING);
  });

  it.each([
    [RESTJSONErrorCodes.MissingAccess, 'Missing Access'],
    [RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'],
  ])('gives the same refusal when Discord turns the read down with %i %s', async (code, text) => {
    // The permissions changed after the interaction was created, or Discord reported them wrongly.
    bot.fake.failNext(`GET ${HISTORY}`, 403, { message: text, code });
    const tried = await attempt(bot, {}, 3);
    expect(tried.historyReads).toHaveLength(1);
    expect(tried.historyReads[0]?.status).toBe(403);
    const reply = refusalAfterPublicDeferral(tried);
    expect(reply?.content).toBe(BOTH_MISSING);
  });

  it('replaces a private deferral with the refusal in place', async () => {
    bot.fake.failNext(`GET ${HISTORY}`, 403, {
      message: 'Missing Access',
      code: RESTJSONErrorCodes.MissingAccess,
    });
    const { responses, posted } = await attempt(bot, { private: true }, 2);
    expect(callbackType(responses)).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(deferredPrivately(responses)).toBe(true);
    const edit = responses[1];
    expect(edit?.method).toBe('PATCH');
    expect(edit && sentMessage(edit)).toMatchObject({
      content: BOTH_MISSING,
      allowed_mentions: { parse: [] },
    });
    expect(posted).toEqual([]);
  });

  it.each([['yesterday'], ['5'], ['45d']])(
    'refuses since: %s with what it takes instead, reading nothing',
    async (since) => {
      const reply = immediateRefusal(await attempt(bot, { since }, 1));
      expect(reply?.content).toBe(
        `\`since\` takes a duration from 1 minute to 30 days, such as \`30m\`, \`2h\` or \`1d\`; \`${since}\` is not one.`,
      );
    },
  );

  it('shows a mistyped since exactly as typed, without pinging anyone', async () => {
    const reply = immediateRefusal(await attempt(bot, { since: '@everyone 2h' }, 1));
    expect(reply?.content).toBe(
      '`since` takes a duration from 1 minute to 30 days, such as `30m`, `2h` or `1d`; `@everyone 2h` is not one.',
    );
  });
});

describe('/digest when Discord withholds what people wrote', () => {
  let bot: TestBot;
  let seeded: APIMessage[];
  beforeAll(async () => {
    bot = await startTestBot({ env: { ENABLE_CHANNEL_DIGEST: 'true' } });
    seeded = discussion(Date.now() - 30 * MINUTE, { withheld: true });
    bot.fake.seedMessages(seeded);
  });
  afterAll(() => bot?.stop());

  const intentMissing = [
    'Discord sent Dossier these messages without their text: the privileged **Message Content Intent** is off for this application.',
    `To fix it, ${INTENT_STEP}, then restart Dossier. Nothing was posted.`,
  ].join('\n');

  it('says the Message Content intent is off and how to turn it on, and removes the public placeholder', async () => {
    // Not every message came back empty: the one that mentions Dossier kept its text, as Discord does.
    const people = seeded.filter((each) => !each.author.bot);
    expect(people.filter((each) => each.content !== '')).toHaveLength(1);
    const tried = await attempt(bot, {}, 3);
    expect(tried.historyReads).toHaveLength(1);
    const reply = refusalAfterPublicDeferral(tried);
    expect(reply?.content).toBe(intentMissing);
  });

  it('says so in place of a private deferral too', async () => {
    const { responses, posted } = await attempt(bot, { private: true, since: '1h' }, 2);
    expect(deferredPrivately(responses)).toBe(true);
    expect(responses[1]?.method).toBe('PATCH');
    expect(responses[1] && sentMessage(responses[1])).toMatchObject({
      content: intentMissing,
      allowed_mentions: { parse: [] },
    });
    expect(posted).toEqual([]);
  });
});
