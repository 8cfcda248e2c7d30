import type { REST } from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { messageBody, type ReplyMessage } from '../render/ReplyMessage.ts';

/**
 * Posts messages to channels outside any interaction: change reports, scheduled digests. It goes through
 * the REST API, so it works the same whatever transport delivers interactions; mentions are always off.
 */
export class ChannelPoster {
  constructor(private readonly rest: REST) {}

  /** Posts `message` to a channel and returns the new message's id. */
  async post(channelId: string, message: ReplyMessage): Promise<string> {
    const body = messageBody({ ...message, ephemeral: false });
    const created = (await this.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
    return created.id;
  }
}
