import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotConfig, ConfigError, loadBotConfig } from '../../src/config.ts';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { chatInputInteraction, fakeIds } from '../../support/payloads.ts';
import { runScript } from '../../support/runScript.ts';
import { botProcessEnv, startTestBot, TEST_TOKEN, type TestBot } from '../../support/startTestBot.ts';
import { sentMessage } from './discordBodies.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(options);
  cleanups.push(() => fake.close());
  return fake;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-shards-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function bot(options: Parameters<typeof startTestBot>[0]): Promise<TestBot> {
  const started = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, ...options });
  cleanups.push(() => started.stop());
  return started;
}

/** The fixture guild's events go to shard 1 of 2; direct messages always go to shard 0. */
const askInGuild = () =>
  chatInputInteraction({ name: 'ask', options: { question: 'Who commanded the contingent?' } });
const askInDirectMessage = () =>
  chatInputInteraction({
    name: 'ask',
    guildId: null,
    options: { question: 'How many soldiers were in the contingent?' },
  });

async function answerText(testBot: TestBot, payload: ReturnType<typeof askInGuild>): Promise<string> {
  const [response] = await testBot.interact(payload);
  return response ? (sentMessage(response)?.embeds?.[0]?.description ?? '') : '';
}

function settings(env: Record<string, string>): BotConfig {
  return loadBotConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: fakeIds.application,
    ...env,
  });
}

describe('shards', () => {
  it('runs every shard Discord recommends and answers interactions arriving on each of them', async () => {
    const testBot = await bot({ discord: { requiredShards: 2 } });
    expect(testBot.fake.identifiedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(await answerText(testBot, askInGuild())).toContain('General Andrei Serdiukov');
    expect(await answerText(testBot, askInDirectMessage())).toMatch(/2,500 soldiers|made up of 2,030/);
  });

  it('splits one shard space between two processes with DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT', async () => {
    const fake = await fakeDiscord({ requiredShards: 2 });
    const first = await bot({
      sharedDiscord: fake,
      env: { DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '2' },
    });
    const second = await bot({
      sharedDiscord: fake,
      env: { DISCORD_SHARD_IDS: '1', DISCORD_SHARD_COUNT: '2' },
    });
    expect(fake.identifiedShards()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const inGuild = askInGuild();
    expect(await answerText(second, inGuild)).toContain('General Andrei Serdiukov');
    const inDirectMessage = askInDirectMessage();
    expect(await answerText(first, inDirectMessage)).toMatch(/2,500 soldiers|made up of 2,030/);
    // Each process handles only the interactions of its own shard.
    const handled = (testBot: TestBot) =>
      testBot.logs.filter((line) => line.msg === 'interaction handled').map((line) => line.interactionId);
    await expect.poll(() => handled(first)).toEqual([inDirectMessage.id]);
    await expect.poll(() => handled(second)).toEqual([inGuild.id]);
  });

  it('reads DISCORD_SHARDS, DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT into the shards discord.js runs', () => {
    expect(settings({}).DISCORD_SHARDS).toBe('auto');
    expect(settings({ DISCORD_SHARDS: '3' }).DISCORD_SHARDS).toBe(3);
    expect(settings({ DISCORD_SHARD_IDS: '0-2, 5', DISCORD_SHARD_COUNT: '8' }).DISCORD_SHARD_IDS).toEqual([
      0, 1, 2, 5,
    ]);
  });

  it.each([
    [{ DISCORD_SHARDS: 'many' }, 'DISCORD_SHARDS is invalid (must be auto or a number of shards)'],
    [
      { DISCORD_SHARD_IDS: '0,1' },
      'DISCORD_SHARD_COUNT is not set: the number of shards across every process',
    ],
    [{ DISCORD_SHARD_COUNT: '4' }, 'DISCORD_SHARD_IDS is not set: the shards this process runs'],
    [
      { DISCORD_SHARD_IDS: '2-4', DISCORD_SHARD_COUNT: '4' },
      'DISCORD_SHARD_IDS is invalid (shard ids start at 0, so 4 cannot be among 4 shards)',
    ],
    [{ DISCORD_SHARD_IDS: '3-1', DISCORD_SHARD_COUNT: '4' }, '(3-1 is not a range of shard ids)'],
    [{ DISCORD_SHARD_IDS: 'first', DISCORD_SHARD_COUNT: '4' }, '(must be shard ids such as 0,1 or 0-3)'],
    [
      { DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '2' },
      'DISCORD_SHARDS is invalid (cannot be a number when DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT split the shards)',
    ],
  ])('refuses %o, saying what to fix', (env, message) => {
    expect(() => settings(env)).toThrow(ConfigError);
    expect(() => settings(env)).toThrow(message);
  });
});

describe('npm start when Discord requires sharding', () => {
  async function botEnv(fake: FakeDiscord, env: Record<string, string> = {}) {
    return { ...botProcessEnv(fake, { corpusDir: KAZAKHSTAN_DIR, dataDir: await tempDir() }), ...env };
  }

  it('exits with status 1 and says how to fix it when too few shards are set', async () => {
    const fake = await fakeDiscord({ requiredShards: 2 });
    const run = runScript('src/bot.ts', await botEnv(fake, { DISCORD_SHARDS: '1' }), await tempDir());
    cleanups.push(async () => run.child.kill('SIGKILL'));
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      'Dossier cannot start: Discord requires more shards for this bot than it identified with; set DISCORD_SHARDS=auto, or more shards in DISCORD_SHARDS or DISCORD_SHARD_COUNT (gateway close code 4011, ShardingRequired)\n',
    );
  });

  it('exits with status 1, not staying up offline, when Discord starts requiring more shards while it runs', async () => {
    const fake = await fakeDiscord();
    const run = runScript('src/bot.ts', await botEnv(fake), await tempDir());
    cleanups.push(async () => run.child.kill('SIGKILL'));
    await run.untilStdout('"msg":"Dossier is online"');
    fake.requireShards(2);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain('Dossier went offline: Discord requires more shards for this bot');
    expect(run.stdout()).toContain('"msg":"Dossier went offline"');
    expect(run.stdout()).toContain('"msg":"Dossier stopped"');
  });
});
