import { ApplicationCommandType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import type { Command } from '../../src/discord/runtime/Command.ts';
import { UserError } from '../../src/discord/runtime/UserError.ts';
import { chatInputInteraction, user } from '../../support/payloads.ts';
import { startTestBot, TEST_TOKEN, type TestBot } from '../../support/startTestBot.ts';
import {
  callbackType,
  expectMentionsOffEverywhere,
  isEphemeral,
  sentMessage,
  visibleText,
} from './discordBodies.ts';
import { KAZAKHSTAN_DIR, LONG_PASSAGE_DIR, loadFixture, MENTIONS_DIR } from './fixtureAnswers.ts';

/** Mentions Discord would render, and ping without allowed_mentions. */
const LIVE_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function command(name: string, options: Record<string, string | number | boolean>, who = user()) {
  const running = bot as TestBot;
  const [response] = await running.interact(chatInputInteraction({ name, options, user: who }));
  return response ? sentMessage(response) : undefined;
}

describe('mentions in questions and in articles', () => {
  it('ping nobody: every reply disables mentions and shows them inert', async () => {
    bot = await startTestBot({ corpusDir: MENTIONS_DIR });
    const replies = [
      await command('ask', {
        question:
          '@everyone where did <@112233445566778899> and <@&998877665544332211> tell students to meet on January 4? @here',
      }),
      await command('search', { query: 'Republic Square pharmacy' }),
      await command('source', { document: 'protest-chats', paragraph: 2 }),
      await command('search', { query: '@here <@123456789012345678> xylophone' }),
    ];
    const answer = replies[0];
    expect(answer?.embeds?.[0]?.description).toContain('Republic Square');
    for (const reply of replies) {
      expect(reply?.allowed_mentions).toEqual({ parse: [] });
      expect(visibleText(reply)).not.toMatch(LIVE_MENTION);
    }
    expect(visibleText(answer)).toContain('@\u200beveryone meet at Republic Square');
    expect(visibleText(replies[2])).toContain('<\u200b@112233445566778899>');
    expect(visibleText(replies[2])).toContain('<\u200b@&998877665544332211>');
    expect(replies[3]?.content).toMatch(
      /^No passage matches “@\u200bhere <\u200b@123456789012345678> xylophone”/,
    );
    expectMentionsOffEverywhere(bot.fake);
  });

  it('keep the Markdown of a quoted message from restyling the reply', async () => {
    bot = await startTestBot({ corpusDir: MENTIONS_DIR });
    const reply = await command('source', { document: 'protest-chats', paragraph: 3 });
    const description = reply?.embeds?.[0]?.description ?? '';
    expect(description).toContain('signed only \\_Aidos\\_');
    expect(description).toContain('would be \\~\\~slow\\~\\~ cut');
  });
});

describe('an over-long passage', () => {
  it('is cut at word boundaries with a visible ellipsis, within every limit, in answers, search and sources', async () => {
    bot = await startTestBot({ corpusDir: LONG_PASSAGE_DIR });
    const answer = await command('ask', { question: 'Who did the Mazhilis confirm as prime minister?' });
    const search = await command('search', { query: 'prime minister fuel prices' });
    const source = await command('source', { document: 'statement-to-parliament', paragraph: 2 });
    for (const reply of [answer, search, source]) {
      expect(limitViolations(reply as ReplyMessage)).toEqual([]);
      expect(reply?.embeds?.[0]?.description).toMatch(/…/);
    }
    expect(answer?.embeds?.[0]?.description).toMatch(
      /\*\*[^*]*He asked the Mazhilis to approve Alikhan Smailov as prime minister[^*]*\*\*/,
    );
    const [document] = (await loadFixture(LONG_PASSAGE_DIR)).documents;
    const passage = document?.passages[1];
    const paragraph = document && passage ? document.text.slice(passage.start, passage.end) : '';
    const shown = /> \*\*¶2\*\* (.*)/.exec(source?.embeds?.[0]?.description ?? '')?.[1] ?? '';
    const kept = shown.replace(/ ?…$/, '');
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept.length).toBeLessThan(paragraph.length);
    expect(paragraph.startsWith(kept)).toBe(true);
    expect(paragraph[kept.length]).toMatch(/\s/);
  });
});

