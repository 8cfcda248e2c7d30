import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { APIInteraction } from 'discord-api-types/v10';
import { commands as allCommands } from '../commands/index.ts';
import { type BotConfig, botSchema, parseSettings } from '../src/config.ts';
import type { Command } from '../src/discord/runtime/Command.ts';
import { createLogger } from '../src/discord/runtime/createLogger.ts';
import { type BotHandle, type StartBotOptions, startBot } from '../src/discord/runtime/startBot.ts';
import type { LiveIndex } from '../src/search/LiveIndex.ts';
import type { CorpusStore } from '../src/store/CorpusStore.ts';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  type RecordedRequest,
  startFakeDiscord,
} from './fakeDiscord.ts';

/** Shaped like a bot token and long enough for the settings check; the fake accepts any token. */
export const TEST_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.dossier-test-token-0123456789abcdefghijklmn';

/** The settings `npm start` needs to run as a child process against the stand-in `fake`. */
export function botProcessEnv(
  fake: FakeDiscord,
  dirs: { corpusDir: string; dataDir: string },
): Record<string, string> {
  return {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    CORPUS_DIR: dirs.corpusDir,
    DATA_DIR: dirs.dataDir,
  };
}

export interface TestBotOptions {
  /** The corpus to answer from; the shipped corpus by default. */
  corpusDir?: string;
  /** Settings on top of the test defaults (no cooldowns, info logs), as they would appear in `.env`. */
  env?: Record<string, string>;
  commands?: readonly Command[];
  live?: LiveIndex;
  /** A corpus store to serve, e.g. one whose operations a test can hold at a step. */
  corpus?: CorpusStore;
  services?: StartBotOptions['services'];
  /** How the stand-in for Discord behaves, e.g. how many shards it requires. */
  discord?: FakeDiscordOptions;
  /** A stand-in already serving another bot, as two processes sharing one bot's shards; the caller closes it. */
  sharedDiscord?: FakeDiscord;
}

export interface TestBot {
  fake: FakeDiscord;
  bot: BotHandle;
  config: BotConfig;
  /** Every log line the bot wrote, as parsed JSON. */
  logs: Array<Record<string, unknown>>;
  /** The raw log output, to check that no secret ever reaches it. */
  rawLogs: string[];
  /** Dispatches an interaction and resolves with its first `count` responses. */
  interact(payload: APIInteraction, count?: number): Promise<RecordedRequest[]>;
  /** Stops the bot and starts a new one against the same stand-in, as a process restart would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The settings a test bot runs with: the stand-in's ids and address, no cooldowns, info logs. */
export function testBotConfig(fake: FakeDiscord, dataDir: string, options: TestBotOptions): BotConfig {
  return parseSettings(botSchema, {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    CORPUS_DIR: resolve(options.corpusDir ?? 'corpus'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ASK_COOLDOWN_SECONDS: '0',
    SEARCH_COOLDOWN_SECONDS: '0',
    ...options.env,
  });
}

/** A logger that keeps every line, parsed and raw, for assertions. */
export function capturingLogger(config: BotConfig) {
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(config, {
    write(line: string) {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, logs, rawLogs };
}

/**
 * Starts the real bot, with its real discord.js client, against a fresh loopback stand-in for Discord:
 * one call, for tests and benches. The data directory is a temporary one, removed by `stop()`.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const fake = options.sharedDiscord ?? (await startFakeDiscord(options.discord));
  const closeFake = () => (options.sharedDiscord ? Promise.resolve() : fake.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'dossier-bot-'));
  const config = testBotConfig(fake, dataDir, options);
  const { logger, logs, rawLogs } = capturingLogger(config);
  const botOptions: StartBotOptions = {
    logger,
    commands: options.commands ?? allCommands,
    ...(options.live ? { live: options.live } : {}),
    ...(options.corpus ? { corpus: options.corpus } : {}),
    ...(options.services ? { services: options.services } : {}),
  };
  let bot: BotHandle;
  try {
    bot = await startBot(config, botOptions);
  } catch (error) {
    await closeFake();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  fake.track(bot.client);
  const testBot: TestBot = {
    fake,
    bot,
    config,
    logs,
    rawLogs,
    async interact(payload, count = 1) {
      fake.interact(payload);
      return fake.waitForInteractionResponses(payload.id, count);
    },
    async restart() {
      await testBot.bot.stop();
      testBot.bot = await startBot(config, botOptions);
      fake.track(testBot.bot.client);
    },
    async stop() {
      await testBot.bot.stop();
      await closeFake();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testBot;
}
