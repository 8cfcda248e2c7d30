import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type APIInteraction,
  ApplicationCommandOptionType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../support/fakeDiscord.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  message,
  messageContextMenuInteraction,
  pingInteraction,
  user,
} from '../../support/payloads.ts';
import { HTTP_REPLY_TIMEOUT_MS, startTestHttpBot, type TestHttpBot } from '../../support/startTestHttpBot.ts';
import { MODERATOR_USER } from '../bot/corpusTestBot.ts';
import {
  buttons,
  callbackType,
  isEphemeral,
  messageCarrying,
  type SentMessage,
  sentMessage,
  visibleText,
} from '../bot/discordBodies.ts';
import { makeStoreDirs, STORE_UPLOADS, type StoreDirs } from '../corpus-store/storeFixture.ts';

let bot: TestHttpBot;
let dirs: StoreDirs;

beforeAll(async () => {
  dirs = await makeStoreDirs();
  bot = await startTestHttpBot({
    corpusDir: dirs.corpusDir,
    env: { DATA_DIR: dirs.dataDir, ENABLE_CHANNEL_DIGEST: 'true' },
  });
});
afterAll(async () => {
  await bot?.stop();
  await dirs?.remove();
});

const command = (name: string, options: Record<string, string | number | boolean> = {}) =>
  chatInputInteraction({ name, options });

/** The message an interaction ends with: its HTTP answer, or the webhook edit that completes a deferral. */
async function finalMessage(payload: APIInteraction): Promise<{ first?: number; message?: SentMessage }> {
  const [first] = await bot.interact(payload);
  const type = callbackType(first ? [first] : []);
  if (type !== InteractionResponseType.DeferredChannelMessageWithSource) {
    return { first: type, message: first && sentMessage(first) };
  }
  const [, completed] = await bot.fake.waitForInteractionResponses(payload.id, 2, HTTP_REPLY_TIMEOUT_MS);
  return { first: type, message: completed && sentMessage(completed) };
}

/** The values of the suggestions an autocomplete response carries. */
function choiceValues(response: RecordedRequest | undefined): string[] {
  const body = response?.body as { data?: { choices?: Array<{ value: string }> } } | undefined;
  return (body?.data?.choices ?? []).map((choice) => choice.value);
}

const documentIds = () => bot.bot.context.live.current.corpus.documents.map((document) => document.id);

