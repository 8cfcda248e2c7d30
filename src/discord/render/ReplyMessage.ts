import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord-api-types/v10';
import { MessageFlags } from 'discord-api-types/v10';

/** A message as handlers produce it, in Discord's API shape, whatever transport delivers it. */
export interface ReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Shown only to the person who used the command. Ignored when updating an existing message. */
  ephemeral?: boolean;
}

/** Dossier never pings anyone: not users, not roles, not @everyone, whatever the text contains. */
export const NO_MENTIONS: APIAllowedMentions = Object.freeze({ parse: [] }) as APIAllowedMentions;

/** The JSON body Discord takes for a new message, reply or edit, with mentions always disabled. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  flags?: number;
  allowed_mentions: APIAllowedMentions;
}

/** Turns a reply into the body of an API request, for any transport that talks to Discord's REST API. */
export function messageBody(message: ReplyMessage): MessageBody {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds ? { embeds: message.embeds } : {}),
    ...(message.components ? { components: message.components } : {}),
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowed_mentions: { parse: [] },
  };
}

/** The JSON body of an edit: visibility cannot change once a message exists, so it carries no flags. */
export function editBody(message: ReplyMessage): Omit<MessageBody, 'flags'> {
  const { flags: _visibilityIsFixed, ...body } = messageBody(message);
  return body;
}
