import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { renderDigest } from '../src/discord/render/renderDigest.ts';
import { ChannelHistoryError } from '../src/discord/runtime/ChannelHistory.ts';
import type { Command } from '../src/discord/runtime/Command.ts';
import {
  DIGEST_DISABLED_MESSAGE,
  INTENT_MISSING_MESSAGE,
  parseSince,
  readRefused,
  requireReadAccess,
} from '../src/discord/runtime/digestRequirements.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import { digestMessages } from '../src/summary/digestMessages.ts';

const MIN_MESSAGES = 10;
const MAX_MESSAGES = 200;
/** Messages read when neither `messages` nor `since` says. */
const DEFAULT_MESSAGES = 50;
/** A digest has about one line per six messages by people, within these bounds. */
const MIN_LINES = 3;
const MAX_LINES = 10;

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'digest',
    description: "The key messages of this channel's recent discussion, with sources beside matching claims",
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'messages',
        description: `How many recent messages to read, ${MIN_MESSAGES}–${MAX_MESSAGES} (default ${DEFAULT_MESSAGES})`,
        min_value: MIN_MESSAGES,
        max_value: MAX_MESSAGES,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'since',
        description: 'Only messages from this long ago, e.g. 30m, 2h or 1d',
        max_length: 20,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the digest only to you (by default the channel sees it)',
      },
    ],
  },

  cooldownSeconds: (config) => config.ASK_COOLDOWN_SECONDS,

  enabled: (config) => config.ENABLE_CHANNEL_DIGEST,

  async execute(request, context) {
    if (!context.config.ENABLE_CHANNEL_DIGEST) throw new UserError(DIGEST_DISABLED_MESSAGE);
    const { channelId, guildId } = request;
    if (!channelId || !guildId) throw new UserError('`/digest` reads a server channel; use it in one.');
    if (!context.channelHistory) throw new UserError('This Dossier cannot read channel history.');
    const count = request.options.integer('messages');
    if (count !== undefined && (count < MIN_MESSAGES || count > MAX_MESSAGES)) {
      throw new UserError(`\`messages\` must be from ${MIN_MESSAGES} to ${MAX_MESSAGES}.`);
    }
    const sinceText = request.options.string('since');
    const sinceMs = sinceText === undefined ? undefined : parseSince(sinceText);
    requireReadAccess(request.appPermissions);

    const ephemeral = request.options.boolean('private') ?? false;
    // Reading a hundred messages at a time can take longer than Discord waits for an answer.
    await request.defer({ ephemeral });
    const limit = count ?? (sinceMs === undefined ? DEFAULT_MESSAGES : MAX_MESSAGES);
    const since = sinceMs === undefined ? undefined : new Date(request.createdAt.getTime() - sinceMs);
    let history: Awaited<ReturnType<NonNullable<typeof context.channelHistory>['recent']>>;
    try {
      history = await context.channelHistory.recent({
        channelId,
        guildId,
        limit,
        ...(since ? { since } : {}),
      });
    } catch (error) {
      if (error instanceof ChannelHistoryError && error.reason === 'no-access') throw readRefused();
      throw error;
    }
    if (history.messages.length === 0) {
      throw new UserError(
        sinceText
          ? `Nothing was posted here in the past ${sinceText.trim()}.`
          : 'Nothing was posted here yet.',
      );
    }
    if (history.withheld > 0 && history.withheld * 2 >= history.fromPeople) {
      throw new UserError(INTENT_MISSING_MESSAGE);
    }
    const lines = Math.min(MAX_LINES, Math.max(MIN_LINES, Math.round(history.fromPeople / 6)));
    const digest = digestMessages(history.messages, context.live.current.index, { limit: lines });
    if (digest.lines.length === 0) {
      const { bots, commands, short } = digest.skipped;
      throw new UserError(
        `Nothing to digest in the last ${history.messages.length} messages: ${bots} from bots, ${commands} commands, ${short} too short to say anything. Nothing was posted.`,
      );
    }
    await request.reply({
      ...renderDigest({
        digest,
        channelId,
        read: history.messages.length,
        ...(sinceText ? { since: sinceText.trim() } : {}),
      }),
      ephemeral,
    });
  },
} satisfies Command;
