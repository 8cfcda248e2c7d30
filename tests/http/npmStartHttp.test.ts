import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { chatInputInteraction, pingInteraction } from '../../support/payloads.ts';
import { runScript } from '../../support/runScript.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-http-start-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function httpEnv(fake: FakeDiscord, port: number): Promise<Record<string, string>> {
  return {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_TRANSPORT: 'http',
    DISCORD_PUBLIC_KEY: fake.publicKeyHex,
    HTTP_HOST: '127.0.0.1',
    PORT: String(port),
    CORPUS_DIR: KAZAKHSTAN_DIR,
    DATA_DIR: await tempDir(),
  };
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord();
  cleanups.push(() => fake.close());
  return fake;
}

describe('npm start with DISCORD_TRANSPORT=http', () => {
  it('answers Discord at its URL without any gateway session, until SIGTERM stops it cleanly', async () => {
    const fake = await fakeDiscord();
    const run = runScript('src/bot.ts', await httpEnv(fake, 0), await tempDir());
    cleanups.push(async () => run.child.kill('SIGKILL'));
    await expect
      .poll(() => run.stdout(), { timeout: 20_000 })
      .toContain('"msg":"Dossier is answering interactions over HTTP"');
    const url = /"url":"([^"]+)"/.exec(run.stdout())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions$/);

    const ping = await fake.deliver(url, pingInteraction());
    expect(ping.body).toEqual({ type: InteractionResponseType.Pong });
    const ask = await fake.deliver(
      url,
      chatInputInteraction({ name: 'ask', options: { question: 'Who commanded the contingent?' } }),
    );
    expect(JSON.stringify(ask.body)).toContain('Andrei Serdiukov');
    expect(fake.gatewayQueries).toEqual([]);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain('"msg":"Dossier stopped"');
    expect(run.stdout()).not.toContain(TEST_TOKEN);
  });

  it('says when Discord rejects the token, without ever printing it', async () => {
    const fake = await fakeDiscord();
    fake.failNext('GET /users/@me', 401, { message: '401: Unauthorized', code: 0 });
    const run = runScript('src/bot.ts', await httpEnv(fake, 0), await tempDir());
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      'Dossier cannot start: Discord rejected DISCORD_TOKEN; copy a fresh one from the Developer Portal, Bot page, "Reset Token"\n',
    );
    expect(run.stdout() + run.stderr()).not.toContain(TEST_TOKEN);
  });

  it('says which port is taken when something else listens on PORT', async () => {
    const fake = await fakeDiscord();
    const squatter = createServer().listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    cleanups.push(() => new Promise((resolve) => squatter.close(resolve)));
    const { port } = squatter.address() as AddressInfo;
    const run = runScript('src/bot.ts', await httpEnv(fake, port), await tempDir());
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(
      `Dossier cannot start: port ${port} is already in use; stop what listens there or set PORT to another port\n`,
    );
  });
});
