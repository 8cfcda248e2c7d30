import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_CHANGED_MESSAGE } from '../../src/discord/runtime/pagingIds.ts';
import { EXPIRED_RESULTS_MESSAGE } from '../../src/discord/runtime/showStoredPage.ts';
import { buttonInteraction, chatInputInteraction, user } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import {
  buttons,
  callbackType,
  isEphemeral,
  messageCarrying,
  type SentMessage,
  sentMessage,
  visibleText,
} from './discordBodies.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR });
});
afterAll(() => bot?.stop());

async function ask(question: string, extra: Record<string, boolean> = {}): Promise<SentMessage | undefined> {
  const [response] = await bot.interact(
    chatInputInteraction({ name: 'ask', options: { question, ...extra } }),
  );
  expect(callbackType(response ? [response] : [])).toBe(InteractionResponseType.ChannelMessageWithSource);
  return response && sentMessage(response);
}

async function click(customId: string, on: SentMessage, presser = user({ username: 'clicker' })) {
  const payload = buttonInteraction({ customId, message: messageCarrying(bot.fake, on), user: presser });
  const responses = await bot.interact(payload);
  const [response] = responses;
  return { type: callbackType(responses), message: response && sentMessage(response) };
}

describe('/ask over the gateway', () => {
  it('answers in the channel with the quote in bold, its citation, and mentions off', async () => {
    const reply = await ask('Who commanded the contingent?');
    expect(isEphemeral(reply)).toBe(false);
    expect(reply?.allowed_mentions).toEqual({ parse: [] });
    const [embed] = reply?.embeds ?? [];
    expect(embed?.title).toBe('Who commanded the contingent?');
    expect(embed?.description).toMatch(
      /\*\*[^*]*General Andrei Serdiukov, commander of the contingent[^*]*\*\*/,
    );
    expect(visibleText(reply)).toMatch(
      /Russian-led contingent begins its withdrawal from Kazakhstan\* · AFP · 2022-01-13 · ¶3/,
    );
    expect(bot.fake.messages().at(-1)?.embeds[0]?.title).toBe('Who commanded the contingent?');
  });

  it('answers only the person who asked when private is set', async () => {
    const reply = await ask('Who commanded the contingent?', { private: true });
    expect(isEphemeral(reply)).toBe(true);
    expect(reply?.embeds?.[0]?.description).toContain('Andrei Serdiukov');
  });

  it('says plainly that the articles do not answer, and labels nearby passages as related only', async () => {
    const reply = await ask('What is the capital of France?');
    const [embed] = reply?.embeds ?? [];
    expect(embed?.description).toMatch(
      /^\*\*The articles don't answer this question\.\*\* The corpus does not mention "France"\./,
    );
    for (const field of embed?.fields ?? [])
      expect(field.name).toMatch(/^Related passage \d \(not an answer\)$/);
    expect(reply?.components).toEqual([]);
  });

  it('steps through the answers and their sources with Previous and Next', async () => {
    const first = await ask('How many soldiers were in the contingent?');
    const firstButtons = buttons(first);
    const count = Number(/ of (\d+)$/.exec(first?.embeds?.[0]?.footer?.text.split(' · ')[0] ?? '')?.[1]);
    expect(count).toBeGreaterThan(1);
    expect(firstButtons.get('◀ Previous')?.disabled).toBe(true);
    expect(firstButtons.get(`1 of ${count}`)?.disabled).toBe(true);

    const asker = user({ id: '1100000000000000005', username: 'reader' });
    const next = await click(firstButtons.get('Next ▶')?.customId ?? '', first as SentMessage, asker);
    expect(next.type).toBe(InteractionResponseType.UpdateMessage);
    expect(next.message?.embeds?.[0]?.footer?.text).toMatch(new RegExp(`^Answer 2 of ${count} `));
    expect(next.message?.embeds?.[0]?.description).not.toBe(first?.embeds?.[0]?.description);
    expect(buttons(next.message).get('◀ Previous')?.disabled).toBe(false);
    expect(next.message?.allowed_mentions).toEqual({ parse: [] });

    const back = await click(
      buttons(next.message).get('◀ Previous')?.customId ?? '',
      next.message as SentMessage,
      asker,
    );
    expect(back.message?.embeds?.[0]?.description).toBe(first?.embeds?.[0]?.description);
  });

  it('shows the sources with their dates, so differing figures can be compared', async () => {
    const reply = await ask('How many soldiers were in the contingent?');
    const list = reply?.embeds?.[0]?.fields?.find((field) => /answers from \d articles?/.test(field.name));
    expect(list?.value).toMatch(/2,030[\s\S]*AFP · 2022-01-13/);
    expect(list?.value).toMatch(/2,500 soldiers[\s\S]*Central Asia Wire · 2022-01-07/);
  });

  it("gives someone else pressing the buttons a private copy, leaving the asker's reply alone", async () => {
    const first = await ask('How many soldiers were in the contingent?');
    const next = await click(buttons(first).get('Next ▶')?.customId ?? '', first as SentMessage);
    expect(next.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(next.message)).toBe(true);
    expect(next.message?.embeds?.[0]?.footer?.text).toMatch(/^Answer 2 of /);
  });

  it('answers a button whose results are gone with a clear private message', async () => {
    const first = await ask('How many soldiers were in the contingent?');
    const pressed = await click('ask:page:gone0000:1', first as SentMessage);
    expect(isEphemeral(pressed.message)).toBe(true);
    expect(pressed.message?.content).toBe(EXPIRED_RESULTS_MESSAGE);
  });

  it('keeps the buttons of a question working across a restart, since they carry the question', async () => {
    const first = await ask('How many soldiers were in the contingent?');
    await bot.restart();
    const asker = user({ id: '1100000000000000005', username: 'reader' });
    const pressed = await click(buttons(first).get('Next ▶')?.customId ?? '', first as SentMessage, asker);
    expect(pressed.type).toBe(InteractionResponseType.UpdateMessage);
    expect(pressed.message?.embeds?.[0]?.footer?.text).toMatch(/^Answer 2 of /);
  });

  it('says the articles changed when a button was made on another corpus, rather than page through other answers', async () => {
    const first = await ask('How many soldiers were in the contingent?');
    const next = buttons(first).get('Next ▶')?.customId ?? '';
    expect(next).toMatch(/^ask:q:[0-9a-f]{8}:1:How many soldiers were in the contingent\?$/);
    const pressed = await click(next.replace(/^ask:q:[0-9a-f]{8}:/, 'ask:q:00000000:'), first as SentMessage);
    expect(isEphemeral(pressed.message)).toBe(true);
    expect(pressed.message?.content).toBe(CORPUS_CHANGED_MESSAGE);
  });

  it('answers the button of a question too long to carry, from before a restart, with the clear message', async () => {
    const long =
      'How many soldiers were in the contingent? How many soldiers were in the contingent? How many soldiers?';
    const first = await ask(long);
    expect(buttons(first).get('Next ▶')?.customId).toMatch(/^ask:page:/);
    await bot.restart();
    const pressed = await click(buttons(first).get('Next ▶')?.customId ?? '', first as SentMessage);
    expect(isEphemeral(pressed.message)).toBe(true);
    expect(pressed.message?.content).toBe(EXPIRED_RESULTS_MESSAGE);
    const again = await ask('Who commanded the contingent?');
    expect(again?.embeds?.[0]?.description).toContain('Andrei Serdiukov');
  });

  it('logs each interaction with its id, command and latency, and the question only at debug level', async () => {
    const payload = chatInputInteraction({ name: 'ask', options: { question: 'Who is Karim Massimov?' } });
    await bot.interact(payload);
    await expect
      .poll(() =>
        bot.logs.find((line) => line.interactionId === payload.id && line.msg === 'interaction handled'),
      )
      .toMatchObject({
        command: 'ask',
        outcome: 'ok',
        latencyMs: expect.any(Number),
      });
    expect(bot.rawLogs.join('')).not.toContain('Karim Massimov?');
  });
});
