import {
  type AnySelectMenuInteraction,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  GuildMember,
  type Interaction,
  type InteractionReplyOptions,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type RepliableInteraction,
  type UserContextMenuCommandInteraction,
} from 'discord.js';

type GatewayCommand =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | UserContextMenuCommandInteraction;
type GatewayComponent = ButtonInteraction | AnySelectMenuInteraction;

import { NO_MENTIONS, type ReplyMessage } from '../render/ReplyMessage.ts';
import { type AttachmentInfo, CommandOptions, type OptionData } from './CommandOptions.ts';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentRequest,
  InteractionBase,
  InteractionRequest,
  InteractionUser,
  Responder,
  ResponseState,
  TargetMessage,
} from './InteractionRequest.ts';

/** A reply in the form discord.js takes, mentions always off. */
function replyOptions(message: ReplyMessage): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds ? { embeds: message.embeds } : {}),
    ...(message.components ? { components: message.components } : {}),
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowedMentions: NO_MENTIONS,
  };
}

/** An edit in the form discord.js takes: visibility cannot change once a message exists. */
function editOptions(message: ReplyMessage) {
  const { flags: _visibilityIsFixed, ...options } = replyOptions(message);
  return options;
}

/** Answers through discord.js's interaction methods, tracking what has been sent. */
class GatewayResponder implements Responder {
  private state: ResponseState = 'pending';
  private privately = false;

  constructor(private readonly interaction: RepliableInteraction) {}

  get responseState(): ResponseState {
    return this.state;
  }

  get deferredEphemeral(): boolean {
    return this.state === 'deferred' && this.privately;
  }

  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    await this.interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.state = 'deferred';
    this.privately = options.ephemeral ?? false;
  }

  async reply(message: ReplyMessage): Promise<void> {
    if (this.state === 'replied')
      throw new Error('discord: the interaction was answered already; use followUp');
    if (this.state === 'deferred') await this.interaction.editReply(editOptions(message));
    else await this.interaction.reply(replyOptions(message));
    this.state = 'replied';
  }

  async followUp(message: ReplyMessage): Promise<void> {
    await this.interaction.followUp(replyOptions(message));
  }

  async deleteReply(): Promise<void> {
    await this.interaction.deleteReply();
  }

  async update(message: ReplyMessage): Promise<void> {
    if (this.state !== 'pending') throw new Error('discord: the interaction was answered already');
    await (this.interaction as GatewayComponent).update(editOptions(message));
    this.state = 'replied';
  }
}

function userOf(interaction: BaseInteraction): InteractionUser {
  const { member, user } = interaction;
  const nickname = member instanceof GuildMember ? member.displayName : member?.nick;
  return { id: user.id, username: user.username, displayName: nickname ?? user.displayName };
}

function roleIdsOf(interaction: BaseInteraction): string[] {
  const { member } = interaction;
  if (!member) return [];
  // A member of a cached guild (the Guilds intent caches every role) or, uncached, the raw API member.
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

function baseOf(interaction: BaseInteraction): InteractionBase {
  return {
    id: interaction.id,
    user: userOf(interaction),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
    memberRoleIds: roleIdsOf(interaction),
    appPermissions: interaction.appPermissions?.bitfield ?? null,
    locale: interaction.locale,
    createdAt: interaction.createdAt,
  };
}

function optionsOf(data: readonly CommandInteractionOption[]): CommandOptions {
  const attachments = new Map<string, AttachmentInfo>();
  const visit = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.attachment) {
        const { id, name, size, url, contentType } = option.attachment;
        attachments.set(id, { id, filename: name, size, url, ...(contentType ? { contentType } : {}) });
      }
      if (option.options) visit(option.options);
    }
  };
  visit(data);
  return new CommandOptions(data as readonly OptionData[], attachments);
}

function targetMessageOf(message: Message): TargetMessage {
  return {
    id: message.id,
    channelId: message.channelId,
    guildId: message.guildId,
    content: message.content,
    author: {
      id: message.author.id,
      username: message.author.username,
      displayName: message.member?.displayName ?? message.author.displayName,
      bot: message.author.bot,
    },
    createdAt: message.createdAt.toISOString(),
  };
}

function commandRequest(interaction: GatewayCommand): CommandRequest {
  return Object.assign(new GatewayResponder(interaction), {
    kind: 'command' as const,
    ...baseOf(interaction),
    commandName: interaction.commandName,
    options: optionsOf(interaction.options.data),
    targetMessage: interaction.isMessageContextMenuCommand()
      ? targetMessageOf(interaction.targetMessage)
      : null,
  });
}

function componentRequest(interaction: GatewayComponent): ComponentRequest {
  return Object.assign(new GatewayResponder(interaction), {
    kind: 'component' as const,
    ...baseOf(interaction),
    customId: interaction.customId,
    values: interaction.isAnySelectMenu() ? interaction.values : [],
    message: {
      id: interaction.message.id,
      ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral),
      ownerId: interaction.message.interactionMetadata?.user.id ?? null,
    },
  });
}

function autocompleteRequest(interaction: AutocompleteInteraction): AutocompleteRequest {
  const focused = interaction.options.getFocused(true);
  return {
    kind: 'autocomplete',
    ...baseOf(interaction),
    commandName: interaction.commandName,
    options: optionsOf(interaction.options.data),
    focused: { name: focused.name, value: String(focused.value) },
    respond: (choices: readonly Choice[]) => interaction.respond([...choices]),
  };
}

/**
 * Maps a discord.js gateway interaction to the transport-neutral request handlers take, with a responder
 * that answers through discord.js; `undefined` for kinds Dossier does not handle (modals, for now).
 */
export function requestFromGateway(interaction: Interaction): InteractionRequest | undefined {
  if (interaction.isAutocomplete()) return autocompleteRequest(interaction);
  if (
    interaction.isChatInputCommand() ||
    interaction.isMessageContextMenuCommand() ||
    interaction.isUserContextMenuCommand()
  ) {
    return commandRequest(interaction);
  }
  if (interaction.isButton() || interaction.isAnySelectMenu()) return componentRequest(interaction);
  return undefined;
}
