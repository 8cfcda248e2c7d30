import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIUser,
  ApplicationCommandOptionType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { expect } from 'vitest';
import type { FakeDiscord } from '../../support/fakeDiscord.ts';
import {
  autocompleteInteraction,
  chatInputInteraction,
  fakeIds,
  type OptionValues,
  toOptions,
  user,
} from '../../support/payloads.ts';
import { startTestBot, type TestBot, type TestBotOptions } from '../../support/startTestBot.ts';
import { makeStoreDirs, STORE_UPLOADS, type StoreDirs, snapshotFiles } from '../corpus-store/storeFixture.ts';
import { callbackType, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';

/** The moderator who curates the corpus in these tests: Manage Server and the moderator role. */
export const MODERATOR_USER: APIUser = user({ username: 'aigerim', global_name: 'Aigerim' });
/** A regular member of the server. */
const MEMBER_USER: APIUser = user({ username: 'dana', global_name: 'Dana' });

/** Reloads and re-indexes run in a worker thread; its first start takes a moment on a busy machine. */
const REPLY_TIMEOUT_MS = 20_000;

export interface CorpusCall {
  /** A regular member instead of the moderator. */
  member?: boolean;
  /** Who runs it, instead of the usual moderator or member. */
  user?: APIUser;
  attachment?: APIAttachment;
  /** `null` for a DM. */
  guildId?: string | null;
}

export interface CorpusBot {
  bot: TestBot;
  dirs: StoreDirs;
  /** Runs `/corpus <subcommand>` and resolves with the message that ends it: the reply, or the deferred one's edit. */
  corpus(subcommand: string, options?: OptionValues, call?: CorpusCall): Promise<SentMessage | undefined>;
  /** Dispatches `/corpus <subcommand>` without waiting; `reply()` waits for its final message. */
  dispatch(
    subcommand: string,
    options?: OptionValues,
    call?: CorpusCall,
  ): { reply(): Promise<SentMessage | undefined> };
  /** Serves one of the fixture uploads (tests/fixtures/store-uploads) as a file attached to a command. */
  attach(file: string, overrides?: Partial<APIAttachment>): Promise<APIAttachment>;
  /** Serves `text` as a file attached to a command; one that `stalls` never finishes downloading. */
  attachText(
    filename: string,
    text: string | Uint8Array,
    overrides?: Partial<APIAttachment>,
    options?: { stalls?: boolean },
  ): APIAttachment;
  /** What `/ask` shows for a question. */
  ask(question: string): Promise<string>;
  /** The choices autocomplete offers for `/<command> [subcommand] <option>: typed`. */
  autocomplete(
    command: string,
    subcommand: string | undefined,
    option: string,
    typed: string,
    member?: boolean,
  ): Promise<Array<{ name: string; value: string }>>;
  /** Every message the bot posted to a channel outside an interaction: the announcements. */
  announcements(): SentMessage[];
  /** The corpus folder's and the data folder's files with their bytes, to compare before and after. */
  files(): Promise<{ corpus: Array<[string, string]>; data: Array<[string, string]> }>;
  /** The live corpus version. */
  version(): string;
  stop(): Promise<void>;
}

/** A `/corpus <subcommand>` interaction as the moderator (or a member) sends it, with its attachment. */
export function corpusInteraction(subcommand: string, values: OptionValues = {}, call: CorpusCall = {}) {
  const options: APIApplicationCommandInteractionDataOption[] = toOptions(values);
  if (call.attachment) {
    options.unshift({
      name: 'file',
      type: ApplicationCommandOptionType.Attachment,
      value: call.attachment.id,
    });
  }
  const payload = chatInputInteraction({
    name: 'corpus',
    subcommand,
    options,
    user: call.user ?? (call.member ? MEMBER_USER : MODERATOR_USER),
    moderator: !call.member,
    ...(call.guildId === undefined ? {} : { guildId: call.guildId }),
  });
  if (call.attachment) payload.data.resolved = { attachments: { [call.attachment.id]: call.attachment } };
  return payload;
}

/** The message that ends an interaction: the reply, or the deferred one's edit. */
export async function finalMessage(
  fake: FakeDiscord,
  interactionId: string,
): Promise<SentMessage | undefined> {
  const [first] = await fake.waitForInteractionResponses(interactionId, 1, REPLY_TIMEOUT_MS);
  if (!first) return undefined;
  if (callbackType([first]) !== InteractionResponseType.DeferredChannelMessageWithSource) {
    return sentMessage(first);
  }
  const responses = await fake.waitForInteractionResponses(interactionId, 2, REPLY_TIMEOUT_MS);
  const edit = responses[1] && sentMessage(responses[1]);
  // An edit cannot change who sees the message: the deferral decided that.
  const flags = (first.body as { data?: { flags?: number } }).data?.flags;
  return edit && { ...edit, ...(flags === undefined ? {} : { flags }) };
}

/**
 * Starts the real bot over a temporary copy of the store fixture corpus (three articles about the first
 * days of the unrest) and a temporary data folder, with helpers to curate it as a moderator or a member.
 */
export async function startCorpusBot(
  options: Omit<TestBotOptions, 'corpusDir'> & { dirs?: StoreDirs } = {},
): Promise<CorpusBot> {
  const { dirs: given, ...botOptions } = options;
  const dirs = given ?? (await makeStoreDirs());
  let bot: TestBot;
  try {
    bot = await startTestBot({
      ...botOptions,
      corpusDir: dirs.corpusDir,
      env: { DATA_DIR: dirs.dataDir, ...botOptions.env },
    });
  } catch (error) {
    await dirs.remove();
    throw error;
  }

  const corpusBot: CorpusBot = {
    bot,
    dirs,
    dispatch(subcommand, values, call) {
      const payload = bot.fake.interact(corpusInteraction(subcommand, values, call));
      return { reply: () => finalMessage(bot.fake, payload.id) };
    },
    corpus(subcommand, values, call) {
      return corpusBot.dispatch(subcommand, values, call).reply();
    },
    async attach(file, overrides) {
      return bot.fake.hostAttachment(file, await readFile(join(STORE_UPLOADS, file)), overrides);
    },
    attachText(filename, text, overrides, options) {
      return bot.fake.hostAttachment(filename, text, overrides, options);
    },
    async ask(question) {
      const [response] = await bot.interact(chatInputInteraction({ name: 'ask', options: { question } }));
      return visibleText(response && sentMessage(response));
    },
    async autocomplete(command, subcommand, option, typed, member = false) {
      const [response] = await bot.interact(
        autocompleteInteraction({
          name: command,
          ...(subcommand ? { subcommand } : {}),
          focused: { name: option, value: typed },
          user: member ? MEMBER_USER : MODERATOR_USER,
          moderator: !member,
        }),
      );
      const body = response?.body as {
        type: number;
        data: { choices: Array<{ name: string; value: string }> };
      };
      expect(body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      return body.data.choices;
    },
    announcements() {
      return bot.fake.requests
        .filter((request) => request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path))
        .map((request) => sentMessage(request))
        .filter((message) => message !== undefined);
    },
    async files() {
      return { corpus: await snapshotFiles(dirs.corpusDir), data: await snapshotFiles(dirs.dataDir) };
    },
    version() {
      return bot.bot.context.live.current.corpus.version;
    },
    async stop() {
      await bot.stop();
      await dirs.remove();
    },
  };
  return corpusBot;
}

/** The announce channel: the one channel the stand-in has. */
export const ANNOUNCE_ENV = { CORPUS_ANNOUNCE_CHANNEL_ID: fakeIds.channel };
