import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { runScript } from '../../support/runScript.ts';
import { botProcessEnv, startTestBot, TEST_TOKEN, type TestBot } from '../../support/startTestBot.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-start-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function botEnv(fake: FakeDiscord): Promise<Record<string, string>> {
  return botProcessEnv(fake, { corpusDir: KAZAKHSTAN_DIR, dataDir: await tempDir() });
}

async function bot(env: Record<string, string> = {}): Promise<TestBot> {
  const started = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, env });
  cleanups.push(() => started.stop());
  return started;
}

describe('connecting to Discord', () => {
  it('asks for the Guilds intent only, through the configured REST base', async () => {
    const { fake } = await bot();
    expect(fake.identifies().map((identify) => identify.intents)).toEqual([GatewayIntentBits.Guilds]);
    expect(fake.requests.some((request) => request.path === '/gateway/bot')).toBe(true);
  });

  it('adds the message intents only when channel digests are enabled', async () => {
    const { fake } = await bot({ ENABLE_CHANNEL_DIGEST: 'true' });
    expect(fake.identifies()[0]?.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
    );
  });
});

describe('npm start', () => {
  it('stops with one message listing each missing setting and exit status 1', async () => {
    const run = runScript('src/bot.ts', {}, await tempDir());
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      /^Dossier cannot start; fix these settings in \.env \(see \.env\.example\):\n/,
    );
    expect(run.stderr()).toContain('  DISCORD_TOKEN is not set: copy it from the Developer Portal');
    expect(run.stderr()).toContain('  DISCORD_APPLICATION_ID is not set');
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  it('says when Discord rejects the token, without ever printing it', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => fake.close());
    fake.failNext('GET /gateway/bot', 401, { message: '401: Unauthorized', code: 0 });
    const run = runScript('src/bot.ts', await botEnv(fake), await tempDir());
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      'Dossier cannot start: Discord rejected DISCORD_TOKEN; copy a fresh one from the Developer Portal, Bot page, "Reset Token"\n',
    );
    expect(run.stdout() + run.stderr()).not.toContain(TEST_TOKEN);
  });

  it('names the corpus folder when it cannot be read', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const missing = join(await tempDir(), 'articles');
    const run = runScript('src/bot.ts', { ...(await botEnv(fake)), CORPUS_DIR: missing }, await tempDir());
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      `Dossier cannot start: corpus: ${missing} does not exist; point CORPUS_DIR at a folder of articles\n`,
    );
  });

  it('serves until SIGTERM, then shuts down cleanly with exit status 0', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const run = runScript('src/bot.ts', await botEnv(fake), await tempDir());
    cleanups.push(async () => run.child.kill('SIGKILL'));
    await run.untilStdout('"msg":"Dossier is online"');
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain('"msg":"Dossier stopped"');
    expect(run.stdout()).not.toContain(TEST_TOKEN);
  });
});
