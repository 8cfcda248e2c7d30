import { DiscordAPIError } from 'discord.js';
import { commands } from '../commands/index.ts';
import { type BotConfig, ConfigError, loadBotConfig } from './config.ts';
import { CorpusError } from './corpus/loadCorpus.ts';
import { createLogger, scrubSecrets } from './discord/runtime/createLogger.ts';
import { startHttpBot } from './discord/runtime/http/startHttpBot.ts';
import { DatabaseError } from './discord/runtime/openSharedState.ts';
import { startBot } from './discord/runtime/startBot.ts';

// Runs Dossier until SIGINT or SIGTERM: settings, logging, the bot, and a clean shutdown.

let config: ReturnType<typeof loadBotConfig>;
try {
  config = loadBotConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config);
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

/** Why start-up failed, in words that say what to fix. */
function startFailure(error: unknown, settings: BotConfig): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseError) return message;
  if (error instanceof CorpusError) return `corpus: ${message}; point CORPUS_DIR at a folder of articles`;
  const rejected = error instanceof DiscordAPIError && error.status === 401;
  if (rejected || (error as { code?: unknown }).code === 'TokenInvalid') {
    return 'Discord rejected DISCORD_TOKEN; copy a fresh one from the Developer Portal, Bot page, "Reset Token"';
  }
  if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    return `port ${settings.PORT} is already in use; stop what listens there or set PORT to another port`;
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|fetch failed/.test(message)) {
    return `could not reach Discord at ${settings.DISCORD_API_BASE} (${message}); check DISCORD_API_BASE and the network`;
  }
  return message;
}

/** A started Dossier, over the gateway or as an interactions endpoint. */
type BotHandle = {
  stop(): Promise<void>;
  /** Settles when a gateway bot goes offline for good; an endpoint has no connection to lose. */
  failed?: Promise<Error>;
};

// Signals are handled from the start: one that arrives while Dossier starts (a service manager stopping it
// right after the "online" line, say) shuts it down once started, instead of killing it half-way.
let started: BotHandle | undefined;
let stopSignal: NodeJS.Signals | undefined;

function shutDown(bot: BotHandle, signal: NodeJS.Signals): void {
  logger.info({ signal }, 'shutting down');
  bot.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

// A signal sent to the process group arrives twice (once directly, once forwarded by npm): only the first
// counts, so the second never ends the shutdown half-way.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopSignal) return;
    stopSignal = signal;
    if (started) shutDown(started, signal);
  });
}

let bot: BotHandle;
try {
  bot =
    config.DISCORD_TRANSPORT === 'http'
      ? await startHttpBot(config, { logger, commands })
      : await startBot(config, { logger, commands });
} catch (error) {
  const reason = scrubSecrets(startFailure(error, config), config.DISCORD_TOKEN);
  logger.fatal({ reason }, 'Dossier could not start');
  process.stderr.write(`Dossier cannot start: ${reason}\n`);
  process.exit(1);
}
started = bot;
if (stopSignal) shutDown(bot, stopSignal);

void bot.failed?.then(async (error) => {
  logger.fatal({ reason: error.message }, 'Dossier went offline');
  process.stderr.write(`Dossier went offline: ${error.message}\n`);
  await bot.stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'shutdown failed'));
  process.exit(1);
});