describe('the per-user cooldown', () => {
  it('asks a fast user to wait, naming the seconds left, without slowing anyone else', async () => {
    bot = await startTestBot({
      corpusDir: KAZAKHSTAN_DIR,
      env: { ASK_COOLDOWN_SECONDS: '30', SEARCH_COOLDOWN_SECONDS: '20' },
    });
    const reader = user({ username: 'quick' });
    const first = await command('ask', { question: 'Who commanded the contingent?' }, reader);
    expect(first?.embeds).toHaveLength(1);
    const second = await command('ask', { question: 'When did the troops leave?' }, reader);
    expect(isEphemeral(second)).toBe(true);
    const wait = Number(
      /^You're going a little fast: try again in (\d+) s\.$/.exec(second?.content ?? '')?.[1],
    );
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    const someoneElse = await command('ask', { question: 'When did the troops leave?' });
    expect(someoneElse?.embeds).toHaveLength(1);
    const search = await command('search', { query: 'Almaty' }, reader);
    expect(search?.embeds).toHaveLength(1);
    const searchAgain = await command('search', { query: 'airport' }, reader);
    expect(searchAgain?.content).toMatch(/^You're going a little fast: try again in ([1-9]|1\d|20) s\.$/);
  });
});

describe('failures', () => {
  const broken = (name: string, execute: Command['execute']): Command => ({
    data: { type: ApplicationCommandType.ChatInput, name, description: 'A command that fails' },
    execute,
  });
  const failing = [
    broken('explode', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'passages')");
    }),
    broken('slowexplode', async (request) => {
      await request.defer();
      throw new RangeError('index out of range');
    }),
    broken('refuse', async () => {
      throw new UserError('That option needs a date such as 2022-01-13.');
    }),
  ];

  it('give an unexpected error a short private message with an error id, and log its stack under that id', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...failing] });
    const reply = await command('explode', {});
    expect(isEphemeral(reply)).toBe(true);
    const errorId = /error id: `([0-9a-f]{8})`\.$/.exec(reply?.content ?? '')?.[1];
    expect(reply?.content).toMatch(/^Something went wrong on Dossier's side\./);
    expect(reply?.content).not.toContain('passages');
    const running = bot;
    await expect
      .poll(() => running.logs.find((line) => line.errorId === errorId && line.level === 50))
      .toMatchObject({
        msg: 'interaction failed',
        command: 'explode',
        err: { type: 'TypeError', stack: expect.stringContaining("reading 'passages'") },
      });
    const after = await command('ask', { question: 'Who commanded the contingent?' });
    expect(after?.embeds?.[0]?.description).toContain('Andrei Serdiukov');
  });

  it('replace a public "thinking…" placeholder with a private error message', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...failing] });
    const payload = chatInputInteraction({ name: 'slowexplode' });
    const responses = await bot.interact(payload, 3);
    expect(callbackType(responses)).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const route = (path: string) =>
      path.replace(payload.token, 'TOKEN').replace(payload.id, 'ID').replace(payload.application_id, 'APP');
    expect(responses.map((response) => `${response.method} ${route(response.path)}`)).toEqual([
      'POST /interactions/ID/TOKEN/callback',
      'DELETE /webhooks/APP/TOKEN/messages/@original',
      'POST /webhooks/APP/TOKEN',
    ]);
    const followUp = responses[2] ? sentMessage(responses[2]) : undefined;
    expect((followUp?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(followUp?.content).toMatch(
      /^Something went wrong on Dossier's side\. .*error id: `[0-9a-f]{8}`\.$/,
    );
  });

  it('show an expected failure as it is, privately', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...failing] });
    const reply = await command('refuse', {});
    expect(reply).toMatchObject({
      content: 'That option needs a date such as 2022-01-13.',
      flags: MessageFlags.Ephemeral,
    });
  });

  it('never bring the bot down, even when the error message cannot be sent', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...failing] });
    bot.fake.failNext(
      'POST /interactions/:id/:token/callback',
      400,
      { message: 'Invalid Form Body', code: 50035 },
      { times: 2 },
    );
    const payload = chatInputInteraction({
      name: 'ask',
      options: { question: 'Who commanded the contingent?' },
    });
    await bot.interact(payload, 2);
    const running = bot;
    await expect
      .poll(() => running.logs.find((line) => line.msg === 'could not tell the user about a failure'))
      .toMatchObject({
        interactionId: payload.id,
      });
    const after = await command('ask', { question: 'Who commanded the contingent?' });
    expect(after?.embeds?.[0]?.description).toContain('Andrei Serdiukov');
    const raw = running.rawLogs.join('');
    expect(raw).not.toContain(TEST_TOKEN);
    expect(raw).not.toContain(payload.token);
  });

  it('answer a command Dossier no longer has with a clear message', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR });
    // A command registered by an older version of Dossier, and still shown by Discord until commands are deployed again.
    const reply = await command('weather', {});
    expect(reply).toMatchObject({
      content: 'This command is not available any more.',
      flags: MessageFlags.Ephemeral,
    });
  });
});

describe('logging', () => {
  it('records the question text at debug level only', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, env: { LOG_LEVEL: 'debug' } });
    const payload = chatInputInteraction({ name: 'ask', options: { question: 'Who is Karim Massimov?' } });
    await bot.interact(payload);
    const running = bot;
    await expect
      .poll(() => running.logs.find((line) => line.interactionId === payload.id && line.level === 20))
      .toMatchObject({
        options: { question: 'Who is Karim Massimov?' },
      });
    const refused = chatInputInteraction({ name: 'search', options: { query: 'xylophone quartet' } });
    await running.interact(refused);
    await expect
      .poll(() => running.logs.find((line) => line.interactionId === refused.id && line.msg === 'refused'))
      .toMatchObject({
        level: 20,
        reason: expect.stringContaining('xylophone quartet'),
      });
    const atInfo = running.logs.filter((line) => (line.level as number) >= 30);
    expect(JSON.stringify(atInfo)).not.toContain('Karim Massimov?');
    expect(JSON.stringify(atInfo)).not.toContain('xylophone');
  });
});
