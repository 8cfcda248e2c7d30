import { DiscordAPIError } from 'discord.js';
import { commands } from '../commands/index.ts';
import { ConfigError, loadBotConfig } from './config.ts';
import { scrubSecrets } from './discord/runtime/createLogger.ts';
import { endpointSetupSteps } from './discord/runtime/http/endpointSetupSteps.ts';
import { commandLabel, registerCommands } from './discord/runtime/registerCommands.ts';

// Registers Dossier's slash commands with Discord: in DISCORD_GUILD_ID when set, globally otherwise.

function explain(error: unknown): string {
  if (!(error instanceof DiscordAPIError)) return error instanceof Error ? error.message : String(error);
  if (error.status === 401) return 'Discord refused the token (401 Unauthorized): check DISCORD_TOKEN.';
  if (error.status === 403 || error.code === 50001) {
    return 'Discord refused access (Missing Access): check DISCORD_APPLICATION_ID, and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope.';
  }
  return `Discord refused the commands (${error.status}): ${error.message}`;
}

let config: ReturnType<typeof loadBotConfig>;
try {
  config = loadBotConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

try {
  const { guildId, commands: registered } = await registerCommands(config, commands);
  const names = registered.map(commandLabel).join(', ');
  process.stdout.write(
    guildId
      ? `Registered ${registered.length} commands in server ${guildId}: ${names}. They are usable now.\n`
      : `Registered ${registered.length} global commands: ${names}. Discord may take a few minutes to show them everywhere.\n`,
  );
  if (config.DISCORD_TRANSPORT === 'http') process.stdout.write(`\n${endpointSetupSteps(config)}\n`);
} catch (error) {
  process.stderr.write(`deploy-commands: ${scrubSecrets(explain(error), config.DISCORD_TOKEN)}\n`);
  process.exit(1);
}
