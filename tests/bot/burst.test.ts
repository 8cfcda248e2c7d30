import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.ts';
import { commands } from '../../commands/index.ts';
import type { Command } from '../../src/discord/runtime/Command.ts';
import { chatInputInteraction, user } from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { callbackType } from './discordBodies.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

const QUESTIONS = [
  'Who commanded the contingent?',
  'How many soldiers made up the contingent?',
  'Where did the most serious violence take place?',
  'When did the withdrawal begin?',
  'Who is Karim Massimov?',
];
const BURST = 30;

let bot: TestBot;
/** For each /ask as it starts to be answered, how many answers Discord had received by then. */
const answersAlreadySent: number[] = [];

function answersReceived(): number {
  return bot.fake.requests.filter((request) => /^\/interactions\/\d+\/[^/]+\/callback$/.test(request.path))
    .length;
}

/** /ask as Dossier serves it, noting what Discord had received when each answer began. */
const observedAsk: Command = {
  ...ask,
  execute(request, context) {
    answersAlreadySent.push(answersReceived());
    return ask.execute(request, context);
  },
};

beforeAll(async () => {
  bot = await startTestBot({
    corpusDir: KAZAKHSTAN_DIR,
    commands: commands.map((command) => (command === ask ? observedAsk : command)),
  });
});
afterAll(() => bot?.stop());

describe('a burst of interactions', () => {
  it('answers every one, and sends the first answers before the last ones are worked out', async () => {
    const payloads = Array.from({ length: BURST }, (_, n) =>
      chatInputInteraction({
        name: 'ask',
        options: { question: QUESTIONS[n % QUESTIONS.length] as string },
        user: user(),
      }),
    );
    for (const payload of payloads) bot.fake.interact(payload);
    const responses = await Promise.all(
      payloads.map((payload) => bot.fake.waitForInteractionResponses(payload.id)),
    );

    expect(responses.map(callbackType)).toEqual(
      Array(BURST).fill(InteractionResponseType.ChannelMessageWithSource),
    );
    expect(answersAlreadySent).toHaveLength(BURST);
    // Had the whole burst been answered in one go, Discord would have heard nothing until the end.
    expect(answersAlreadySent.at(-1)).toBeGreaterThan(0);
  });
});
