import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { type PostgresServer, startPostgres } from '../../support/postgresServer.ts';
import { startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';

// A server of this file's own: the test stops it, as a load balancer would see a database outage.
let postgres: PostgresServer;
let fake: FakeDiscord;
let replica: TestHttpBot;

beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeDiscord();
  const env = { DATABASE_URL: await postgres.createDatabase('health') };
  replica = await startTestHttpBot({ fake, corpusDir: KAZAKHSTAN_DIR, env });
});
afterAll(async () => {
  await replica?.stop();
  await fake?.close();
  await postgres?.stop();
});

const health = async () => {
  const response = await fetch(replica.bot.interactionsUrl.replace('/interactions', '/healthz'));
  return { status: response.status, body: await response.json() };
};

it('is healthy with its corpus loaded and its database answering, and unhealthy (503) once the database is gone', async () => {
  expect(await health()).toEqual({ status: 200, body: { status: 'ready' } });
  await postgres.stop();
  expect(await health()).toEqual({ status: 503, body: { status: 'database unreachable' } });
});
