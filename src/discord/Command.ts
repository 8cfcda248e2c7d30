import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { BotConfig } from '../config.ts';
import type { BotContext } from './BotContext.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import type { AutocompleteRequest, Choice, CommandRequest, ComponentRequest } from './InteractionRequest.ts';

/** A command's registration data: plain JSON, exactly what `deploy-commands` sends to Discord. */
export type CommandData =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** Handles a button or menu whose custom id is `${commandName}:${action}:${args.join(':')}`. */
type ComponentHandler = (request: ComponentRequest, context: BotContext, args: string[]) => Promise<void>;

/**
 * One slash or context-menu command: its data and thin handlers that parse options, call the engine and
 * hand the result to a renderer. Handlers see only transport-neutral requests, never discord.js objects.
 */
export interface Command {
  readonly data: CommandData;
  /** Seconds between two uses by the same person, read from the settings; none when absent or 0. */
  readonly cooldownSeconds?: (config: BotConfig) => number;
  execute(request: CommandRequest, context: BotContext): Promise<void>;
  /** Suggestions for the option being typed; the router keeps them within Discord's limits. */
  autocomplete?(
    request: AutocompleteRequest,
    context: BotContext,
  ): Promise<readonly Choice[]> | readonly Choice[];
  /** Handlers for this command's buttons and menus, by action. */
  readonly components?: Readonly<Record<string, ComponentHandler>>;
  /**
   * Whether the settings turn the command on; when they do not, it still answers (saying how to turn it on)
   * but `/about` does not offer it. Always on when absent.
   */
  readonly enabled?: (config: BotConfig) => boolean;
}

/** Builds the custom id of a button or menu routed back to `command`'s component handler for `action`. */
export function customId(command: string, action: string, ...args: Array<string | number>): string {
  const id = [command, action, ...args].join(':');
  if (id.length > DISCORD_LIMITS.customId) throw new Error(`discord: custom id too long: ${id}`);
  return id;
}

/** Splits a custom id into the command, the action and its arguments. */
export function parseCustomId(id: string): { command: string; action: string; args: string[] } {
  const [command = '', action = '', ...args] = id.split(':');
  return { command, action, args };
}
