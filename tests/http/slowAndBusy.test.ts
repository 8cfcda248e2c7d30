import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import {
  type APIInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/discord/runtime/Command.ts';
import {
  BUSY_MESSAGE,
  createInteractionEndpoint,
  type InteractionEndpointOptions,
} from '../../src/discord/runtime/http/interactionEndpoint.ts';
import { discordPublicKey } from '../../src/discord/runtime/http/verifyDiscordSignature.ts';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import {
  buttonInteraction,
  chatInputInteraction,
  messageWithButtons,
  pingInteraction,
} from '../../support/payloads.ts';
import { HTTP_REPLY_TIMEOUT_MS, startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import { sentMessage } from '../bot/discordBodies.ts';

/** Work the test lets finish when it chooses, standing for a slow download or a long computation. */
const held: Array<() => void> = [];
const hold = () => new Promise<void>((resolve) => held.push(resolve));
const releaseAll = () => {
  for (const release of held.splice(0)) release();
};

const slowCommand: Command = {
  data: { type: ApplicationCommandType.ChatInput, name: 'slow', description: 'Answers when released' },
  async execute(request) {
    await hold();
    await request.reply({ content: 'Done at last.' });
  },
  components: {
    async page(request) {
      await hold();
      await request.update({ content: 'Page 2, at last.' });
    },
  },
};

/** A slow command whose answer only its user sees, as `/corpus status` answers. */
const slowPrivateCommand: Command = {
  data: { type: ApplicationCommandType.ChatInput, name: 'slowprivate', description: 'Answers privately' },
  async execute(request) {
    await hold();
    await request.reply({ content: 'Only for you.', ephemeral: true });
  },
};

describe('an interaction whose handler is slow', () => {
  let bot: TestHttpBot;
  beforeAll(async () => {
    bot = await startTestHttpBot({ commands: [slowCommand, slowPrivateCommand] });
  });
  afterEach(releaseAll);
  afterAll(() => bot?.stop());

  it('is deferred in the HTTP response, then completed through the webhook', async () => {
    const payload = chatInputInteraction({ name: 'slow' });
    const answer = await bot.deliver(payload);
    expect(answer).toEqual({
      status: 200,
      body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 0 } },
    });
    releaseAll();
    const [, completed] = await bot.fake.waitForInteractionResponses(payload.id, 2, HTTP_REPLY_TIMEOUT_MS);
    expect(completed?.method).toBe('PATCH');
    expect(completed?.path).toMatch(/\/messages\/@original$/);
    expect(completed && sentMessage(completed)).toEqual({
      content: 'Done at last.',
      allowed_mentions: { parse: [] },
    });
  });

  it('turns a public placeholder into a private message when the late answer is private', async () => {
    const payload = chatInputInteraction({ name: 'slowprivate' });
    const answer = await bot.deliver(payload);
    expect(answer.body).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: 0 },
    });
    releaseAll();
    const [, removed, privately] = await bot.fake.waitForInteractionResponses(
      payload.id,
      3,
      HTTP_REPLY_TIMEOUT_MS,
    );
    expect(removed?.method).toBe('DELETE');
    expect(removed?.path).toMatch(/\/messages\/@original$/);
    expect(privately?.method).toBe('POST');
    expect(privately && sentMessage(privately)).toEqual({
      content: 'Only for you.',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
  });

  it('is acknowledged silently for a button, then the message is updated through the webhook', async () => {
    const payload = buttonInteraction({
      customId: 'slow:page:1',
      message: messageWithButtons(['slow:page:1'], { channel_id: bot.fake.channelId }),
    });
    const answer = await bot.deliver(payload);
    expect(answer).toEqual({ status: 200, body: { type: InteractionResponseType.DeferredMessageUpdate } });
    releaseAll();
    const [, updated] = await bot.fake.waitForInteractionResponses(payload.id, 2, HTTP_REPLY_TIMEOUT_MS);
    expect(updated?.method).toBe('PATCH');
    expect(updated && sentMessage(updated)?.content).toBe('Page 2, at last.');
  });
});

/** The endpoint alone, in front of handlers a test writes, with the stand-in for Discord. */
async function bareEndpoint(
  options: Pick<InteractionEndpointOptions, 'isReady' | 'handle' | 'limits'>,
): Promise<{ fake: FakeDiscord; url: (path: string) => string; close(): Promise<void> }> {
  const fake = await startFakeDiscord();
  const server = createInteractionEndpoint({
    publicKey: discordPublicKey(fake.publicKeyHex),
    applicationId: fake.applicationId,
    rest: new REST({ api: fake.apiBase }),
    logger: pino({ level: 'silent' }),
    ...options,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fake,
    url: (path) => `${base}${path}`,
    async close() {
      server.close();
      await fake.close();
    },
  };
}

describe('a burst of interactions', () => {
  it('is refused at once, privately, past the interactions being handled, and accepted again after', async () => {
    const endpoint = await bareEndpoint({
      isReady: () => true,
      handle: async (request) => {
        if (request.kind !== 'command') return;
        if (request.commandName === 'slow') await hold();
        await request.reply({ content: 'Done.' });
      },
      // However busy the machine, no request here waits long enough to be refused for its age.
      limits: { concurrent: 3, queuedMs: Number.POSITIVE_INFINITY },
    });
    try {
      const deliver = (payload: APIInteraction) =>
        endpoint.fake.deliver(endpoint.url('/interactions'), payload);
      const burst = [1, 2, 3].map(() => chatInputInteraction({ name: 'slow' }));
      const answers = await Promise.all(burst.map(deliver));
      for (const answer of answers) {
        expect(answer.body).toEqual({
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: 0 },
        });
      }
      const refused = await deliver(chatInputInteraction({ name: 'slow' }));
      expect(refused).toEqual({
        status: 200,
        body: {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { content: BUSY_MESSAGE, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
        },
      });
      releaseAll();
      await Promise.all(
        burst.map((payload) =>
          endpoint.fake.waitForInteractionResponses(payload.id, 2, HTTP_REPLY_TIMEOUT_MS),
        ),
      );
      const accepted = await deliver(chatInputInteraction({ name: 'quick' }));
      expect(accepted.body).toMatchObject({ data: { content: 'Done.' } });
    } finally {
      releaseAll();
      await endpoint.close();
    }
  });
});

describe('an endpoint whose corpus is still loading', () => {
  let endpoint: Awaited<ReturnType<typeof bareEndpoint>>;
  let fake: FakeDiscord;
  let base: string;
  let ready = false;
  beforeAll(async () => {
    endpoint = await bareEndpoint({
      isReady: () => ready,
      handle: async (request) => {
        if (request.kind === 'command') await request.reply({ content: 'Answered.' });
      },
    });
    fake = endpoint.fake;
    base = endpoint.url('');
  });
  afterAll(() => endpoint?.close());

  it('says so on /healthz and to interactions (503), yet answers the PING that checks the URL', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'loading' });
    const early = await fake.deliver(`${base}/interactions`, chatInputInteraction({ name: 'ask' }));
    expect(early.status).toBe(503);
    const ping = await fake.deliver(`${base}/interactions`, pingInteraction());
    expect(ping.body).toEqual({ type: InteractionResponseType.Pong });

    ready = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const later = await fake.deliver(`${base}/interactions`, chatInputInteraction({ name: 'ask' }));
    expect(later.body).toMatchObject({ data: { content: 'Answered.' } });
  });

  it('has one route for interactions and one for health, and nothing else', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/interactions`)).status).toBe(405);
  });
});
