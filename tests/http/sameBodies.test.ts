import { type APIInteraction, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fakeDiscord.ts';
import { buttonInteraction, chatInputInteraction, message, user } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import { buttons, messageCarrying, type SentMessage, sentMessage } from '../bot/discordBodies.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';

let gateway: TestBot;
let http: TestHttpBot;

beforeAll(async () => {
  const env = { ENABLE_CHANNEL_DIGEST: 'true' };
  [gateway, http] = await Promise.all([
    startTestBot({ corpusDir: KAZAKHSTAN_DIR, env }),
    startTestHttpBot({ corpusDir: KAZAKHSTAN_DIR, env }),
  ]);
  // The same channel history on both sides, ids included, so digests link to the same messages.
  const now = Date.now();
  const author = user({ username: 'yerlan', global_name: 'Yerlan' });
  const history = [
    'The Russian-led contingent began its withdrawal from Kazakhstan on Thursday',
    'Serdiukov commanded 2,030 soldiers from five countries, the AFP report says',
    'Massimov was arrested for high treason, according to the security committee',
  ].map((content, i) => message({ at: now - (10 - i) * 60_000, author, content }));
  gateway.fake.seedMessages(history);
  http.fake.seedMessages(history);
});
afterAll(async () => {
  await gateway?.stop();
  await http?.stop();
});

/** Fields discord.js sends with Discord's default values, which mean the same as leaving them out. */
function withoutDefaults<T>(value: T, defaults: Record<string, unknown>): T {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key, field]) => !(key in defaults && defaults[key] === field)),
  ) as T;
}

const MESSAGE_DEFAULTS = { tts: false, enforce_nonce: false };

/** What Discord received for one interaction: each request's method, route, query and body, in order. */
const received = (responses: readonly RecordedRequest[]) =>
  responses.map(({ method, path, query, body }) => {
    const callback = body as { data?: unknown } | undefined;
    return {
      method,
      path,
      query: withoutDefaults(query, { with_response: 'false' }),
      body:
        callback?.data === undefined
          ? withoutDefaults(body, MESSAGE_DEFAULTS)
          : { ...callback, data: withoutDefaults(callback.data, MESSAGE_DEFAULTS) },
    };
  });

/** Sends the same interaction to both bots and returns what each sent Discord, once `count` requests arrived. */
async function both(payload: APIInteraction, count = 1) {
  const overGateway = await gateway.interact(payload, count);
  const overHttp = await http.interact(payload, count);
  return { overGateway: received(overGateway), overHttp: received(overHttp) };
}

it('sends Discord the same bodies over HTTP as over the gateway, for replies, pages, private copies and deferrals', async () => {
  const ask = chatInputInteraction({
    name: 'ask',
    options: { question: 'How many soldiers were in the contingent?' },
  });
  const asked = await both(ask);
  expect(asked.overHttp).toEqual(asked.overGateway);
  expect(asked.overGateway).toHaveLength(1);

  const reply = sentMessage(gateway.fake.interactionResponses(ask.id)[0] as RecordedRequest) as SentMessage;
  const next = buttons(reply).get('Next ▶')?.customId ?? '';
  const carrying = messageCarrying(gateway.fake, reply);
  const turned = await both(buttonInteraction({ customId: next, message: carrying }));
  expect(turned.overHttp).toEqual(turned.overGateway);
  expect(turned.overGateway.map(({ body }) => (body as { type: number }).type)).toEqual([
    InteractionResponseType.UpdateMessage,
  ]);

  const byAnother = buttonInteraction({
    customId: next,
    message: carrying,
    user: user({ username: 'dana' }),
  });
  const copied = await both(byAnother);
  expect(copied.overHttp).toEqual(copied.overGateway);
  expect(copied.overGateway.map(({ body }) => (body as { type: number }).type)).toEqual([
    InteractionResponseType.ChannelMessageWithSource,
  ]);

  const digest = chatInputInteraction({ name: 'digest', options: { since: '1h' } });
  const digested = await both(digest, 2);
  expect(digested.overHttp).toEqual(digested.overGateway);
  expect(digested.overGateway.map(({ method }) => method)).toEqual(['POST', 'PATCH']);
});
