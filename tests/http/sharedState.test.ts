import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { buttonInteraction, chatInputInteraction, user } from '../../support/payloads.ts';
import { startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import {
  buttons,
  isEphemeral,
  messageCarrying,
  type SentMessage,
  sentMessage,
} from '../bot/discordBodies.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';
import { usePostgres } from '../postgres/usePostgres.ts';

const postgres = usePostgres();
let fake: FakeDiscord;
let replicas: TestHttpBot[];

beforeAll(async () => {
  fake = await startFakeDiscord();
  const env = { DATABASE_URL: await postgres().createDatabase('http_replicas'), ASK_COOLDOWN_SECONDS: '60' };
  replicas = [];
  for (let i = 0; i < 2; i++) replicas.push(await startTestHttpBot({ fake, corpusDir: KAZAKHSTAN_DIR, env }));
});
afterAll(async () => {
  for (const replica of replicas ?? []) await replica.stop();
  await fake?.close();
});

const [first, second] = [0, 1];

async function deliver(replica: number, payload: Parameters<TestHttpBot['deliver']>[0]) {
  const answer = await (replicas[replica] as TestHttpBot).deliver(payload);
  expect(answer.status).toBe(200);
  const [response] = await fake.waitForInteractionResponses(payload.id);
  return response && sentMessage(response);
}

it('with DATABASE_URL, pages through the answers of a question too long to carry on the other replica', async () => {
  const question =
    'How many soldiers were in the contingent? How many soldiers were in the contingent? How many soldiers?';
  const asked = await deliver(first, chatInputInteraction({ name: 'ask', options: { question } }));
  const next = buttons(asked).get('Next ▶')?.customId ?? '';
  expect(next).toMatch(/^ask:page:/);
  const click = buttonInteraction({ customId: next, message: messageCarrying(fake, asked as SentMessage) });
  const answer = await (replicas[second] as TestHttpBot).deliver(click);
  expect((answer.body as { type: number }).type).toBe(InteractionResponseType.UpdateMessage);
  const turned = await fake.waitForInteractionResponses(click.id);
  expect(turned[0] && sentMessage(turned[0])?.embeds?.[0]?.footer?.text).toMatch(/^Answer 2 of /);
});

it('with DATABASE_URL, counts a cooldown across replicas', async () => {
  const asker = user({ username: 'quick' });
  const ask = () =>
    chatInputInteraction({
      name: 'ask',
      options: { question: 'Who commanded the contingent?' },
      user: asker,
    });
  const answered = await deliver(first, ask());
  expect(answered?.embeds?.[0]?.description).toContain('Serdiukov');
  const refused = await deliver(second, ask());
  expect(isEphemeral(refused)).toBe(true);
  expect(refused?.content).toMatch(/^You're going a little fast: try again in \d+ s\.$/);
});
