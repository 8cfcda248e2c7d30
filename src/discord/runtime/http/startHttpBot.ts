import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import type { BotConfig } from '../../../config.ts';
import { ChannelPoster } from '../../services/ChannelPoster.ts';
import { corpusWatchService } from '../../services/corpusWatchService.ts';
import { scheduledPostsService } from '../../services/scheduledPostsService.ts';
import { type BotContext, createBotContext } from '../BotContext.ts';
import { restSummaryParts } from '../channelSummaryParts.ts';
import { createLogger } from '../createLogger.ts';
import { commandRegistry, handleInteraction } from '../handleInteraction.ts';
import { openBotCorpus } from '../openBotCorpus.ts';
import { corpusAndSharedState, openSharedState } from '../openSharedState.ts';
import type { StartBotOptions } from '../startBot.ts';
import { localHost } from './endpointSetupSteps.ts';
import { createInteractionEndpoint, INTERACTIONS_PATH } from './interactionEndpoint.ts';
import { discordPublicKey } from './verifyDiscordSignature.ts';

type StartHttpBotOptions = Omit<StartBotOptions, 'clientOptions'>;

export interface HttpBotHandle {
  server: Server;
  /** Where this process takes interactions; behind a proxy, Discord POSTs to a public URL instead. */
  interactionsUrl: string;
  context: BotContext;
  /** Stops services, closes the endpoint and frees everything; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts Dossier as an interactions endpoint: listens on `PORT` at once (health checks say "loading"), loads
 * the corpus, then answers what Discord POSTs. There is no gateway session: replies after the first, channel
 * history and scheduled posts all go through REST. Resolves once the endpoint answers interactions.
 */
export async function startHttpBot(config: BotConfig, options: StartHttpBotOptions): Promise<HttpBotHandle> {
  const logger = options.logger ?? createLogger(config);
  if (!config.DISCORD_PUBLIC_KEY) throw new Error('DISCORD_PUBLIC_KEY is needed to verify interactions');
  const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN);
  // Nothing else tries the token before the first scheduled post or digest: a wrong one stops start-up now.
  await rest.get(Routes.user('@me'));
  const { commands } = options;
  const registry = commandRegistry(commands);
  let context: BotContext | undefined;
  let databaseReachable: (() => Promise<boolean>) | undefined;
  const server = createInteractionEndpoint({
    publicKey: discordPublicKey(config.DISCORD_PUBLIC_KEY),
    applicationId: config.DISCORD_APPLICATION_ID,
    rest,
    logger,
    isReady: () => context !== undefined,
    databaseReachable: () => databaseReachable?.() ?? Promise.resolve(true),
    handle: (request) => handleInteraction(request, registry, context as BotContext),
  });
  server.listen(config.PORT, config.HTTP_HOST);
  await once(server, 'listening');
  const closeServer = async () => {
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  let shutdown: () => Promise<void> = async () => undefined;
  try {
    // With DATABASE_URL, replicas share cooldowns and the results long questions keep for their buttons.
    const shared = await openSharedState(config, logger);
    shutdown = () => shared.close();
    databaseReachable = shared.databaseReachable;
    const { live, store, close } = await openBotCorpus(config, logger, options, shared.sql);
    const channels = new ChannelPoster(rest);
    const owned = createBotContext({
      config,
      commands,
      logger,
      channels,
      ...corpusAndSharedState({ live, store }, shared),
      ...restSummaryParts(config, rest, undefined, { channels, live, logger }),
    });
    shutdown = owned.shutdown;
    owned.context.onShutdown(() => shared.close());
    if (close) owned.context.onShutdown(close);
    void owned.context.suggester
      .whenReady()
      .catch((error: unknown) => logger.error({ err: error }, 'suggestions failed'));
    const services = [corpusWatchService, scheduledPostsService, ...(options.services ?? [])];
    for (const service of services) await service.start(owned.context);
    context = owned.context;
  } catch (error) {
    await shutdown();
    await closeServer();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const interactionsUrl = `http://${localHost(config.HTTP_HOST)}:${port}${INTERACTIONS_PATH}`;
  logger.info(
    { url: interactionsUrl, commands: [...registry.keys()] },
    'Dossier is answering interactions over HTTP',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await closeServer();
      await shutdown();
      logger.info('Dossier stopped');
    })();
    return stopping;
  };
  return { server, interactionsUrl, context, stop };
}
