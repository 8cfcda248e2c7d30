import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { BotConfig } from '../../config.ts';

/** A command's registration data: plain JSON, exactly what `deploy-commands` sends to Discord. */
export type CommandData =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** What the bot's context knows of a command: enough to list it, without its handlers. */
export interface CommandListing {
  readonly data: CommandData;
  /**
   * Whether the settings turn the command on; when they do not, it still answers (saying how to turn it on)
   * but `/about` does not offer it. Always on when absent.
   */
  readonly enabled?: (config: BotConfig) => boolean;
}
