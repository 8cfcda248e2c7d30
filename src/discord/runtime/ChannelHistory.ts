import { DiscordAPIError, type REST } from 'discord.js';
import { type APIMessage, MessageType, RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import type { ChannelMessage } from '../../summary/types.ts';

/** Discord returns at most this many messages per request. */
const MESSAGES_PER_REQUEST = 100;

/** Server nicknames of some users, by user id; users without one are left out. */
export type MemberNicknames = (guildId: string, userIds: readonly string[]) => Promise<Map<string, string>>;

export interface HistoryRequest {
  channelId: string;
  guildId: string | null;
  /** At most this many messages, newest first, counting every kind. */
  limit: number;
  /** Only messages posted at or after this time. */
  since?: Date;
}

/** A channel's recent messages as plain data, and what Discord withheld from them. */
export interface FetchedHistory {
  /** Oldest first: people's messages and bots', without system notices (joins, pins). */
  messages: ChannelMessage[];
  /** Messages by people, of any content. */
  fromPeople: number;
  /**
   * Messages by people whose text, embeds and attachments all came back empty: Discord withholds them when
   * the application's Message Content intent is off.
   */
  withheld: number;
}

/** Why a channel's history could not be read. */
export class ChannelHistoryError extends Error {
  override name = 'ChannelHistoryError';
  constructor(
    readonly reason: 'no-access' | 'unknown-channel',
    message: string,
  ) {
    super(message);
  }
}

// Discord withholds these from apps without the Message Content intent; a message always has one of them.
function isWithheld(message: APIMessage): boolean {
  return (
    message.content === '' &&
    message.attachments.length === 0 &&
    message.embeds.length === 0 &&
    (message.sticker_items?.length ?? 0) === 0 &&
    !message.poll
  );
}

function isFromBot(message: APIMessage): boolean {
  return Boolean(message.author.bot || message.author.system || message.webhook_id);
}

/** Posts of the discussion, as opposed to notices Discord writes (joins, pins, boosts, threads opened). */
function isDiscussion(message: APIMessage): boolean {
  return message.type === MessageType.Default || message.type === MessageType.Reply || isFromBot(message);
}

/**
 * Reads a channel's recent messages through Discord's REST API, a hundred per request, newest first, until it
 * has enough or reaches the start of the time asked for. Authors are named as members see them: server
 * nickname, else display name, else username.
 */
export class ChannelHistory {
  constructor(
    private readonly rest: REST,
    private readonly nicknames?: MemberNicknames,
  ) {}

  async recent(request: HistoryRequest): Promise<FetchedHistory> {
    const fetched: APIMessage[] = [];
    let before: string | undefined;
    while (fetched.length < request.limit) {
      const limit = Math.min(MESSAGES_PER_REQUEST, request.limit - fetched.length);
      const page = await this.page(request.channelId, limit, before);
      const recent = request.since
        ? page.filter((message) => Date.parse(message.timestamp) >= (request.since as Date).getTime())
        : page;
      fetched.push(...recent);
      const oldest = page.at(-1);
      if (!oldest || page.length < limit || recent.length < page.length) break;
      before = oldest.id;
    }
    const discussion = fetched.filter(isDiscussion).reverse();
    const people = discussion.filter((message) => !isFromBot(message));
    const nicknames = await this.nicknamesOf(request.guildId, people);
    return {
      messages: discussion.map((message) => toChannelMessage(message, request.guildId, nicknames)),
      fromPeople: people.length,
      withheld: people.filter(isWithheld).length,
    };
  }

  private async page(channelId: string, limit: number, before: string | undefined): Promise<APIMessage[]> {
    const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
    try {
      return (await this.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    } catch (error) {
      if (error instanceof DiscordAPIError) {
        if (
          error.code === RESTJSONErrorCodes.MissingAccess ||
          error.code === RESTJSONErrorCodes.MissingPermissions
        )
          throw new ChannelHistoryError(
            'no-access',
            `discord: cannot read channel ${channelId}: ${error.message}`,
          );
        if (error.code === RESTJSONErrorCodes.UnknownChannel)
          throw new ChannelHistoryError('unknown-channel', `discord: unknown channel ${channelId}`);
      }
      throw error;
    }
  }

  private async nicknamesOf(
    guildId: string | null,
    messages: readonly APIMessage[],
  ): Promise<Map<string, string>> {
    // Messages read over REST carry no member data: nicknames come from the guild's members.
    if (!guildId || !this.nicknames || messages.length === 0) return new Map();
    return this.nicknames(guildId, [...new Set(messages.map((message) => message.author.id))]);
  }
}

function toChannelMessage(
  message: APIMessage,
  guildId: string | null,
  nicknames: ReadonlyMap<string, string>,
): ChannelMessage {
  const { author } = message;
  return {
    id: message.id,
    channelId: message.channel_id,
    guildId,
    authorId: author.id,
    authorName: nicknames.get(author.id) ?? author.global_name ?? author.username,
    isBot: isFromBot(message),
    content: message.content,
    createdAt: new Date(message.timestamp).toISOString(),
  };
}
