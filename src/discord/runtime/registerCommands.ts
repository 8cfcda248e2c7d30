import { REST } from 'discord.js';
import { type APIApplicationCommand, ApplicationCommandType, Routes } from 'discord-api-types/v10';
import type { BotConfig } from '../../config.ts';
import type { Command } from './Command.ts';
import { validateCommandData } from './validateCommandData.ts';

export interface RegisteredCommands {
  /** The server the commands were registered in, or `null` when they were registered globally. */
  guildId: string | null;
  commands: APIApplicationCommand[];
}

type RegistrationConfig = Pick<
  BotConfig,
  'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_BASE'
>;

/** How a member finds a command: `/ask` for a slash command, the menu entry for one on messages or users. */
export function commandLabel(command: Pick<APIApplicationCommand, 'name' | 'type'>): string {
  if (command.type === ApplicationCommandType.Message) return `“${command.name}” (message menu → Apps)`;
  if (command.type === ApplicationCommandType.User) return `“${command.name}” (member menu → Apps)`;
  return `/${command.name}`;
}

/**
 * Replaces the application's commands with `commands`: in one server when `DISCORD_GUILD_ID` is set (instant,
 * for development), globally otherwise. Data Discord would reject is refused before anything is sent.
 */
export async function registerCommands(
  config: RegistrationConfig,
  commands: readonly Command[],
): Promise<RegisteredCommands> {
  const problems = commands.flatMap((command) => validateCommandData(command.data));
  if (problems.length > 0)
    throw new Error(`deploy-commands: invalid command data:\n  ${problems.join('\n  ')}`);
  // No sweepers: this REST client makes one request and must let the process exit.
  const rest = new REST({
    api: config.DISCORD_API_BASE,
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(config.DISCORD_TOKEN);
  const guildId = config.DISCORD_GUILD_ID ?? null;
  const route = guildId
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, guildId)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const registered = (await rest.put(route, {
    body: commands.map((command) => command.data),
  })) as APIApplicationCommand[];
  return { guildId, commands: registered };
}
