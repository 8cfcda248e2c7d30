import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { chatInputInteraction } from '../../support/payloads.ts';
import { startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import { corpusInteraction, finalMessage } from '../bot/corpusTestBot.ts';
import { visibleText } from '../bot/discordBodies.ts';
import { makeStoreDirs, STORE_UPLOADS } from '../corpus-store/storeFixture.ts';
import { usePostgres } from '../postgres/usePostgres.ts';

const postgres = usePostgres();
let fake: FakeDiscord;
const replicas: TestHttpBot[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
  const env = { DATABASE_URL: await postgres().createDatabase('http_corpus') };
  // Each replica has a folder of its own, as on two machines; the database is what they share.
  for (let i = 0; i < 2; i++) {
    const { corpusDir } = await makeStoreDirs();
    replicas.push(await startTestHttpBot({ fake, corpusDir, env }));
  }
});
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await fake?.close();
});

/** What `/ask` shows through one replica. */
async function ask(replica: TestHttpBot, question: string): Promise<string> {
  const payload = chatInputInteraction({ name: 'ask', options: { question } });
  expect((await replica.deliver(payload)).status).toBe(200);
  return visibleText(await finalMessage(fake, payload.id));
}

it('answers on one HTTP replica from an article a moderator added through another', async () => {
  const [first, second] = replicas as [TestHttpBot, TestHttpBot];
  const question = 'How many people were detained across the country?';
  expect(await ask(second, question)).not.toContain('7,939 people had been detained');

  const attachment = fake.hostAttachment(
    'detention-figures.md',
    await readFile(join(STORE_UPLOADS, 'detention-figures.md')),
  );
  const add = corpusInteraction('add', {}, { attachment });
  expect((await first.deliver(add)).status).toBe(200);
  expect(visibleText(await finalMessage(fake, add.id))).toMatch(
    /Interior ministry says thousands were detained/,
  );

  // The other replica hears of the change from PostgreSQL and re-indexes in the background; ask until it has.
  let answer = await ask(second, question);
  while (!answer.includes('7,939 people had been detained')) {
    await pause(200);
    answer = await ask(second, question);
  }
  expect(second.bot.context.live.current.corpus.documents.map((document) => document.id)).toContain(
    'detention-figures',
  );
});
