import { ConfigError, loadBotConfig } from './config.ts';
import { createLogger, scrubSecrets } from './discord/createLogger.ts';
import { type BotHandle, startBot } from './discord/startBot.ts';

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

let bot: BotHandle;
try {
  bot = await startBot(config, { logger });
} catch (error) {
  const reason = scrubSecrets(error instanceof Error ? error.message : String(error), config.DISCORD_TOKEN);
  logger.fatal({ reason }, 'Dossier could not start');
  process.stderr.write(`Dossier cannot start: ${reason}\n`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
