import pino, { type DestinationStream, type Logger } from 'pino';
import type { BotConfig } from '../../config.ts';

/** Fields that may hold a credential, replaced wherever they appear in a log entry. */
const REDACTED_PATHS = [
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
];

const REDACTED = '[redacted]';

// Interaction tokens ride in REST paths (`/interactions/:id/:token/callback`, `/webhooks/:app/:token`), and
// discord.js puts those paths in its error messages.
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[A-Za-z0-9_.-]{20,}/g;

/** Removes the bot token and interaction tokens from a serialised log line. */
export function scrubSecrets(line: string, botToken: string | undefined): string {
  const scrubbed = line.replace(TOKEN_IN_PATH, `/$1/$2/${REDACTED}`);
  return botToken ? scrubbed.replaceAll(botToken, REDACTED) : scrubbed;
}

/**
 * The bot's structured logger (JSON lines, pino). Secrets never reach the output: known credential fields
 * are redacted, and every line is scrubbed of the bot token and interaction tokens, even inside error
 * messages and stacks.
 */
export function createLogger(
  config: Pick<BotConfig, 'LOG_LEVEL'> & Partial<Pick<BotConfig, 'DISCORD_TOKEN'>>,
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  const scrubbing: DestinationStream = {
    write: (line: string) => destination.write(scrubSecrets(line, config.DISCORD_TOKEN)),
  };
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { name: 'dossier' },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    scrubbing,
  );
}
