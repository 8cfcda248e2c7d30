import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIInteraction } from 'discord-api-types/v10';
import { commands as allCommands } from '../commands/index.ts';
import type { BotConfig } from '../src/config.ts';
import { type HttpBotHandle, startHttpBot } from '../src/discord/runtime/http/startHttpBot.ts';
import {
  type EndpointResponse,
  type FakeDiscord,
  type RecordedRequest,
  startFakeDiscord,
} from './fakeDiscord.ts';
import { capturingLogger, type TestBotOptions, testBotConfig } from './startTestBot.ts';

/** Webhook requests can wait on a download or a re-index in a worker; a busy machine must not fail a test. */
export const HTTP_REPLY_TIMEOUT_MS = 20_000;

export interface TestHttpBot {
  fake: FakeDiscord;
  bot: HttpBotHandle;
  config: BotConfig;
  logs: Array<Record<string, unknown>>;
  /** POSTs an interaction to the endpoint, signed as Discord signs it, and resolves with its first `count` responses. */
  interact(payload: APIInteraction, count?: number): Promise<RecordedRequest[]>;
  /** POSTs an interaction and resolves with the endpoint's HTTP answer itself. */
  deliver(payload: APIInteraction): Promise<EndpointResponse>;
  /** POSTs `body` to the endpoint with exactly these headers, as anyone on the internet could. */
  post(body: string | Buffer, headers: Record<string, string>): Promise<EndpointResponse>;
  stop(): Promise<void>;
}

/**
 * Starts the real bot as an interactions endpoint on a loopback port, with a loopback stand-in for Discord
 * that POSTs interactions to it and serves the REST requests that follow. `fake` may be shared by several
 * replicas; by default each gets its own.
 */
export async function startTestHttpBot(
  options: TestBotOptions & { fake?: FakeDiscord } = {},
): Promise<TestHttpBot> {
  const fake = options.fake ?? (await startFakeDiscord());
  const dataDir = await mkdtemp(join(tmpdir(), 'dossier-http-'));
  const config = testBotConfig(fake, dataDir, {
    ...options,
    env: {
      DISCORD_TRANSPORT: 'http',
      DISCORD_PUBLIC_KEY: fake.publicKeyHex,
      HTTP_HOST: '127.0.0.1',
      PORT: '0',
      ...options.env,
    },
  });
  const { logger, logs } = capturingLogger(config);
  let bot: HttpBotHandle;
  try {
    bot = await startHttpBot(config, {
      logger,
      commands: options.commands ?? allCommands,
      ...(options.live ? { live: options.live } : {}),
      ...(options.corpus ? { corpus: options.corpus } : {}),
      ...(options.services ? { services: options.services } : {}),
    });
  } catch (error) {
    if (!options.fake) await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    fake,
    bot,
    config,
    logs,
    async interact(payload, count = 1) {
      const answer = await fake.deliver(bot.interactionsUrl, payload);
      if (answer.status !== 200)
        throw new Error(`the endpoint answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return fake.waitForInteractionResponses(payload.id, count, HTTP_REPLY_TIMEOUT_MS);
    },
    deliver: (payload) => fake.deliver(bot.interactionsUrl, payload),
    async post(body, headers) {
      const response = await fetch(bot.interactionsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async stop() {
      await bot.stop();
      if (!options.fake) await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
