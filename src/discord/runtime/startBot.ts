import { once } from 'node:events';
import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { BotConfig } from '../../config.ts';
import type { LiveIndex } from '../../search/LiveIndex.ts';
import type { CorpusStore } from '../../store/CorpusStore.ts';
import { NO_MENTIONS } from '../render/ReplyMessage.ts';
import type { BotService } from '../services/BotService.ts';
import { ChannelPoster } from '../services/ChannelPoster.ts';
import { corpusWatchService } from '../services/corpusWatchService.ts';
import { scheduledPostsService } from '../services/scheduledPostsService.ts';
import { type BotContext, createBotContext } from './BotContext.ts';
import type { Command } from './Command.ts';
import { channelSummaryParts } from './channelSummaryParts.ts';
import { createLogger } from './createLogger.ts';
import { requestFromGateway } from './gatewayInteraction.ts';
import { shardClientOptions, whenGatewayLost } from './gatewayShards.ts';
import { commandRegistry, handleInteraction } from './handleInteraction.ts';
import { openBotCorpus } from './openBotCorpus.ts';
import { corpusAndSharedState, openSharedState } from './openSharedState.ts';

export interface StartBotOptions {
  logger?: Logger;
  /** The commands to serve: the entry point passes `commands/index.ts`'s list, tests a few of their own. */
  commands: readonly Command[];
  /** An index to answer from, instead of loading `CORPUS_DIR`; for benches over generated corpora. */
  live?: LiveIndex;
  /** The store to serve and let moderators change, instead of opening `CORPUS_DIR`; the caller closes it. */
  corpus?: CorpusStore;
  services?: readonly BotService[];
  /** discord.js client options layered over Dossier's own. */
  clientOptions?: Partial<ClientOptions>;
}

export interface BotHandle {
  client: Client<true>;
  context: BotContext;
  /**
   * Settles if Discord closes a shard's gateway for good (4011 sharding required, for one), or this replica
   * loses the leader lock, while the bot runs: it cannot go on safely, so the process should say why and exit.
   */
  failed: Promise<Error>;
  /** Stops services, disconnects from Discord and frees everything; safe to call more than once. */
  stop(): Promise<void>;
}

/** The gateway intents Dossier needs: guild events only, plus messages when channel digests are enabled. */
function intentsFor(config: Pick<BotConfig, 'ENABLE_CHANNEL_DIGEST'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (config.ENABLE_CHANNEL_DIGEST)
    intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return intents;
}

/**
 * Starts Dossier: loads the corpus, connects to Discord's gateway through the configured REST base, and
 * serves every interaction until `stop()`. Resolves once the bot is online.
 */
export async function startBot(config: BotConfig, options: StartBotOptions): Promise<BotHandle> {
  const logger = options.logger ?? createLogger(config);
  const shared = await openSharedState(config, logger);
  const { live, store, close } = await openBotCorpus(config, logger, options, shared.sql).catch(
    async (error: unknown) => {
      await shared.close();
      throw error;
    },
  );
  const client = new Client({
    intents: intentsFor(config),
    allowedMentions: NO_MENTIONS,
    ...shardClientOptions(config),
    ...options.clientOptions,
    rest: { ...options.clientOptions?.rest, api: config.DISCORD_API_BASE },
  });
  const { commands } = options;
  const registry = commandRegistry(commands);
  const channels = new ChannelPoster(client.rest);
  let leader = false;
  const { context, shutdown } = createBotContext({
    config,
    commands,
    logger,
    channels,
    ...corpusAndSharedState({ live, store }, shared),
    ...(shared.replicas ? { replicas: shared.replicas } : {}),
    isLeader: () => leader,
    ...channelSummaryParts(config, client, {
      channels,
      live,
      logger,
      ...(shared.scheduledPostsBookmark ? { bookmark: shared.scheduledPostsBookmark } : {}),
    }),
  });
  context.onShutdown(() => shared.close());
  if (close) context.onShutdown(close);
  // Built in slices while the bot connects, so the first keystroke already gets suggestions.
  void context.suggester
    .whenReady()
    .catch((error: unknown) => logger.error({ err: error }, 'suggestions failed'));

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    try {
      const request = requestFromGateway(interaction);
      if (request) void handleInteraction(request, registry, context);
    } catch (error) {
      logger.error({ err: error, interactionId: interaction.id }, 'could not read an interaction');
    }
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  const gatewayLost = whenGatewayLost(client);
  const services = [corpusWatchService, scheduledPostsService, ...(options.services ?? [])];
  const startLeaderServices = async () => {
    leader = true;
    for (const service of services) await service.start(context);
  };

  try {
    const ready = once(client, Events.ClientReady);
    // A shard closed for good during login never becomes ready: fail start-up with its reason instead.
    const closed = gatewayLost.then((error) => Promise.reject(error));
    await Promise.race([client.login(config.DISCORD_TOKEN).then(() => ready), closed]);
    if (shared.replicas) await shared.replicas.register(() => live.current.corpus.version);
    else await startLeaderServices();
  } catch (error) {
    await shutdown();
    await client.destroy();
    throw error;
  }
  const online = client as Client<true>;
  logger.info(
    {
      user: online.user.tag,
      shards: online.options.shards,
      shardCount: online.options.shardCount,
      commands: [...registry.keys()],
      channelDigest: config.ENABLE_CHANNEL_DIGEST,
    },
    'Dossier is online',
  );

  let stopping: Promise<void> | undefined;
  const { replicas } = shared;
  // A replica waits here until the leader goes away (`release()` at shutdown ends the wait). A leader whose
  // services cannot start must not keep the lock doing nothing: that fails the bot, as a lost lock does.
  const running = new Promise<Error>(() => {});
  const leaderFailed = !replicas
    ? running
    : shared.leadership.acquire().then(
        async () => {
          if (stopping) return running;
          await replicas.becameLeader();
          logger.info({ replica: replicas.id }, 'this replica is the leader');
          await startLeaderServices();
          return running;
        },
        // Only `release()` at shutdown ends the wait without the lock.
        () => running,
      );

  const stop = () => {
    stopping ??= (async () => {
      await shutdown();
      await client.destroy();
      logger.info('Dossier stopped');
    })();
    return stopping;
  };
  return {
    client: online,
    context,
    failed: Promise.race([
      gatewayLost,
      shared.leadership.lost,
      leaderFailed.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    ]),
    stop,
  };
}
