import { REST } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { botSchema, parseSettings } from '../../src/config.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import { createBotContext } from '../../src/discord/runtime/BotContext.ts';
import { CommandOptions, type OptionData } from '../../src/discord/runtime/CommandOptions.ts';
import { commandRegistry, handleInteraction } from '../../src/discord/runtime/handleInteraction.ts';
import type {
  Choice,
  CommandRequest,
  ComponentRequest,
  InteractionBase,
  Responder,
  ResponseState,
} from '../../src/discord/runtime/InteractionRequest.ts';
import { ChannelPoster } from '../../src/discord/services/ChannelPoster.ts';
import { LiveIndex } from '../../src/search/LiveIndex.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';
import { KAZAKHSTAN_DIR, loadFixture } from './fixtureAnswers.ts';

/** A transport that is not the gateway: it records what handlers send, as an HTTP endpoint would relay it. */
class RecordingResponder implements Responder {
  readonly sent: Array<{ kind: string; message?: ReplyMessage }> = [];
  responseState: ResponseState = 'pending';
  deferredEphemeral = false;

  async defer(options: { ephemeral?: boolean } = {}) {
    this.sent.push({ kind: 'defer' });
    this.responseState = 'deferred';
    this.deferredEphemeral = options.ephemeral ?? false;
  }
  async reply(message: ReplyMessage) {
    this.sent.push({ kind: 'reply', message });
    this.responseState = 'replied';
  }
  async followUp(message: ReplyMessage) {
    this.sent.push({ kind: 'followUp', message });
  }
  async deleteReply() {
    this.sent.push({ kind: 'delete' });
  }
  async update(message: ReplyMessage) {
    this.sent.push({ kind: 'update', message });
    this.responseState = 'replied';
  }
}

const base = (id: string): InteractionBase => ({
  id,
  user: { id: '1100000000000000005', username: 'reader', displayName: 'Reader' },
  guildId: '1100000000000000002',
  channelId: '1100000000000000003',
  memberPermissions: 0n,
  memberRoleIds: [],
  appPermissions: null,
  locale: 'en-US',
  createdAt: new Date(),
});

let context: ReturnType<typeof createBotContext>['context'];

beforeAll(async () => {
  const corpus = await loadFixture(KAZAKHSTAN_DIR);
  const config = parseSettings(botSchema, {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: '1100000000000000001',
    CORPUS_DIR: KAZAKHSTAN_DIR,
    LOG_LEVEL: 'silent',
  });
  context = createBotContext({
    config,
    commands,
    live: new LiveIndex({
      corpus,
      index: PassageIndex.build(corpus),
      loadedAt: new Date(),
      loadedBy: 'test',
    }),
    logger: pino({ level: 'silent' }),
    channels: new ChannelPoster(new REST()),
  }).context;
});

describe('handlers outside the gateway', () => {
  it('answer /ask and page through the answers with no discord.js interaction at all', async () => {
    const options: OptionData[] = [
      {
        name: 'question',
        type: ApplicationCommandOptionType.String,
        value: 'How many soldiers were in the contingent?',
      },
    ];
    const command = Object.assign(new RecordingResponder(), {
      kind: 'command' as const,
      ...base('1'),
      commandName: 'ask',
      options: new CommandOptions(options),
      targetMessage: null,
    }) satisfies CommandRequest;
    await handleInteraction(command, commandRegistry(commands), context);
    const [reply] = command.sent;
    expect(reply?.kind).toBe('reply');
    expect(reply?.message?.embeds?.[0]?.footer?.text).toMatch(/^Answer 1 of \d/);
    const next = reply?.message?.components?.[0]?.components.find(
      (button) => 'label' in button && button.label === 'Next ▶',
    );
    const button = Object.assign(new RecordingResponder(), {
      kind: 'component' as const,
      ...base('2'),
      customId: next && 'custom_id' in next ? next.custom_id : '',
      values: [],
      message: { id: '3', ephemeral: false, ownerId: '1100000000000000005' },
    }) satisfies ComponentRequest;
    await handleInteraction(button, commandRegistry(commands), context);
    expect(button.sent[0]?.kind).toBe('update');
    expect(button.sent[0]?.message?.embeds?.[0]?.footer?.text).toMatch(/^Answer 2 of \d/);
  });

  it('suggest completions through whatever sends them', async () => {
    let choices: readonly Choice[] = [];
    await context.suggester.whenReady();
    await handleInteraction(
      {
        kind: 'autocomplete',
        ...base('4'),
        commandName: 'ask',
        options: new CommandOptions([
          {
            name: 'question',
            type: ApplicationCommandOptionType.String,
            value: 'what happened in alm',
            focused: true,
          },
        ]),
        focused: { name: 'question', value: 'what happened in alm' },
        respond: async (sent) => {
          choices = sent;
        },
      },
      commandRegistry(commands),
      context,
    );
    expect(choices.map((choice) => choice.value)).toContain('what happened in Almaty');
  });
});
