import type { BotConfig } from '../../config.ts';
import { DISCORD_LIMITS } from '../render/discordLimits.ts';
import type { BotContext } from './BotContext.ts';
import type { CommandListing } from './CommandData.ts';
import type { AutocompleteRequest, Choice, CommandRequest, ComponentRequest } from './InteractionRequest.ts';

/** Handles a button or menu whose custom id is `${commandName}:${action}:${args.join(':')}`. */
type ComponentHandler = (request: ComponentRequest, context: BotContext, args: string[]) => Promise<void>;

/**
 * One slash or context-menu command: its data and thin handlers that parse options, call the engine and
 * hand the result to a renderer. Handlers see only transport-neutral requests, never discord.js objects.
 */
export interface Command extends CommandListing {
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