describe('the interactions endpoint', () => {
  it('answers a signed PING with a PONG, as the Developer Portal checks before saving the URL', async () => {
    const ping = await bot.deliver(pingInteraction());
    expect(ping).toEqual({ status: 200, body: { type: InteractionResponseType.Pong } });
  });

  it('says it is ready on /healthz once the corpus is loaded', async () => {
    const health = await fetch(bot.bot.interactionsUrl.replace('/interactions', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ready' });
  });
});

describe('requests that do not come from Discord', () => {
  // A moderator's removal: were it ever handled, an article would leave the corpus.
  const removal = () =>
    chatInputInteraction({
      name: 'corpus',
      subcommand: 'remove',
      options: { document: 'airport-reopens' },
      user: MODERATOR_USER,
      moderator: true,
    });

  async function expectNothingChanged(payload: APIInteraction) {
    expect(documentIds()).toContain('airport-reopens');
    await expect(readFile(join(dirs.corpusDir, 'airport-reopens.txt'), 'utf8')).resolves.toMatch(/Almaty/);
    expect(bot.fake.interactionResponses(payload.id)).toEqual([]);
    expect(bot.logs.some((line) => line.interactionId === payload.id)).toBe(false);
  }

  it('refuses a body changed after it was signed (401)', async () => {
    const payload = removal();
    const signed = JSON.stringify({ ...payload, data: { ...payload.data, name: 'about' } });
    const tampered = JSON.stringify(payload);
    const answer = await bot.post(tampered, bot.fake.signatureHeaders(signed));
    expect(answer).toEqual({ status: 401, body: { error: 'invalid request signature' } });
    await expectNothingChanged(payload);
  });

  it('refuses a request signed with another key (401)', async () => {
    const payload = removal();
    const body = JSON.stringify(payload);
    const { privateKey } = generateKeyPairSync('ed25519');
    const answer = await bot.post(body, bot.fake.signatureHeaders(body, { privateKey }));
    expect(answer.status).toBe(401);
    await expectNothingChanged(payload);
  });

  it('refuses a request signed ten minutes ago, as a replay (401)', async () => {
    const payload = removal();
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000) - 600;
    const answer = await bot.post(body, bot.fake.signatureHeaders(body, { timestamp }));
    expect(answer.status).toBe(401);
    await expectNothingChanged(payload);
  });

  it('refuses a request without the signature headers (401)', async () => {
    const payload = removal();
    const headers = bot.fake.signatureHeaders(JSON.stringify(payload));
    const answer = await bot.post(JSON.stringify(payload), {
      'x-signature-timestamp': headers['x-signature-timestamp'] ?? '',
    });
    expect(answer.status).toBe(401);
    const unsigned = await bot.post(JSON.stringify(payload), {});
    expect(unsigned.status).toBe(401);
    await expectNothingChanged(payload);
  });

  it('refuses a body larger than any interaction, even when signed (413)', async () => {
    const payload = removal();
    const body = JSON.stringify({ ...payload, padding: 'x'.repeat(400 * 1024) });
    const answer = await bot.post(body, bot.fake.signatureHeaders(body));
    expect(answer).toEqual({ status: 413, body: { error: 'request body too large' } });
    await expectNothingChanged(payload);
  });

  it('refuses a signed body that is not JSON (400)', async () => {
    const payload = removal();
    const body = JSON.stringify(payload).slice(0, 120);
    const answer = await bot.post(body, bot.fake.signatureHeaders(body));
    expect(answer).toEqual({ status: 400, body: { error: 'the body is not valid JSON' } });
    await expectNothingChanged(payload);
  });
});

describe('every command over HTTP', () => {
  it('/ask answers in the HTTP response, and a Next button turns the page in place', async () => {
    const { first, message: reply } = await finalMessage(
      command('ask', { question: 'How many people were detained?' }),
    );
    expect(first).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply?.embeds?.[0]?.title).toBe('How many people were detained?');
    expect(reply?.embeds?.[0]?.description).toContain('**');
    expect(reply?.allowed_mentions).toEqual({ parse: [] });

    const source = await finalMessage(command('source', { document: 'state-of-emergency' }));
    const next = buttons(source.message).get('Next ▶')?.customId;
    expect(next).toBe('source:para:state-of-emergency:2');
    const click = buttonInteraction({
      customId: next ?? '',
      message: messageCarrying(bot.fake, source.message as SentMessage),
    });
    const [turned] = await bot.interact(click);
    expect(callbackType(turned ? [turned] : [])).toBe(InteractionResponseType.UpdateMessage);
    expect(visibleText(turned && sentMessage(turned))).toContain(
      'A curfew from 11 p.m. to 7 a.m. was imposed in both places.',
    );
  });

  it('completes a question from the articles while it is typed', async () => {
    const [choices] = await bot.interact(
      autocompleteInteraction({
        name: 'ask',
        focused: { name: 'question', value: 'who declared the state of em' },
      }),
    );
    expect(choices?.body).toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    });
    const values = choiceValues(choices);
    expect(values.some((value) => /state of emergency/.test(value))).toBe(true);
  });

  it('/search, /source, /summary, /timeline and /about answer with their quotes and citations', async () => {
    const search = await finalMessage(command('search', { query: 'curfew' }));
    expect(search.message?.embeds?.[0]?.title).toBe('Passages matching “curfew”');
    expect(visibleText(search.message)).toMatch(/A \*\*curfew\*\* from 11 p\.m\. to 7 a\.m\./);

    const [documents] = await bot.interact(
      autocompleteInteraction({ name: 'source', focused: { name: 'document', value: 'emergency' } }),
    );
    const [picked] = choiceValues(documents);
    expect(picked).toBe('state-of-emergency');
    const source = await finalMessage(command('source', { document: picked ?? '', paragraph: 2 }));
    expect(visibleText(source.message)).toContain(
      'A curfew from 11 p.m. to 7 a.m. was imposed in both places.',
    );

    const summary = await finalMessage(command('summary', { length: 'short' }));
    expect(visibleText(summary.message)).toMatch(/· 2022-01-0\d · ¶\d/);

    const timeline = await finalMessage(command('timeline'));
    expect(visibleText(timeline.message)).toMatch(/\*\*2022-01-05\*\*/);

    const about = await finalMessage(command('about'));
    expect(visibleText(about.message)).toMatch(/^About Dossier$[\s\S]*2022-01-04 to 2022-01-13/m);
  });

  it('/digest reads the channel over REST, deferring in the HTTP response and finishing through the webhook', async () => {
    const author = user({ username: 'marat', global_name: 'Marat' });
    const now = Date.now();
    bot.fake.seedMessages([
      message({
        at: now - 5 * 60_000,
        author,
        content: 'A curfew from 11 p.m. to 7 a.m. was imposed in Almaty',
      }),
      message({
        at: now - 4 * 60_000,
        author,
        content: 'The government of Askar Mamin resigned this morning',
      }),
      message({
        at: now - 3 * 60_000,
        author,
        content: 'Protesters stormed the mayor office in Almaty afternoon',
      }),
    ]);
    const { first, message: digest } = await finalMessage(command('digest', { since: '1h' }));
    expect(first).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(visibleText(digest)).toContain('Marat');
    expect(visibleText(digest)).toMatch(/curfew/);
  });

  it('Check against sources quotes the passages bearing on the message, privately', async () => {
    const target = message({
      author: user({ username: 'dana' }),
      content: 'Someone said a curfew was imposed in Almaty from 11 p.m. to 7 a.m.',
    });
    const { message: check } = await finalMessage(
      messageContextMenuInteraction({ name: 'Check against sources', targetMessage: target }),
    );
    expect(isEphemeral(check)).toBe(true);
    expect(visibleText(check)).toMatch(/\*\*A curfew from 11 p\.m\. to 7 a\.m\./);
  });

  it('/corpus add downloads the attached article, defers, and reports through the webhook; /ask then quotes it', async () => {
    const bytes = await readFile(join(STORE_UPLOADS, 'detention-figures.md'));
    const attachment = bot.fake.hostAttachment('detention-figures.md', bytes);
    const payload = chatInputInteraction({
      name: 'corpus',
      subcommand: 'add',
      options: [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: attachment.id }],
      user: MODERATOR_USER,
      moderator: true,
    });
    payload.data.resolved = { attachments: { [attachment.id]: attachment } };
    const { first, message: report } = await finalMessage(payload);
    expect(first).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(report)).toBe(false);
    expect(visibleText(report)).toMatch(/Interior ministry says thousands were detained/);
    expect(documentIds()).toContain('detention-figures');
    await expect(readFile(join(dirs.corpusDir, 'detention-figures.md'))).resolves.toEqual(bytes);

    const { message: answer } = await finalMessage(
      command('ask', { question: 'How many people were detained across the country?' }),
    );
    expect(answer?.embeds?.[0]?.description).toMatch(/\*\*[^*]*7,939 people had been detained/);
  });
});
