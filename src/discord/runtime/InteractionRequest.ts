import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { ReplyMessage } from '../render/ReplyMessage.ts';
import type { CommandOptions } from './CommandOptions.ts';

/** The person who used a command or pressed a button. */
export interface InteractionUser {
  id: string;
  username: string;
  /** Their server nickname, else their display name, else their username. */
  displayName: string;
}

/** The message a message context-menu command was used on. */
export interface TargetMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  content: string;
  author: InteractionUser & { bot: boolean };
  /** ISO 8601. */
  createdAt: string;
}

/** The message a button or menu sits on. */
interface ComponentMessage {
  id: string;
  ephemeral: boolean;
  /** Who used the command that produced the message, when Discord says. */
  ownerId: string | null;
}

/** What every interaction carries, independent of how it reached the bot (gateway or HTTP endpoint). */
export interface InteractionBase {
  /** The interaction id: the key that ties log lines together. */
  id: string;
  user: InteractionUser;
  guildId: string | null;
  channelId: string | null;
  /** The member's permissions in this channel; `null` outside a server. */
  memberPermissions: bigint | null;
  memberRoleIds: readonly string[];
  /** What the bot itself may do in this channel; `null` when Discord does not say. */
  appPermissions: bigint | null;
  locale: string;
  /** When Discord created the interaction (from its snowflake), for latency. */
  createdAt: Date;
}

export type ResponseState = 'pending' | 'deferred' | 'replied';

/** How a handler answers. Each transport implements it; mentions are disabled on everything it sends. */
export interface Responder {
  readonly responseState: ResponseState;
  /** Whether the deferral, if any, was private: only then may an error replace its placeholder in place. */
  readonly deferredEphemeral: boolean;
  /**
   * Acknowledges at once and shows "thinking…"; the next `reply` replaces it. Call it before work that
   * can take more than a second: Discord drops interactions not answered within three.
   */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** The answer: a new reply, or the deferred placeholder replaced. Call once; use `followUp` for more. */
  reply(message: ReplyMessage): Promise<void>;
  /** A further message after the reply. */
  followUp(message: ReplyMessage): Promise<void>;
  /** Removes the reply (or the deferred placeholder). */
  deleteReply(): Promise<void>;
}

export interface CommandRequest extends InteractionBase, Responder {
  kind: 'command';
  commandName: string;
  options: CommandOptions;
  /** For message context-menu commands: the message it was used on. */
  targetMessage: TargetMessage | null;
}

export interface ComponentRequest extends InteractionBase, Responder {
  kind: 'component';
  customId: string;
  /** Selected values, for select menus. */
  values: readonly string[];
  message: ComponentMessage;
  /** Replaces the message the component sits on, in place, instead of replying. */
  update(message: ReplyMessage): Promise<void>;
}

export interface AutocompleteRequest extends InteractionBase {
  kind: 'autocomplete';
  commandName: string;
  options: CommandOptions;
  /** The option being typed and what has been typed so far. */
  focused: { name: string; value: string };
  /** Sends the suggestions; the router calls it with what the command's `autocomplete` returned. */
  respond(choices: readonly Choice[]): Promise<void>;
}

export type Choice = APIApplicationCommandOptionChoice<string | number>;

/** Any interaction, with the means to answer it. */
export type InteractionRequest = CommandRequest | ComponentRequest | AutocompleteRequest;
