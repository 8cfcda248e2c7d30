import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { botSchema, ConfigError, loadBotConfig, parseSettings } from '../../src/config.ts';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { runScript } from '../../support/runScript.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

const VALID = {
  DISCORD_TOKEN: TEST_TOKEN,
  DISCORD_APPLICATION_ID: '110000000000000001',
};

/** The one line the settings check prints for a variable. */
function complaint(env: Record<string, string>): string {
  try {
    loadBotConfig({ ...VALID, ...env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n').slice(1).join('\n');
  }
  return 'accepted';
}

describe('settings an operator can get subtly wrong', () => {
  it('refuses a token with a line break or a space inside, and never prints it', () => {
    for (const token of [`${TEST_TOKEN}\nDISCORD_GUILD_ID=1`, `Bot ${TEST_TOKEN}`]) {
      const message = complaint({ DISCORD_TOKEN: token });
      expect(message).toBe(
        '  DISCORD_TOKEN is invalid (must be the token alone, on one line, with no spaces or quotes inside): copy it from the Developer Portal, Bot page, "Reset Token"',
      );
    }
  });

  it.each([
    ['SEARCH_COOLDOWN_SECONDS', ' ', 'must be a whole number from 0 to 3600, written in digits'],
    ['ASK_COOLDOWN_SECONDS', '0x10', 'must be a whole number from 0 to 3600, written in digits'],
    ['ASK_COOLDOWN_SECONDS', '1e3', 'must be a whole number from 0 to 3600, written in digits'],
    ['ASK_COOLDOWN_SECONDS', '7200', 'must be at most 3600'],
    ['MAX_UPLOAD_BYTES', '1.5', 'must be a whole number from 1024 to 26214400, written in digits'],
    ['DIGEST_INTERVAL_MINUTES', '1', 'must be at least 5'],
  ])('refuses %s=%j', (name, value, reason) => {
    expect(complaint({ [name]: value })).toBe(`  ${name} is invalid (${reason})`);
  });

  it('takes decimal numbers as they are written', () => {
    const config = parseSettings(botSchema, {
      ...VALID,
      ASK_COOLDOWN_SECONDS: '16',
      MAX_UPLOAD_BYTES: '2048',
    });
    expect([config.ASK_COOLDOWN_SECONDS, config.MAX_UPLOAD_BYTES]).toEqual([16, 2048]);
  });
});

describe('npm start with a data folder it cannot write', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('stops at once with one line naming DATA_DIR and exit status 1', async () => {
    const fake: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const cwd = await mkdtemp(join(tmpdir(), 'dossier-start-'));
    cleanups.push(() => rm(cwd, { recursive: true, force: true }));
    const run = runScript(
      'src/bot.ts',
      {
        ...VALID,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_BASE: fake.apiBase,
        CORPUS_DIR: KAZAKHSTAN_DIR,
        DATA_DIR: '/proc/dossier',
      },
      cwd,
    );
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      /^Dossier cannot start: DATA_DIR \/proc\/dossier cannot be written \(E[A-Z]+\); point DATA_DIR at a folder Dossier may write to\n$/,
    );
    // It stopped before connecting: Discord never heard from it.
    expect(fake.identifies()).toEqual([]);
  }, 60_000);
});
