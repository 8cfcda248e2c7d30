import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIInteraction, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { buttonInteraction, chatInputInteraction } from '../../support/payloads.ts';
import { startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import {
  buttons,
  callbackType,
  messageCarrying,
  type SentMessage,
  sentMessage,
} from '../bot/discordBodies.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';

let fake: FakeDiscord;
let replicas: TestHttpBot[];
let balancer: Server;
let balancerUrl: string;

/** A load balancer that knows nothing of Dossier: each request goes to the next replica in turn. */
async function roundRobin(targets: readonly string[]): Promise<Server> {
  let next = 0;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = targets[next++ % targets.length] as string;
    const forwarded = await fetch(target, {
      method: request.method ?? 'POST',
      headers: Object.fromEntries(
        ['content-type', 'x-signature-ed25519', 'x-signature-timestamp'].map((name) => [
          name,
          String(request.headers[name] ?? ''),
        ]),
      ),
      body: Buffer.concat(chunks),
    });
    response.writeHead(forwarded.status, { 'content-type': 'application/json' });
    response.end(Buffer.from(await forwarded.arrayBuffer()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  replicas = await Promise.all([
    startTestHttpBot({ fake, corpusDir: KAZAKHSTAN_DIR }),
    startTestHttpBot({ fake, corpusDir: KAZAKHSTAN_DIR }),
  ]);
  balancer = await roundRobin(replicas.map((replica) => replica.bot.interactionsUrl));
  balancerUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}/interactions`;
});
afterAll(async () => {
  balancer?.close();
  await Promise.all((replicas ?? []).map((replica) => replica.stop()));
  await fake?.close();
});

/** Which replica logged that it handled an interaction. */
const handledBy = (payload: APIInteraction) =>
  replicas.findIndex((replica) =>
    replica.logs.some((line) => line.interactionId === payload.id && line.msg === 'interaction handled'),
  );

async function send(payload: APIInteraction) {
  const answer = await fake.deliver(balancerUrl, payload);
  expect(answer.status).toBe(200);
  const [response] = await fake.waitForInteractionResponses(payload.id);
  await expect.poll(() => handledBy(payload), { timeout: 20_000 }).toBeGreaterThanOrEqual(0);
  return { type: callbackType(response ? [response] : []), message: response && sentMessage(response) };
}

/** Presses Next on a reply, and checks that the replica that did not send the reply turned the page. */
async function pressNext(command: APIInteraction, reply: Awaited<ReturnType<typeof send>>) {
  const click = buttonInteraction({
    customId: buttons(reply.message).get('Next ▶')?.customId ?? '',
    message: messageCarrying(fake, reply.message as SentMessage),
  });
  const turned = await send(click);
  expect(handledBy(click)).not.toBe(handledBy(command));
  expect(turned.type).toBe(InteractionResponseType.UpdateMessage);
  return turned.message?.embeds?.[0];
}

it('turns the page of an answer on the replica that did not give it', async () => {
  const ask = chatInputInteraction({
    name: 'ask',
    options: { question: 'How many soldiers were in the contingent?' },
  });
  const asked = await send(ask);
  expect(asked.message?.embeds?.[0]?.footer?.text).toMatch(/^Answer 1 of [2-9] /);

  const turned = await pressNext(ask, asked);
  expect(turned?.footer?.text).toMatch(/^Answer 2 of [2-9] /);
  expect(turned?.description).not.toBe(asked.message?.embeds?.[0]?.description);
});

it('turns the page of search results on the replica that did not find them', async () => {
  const search = chatInputInteraction({ name: 'search', options: { query: 'Almaty' } });
  const found = await send(search);
  expect(found.message?.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of [2-9]/);

  const turned = await pressNext(search, found);
  expect(turned?.footer?.text).toMatch(/^Page 2 of /);
  expect(turned?.description).toMatch(/^\*\*6\.\*\* /);
});
