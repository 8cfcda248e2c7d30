import { resolve } from 'node:path';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { BotConfig } from '../config.ts';
import type { LiveIndex } from '../search/LiveIndex.ts';
import { ChannelHistory } from './ChannelHistory.ts';
import type { ChannelPoster } from './ChannelPoster.ts';
import { gatewayNicknames } from './gatewayNicknames.ts';
import { ScheduledPosts, type StateDocument } from './ScheduledPosts.ts';

/** What channel digests and scheduled posts add to the bot's context. */
export interface ChannelSummaryParts {
  /** Reads channels' recent messages for `/digest`. */
  history: ChannelHistory;
  /** Present when `DIGEST_CHANNEL_ID` is set. */
  scheduledPosts?: ScheduledPosts;
}

/**
 * Builds the services behind `/digest` and the scheduled posts: a reader of channel history over the
 * client's REST API (authors named by their server nicknames from the gateway), and, with
 * `DIGEST_CHANNEL_ID`, the poster of what is new in the corpus, remembering its posts in `DATA_DIR` or the
 * shared database.
 */
export function channelSummaryParts(
  config: BotConfig,
  client: Client,
  parts: { channels: ChannelPoster; live: LiveIndex; logger: Logger; bookmark?: StateDocument },
): ChannelSummaryParts {
  const history = new ChannelHistory(client.rest, gatewayNicknames(client, parts.logger));
  if (!config.DIGEST_CHANNEL_ID) return { history };
  const scheduledPosts = new ScheduledPosts({
    channelId: config.DIGEST_CHANNEL_ID,
    ...(config.CORPUS_ANNOUNCE_CHANNEL_ID ? { announceChannelId: config.CORPUS_ANNOUNCE_CHANNEL_ID } : {}),
    dataDir: resolve(config.DATA_DIR),
    ...(parts.bookmark ? { bookmark: parts.bookmark } : {}),
    intervalMs: config.DIGEST_INTERVAL_MINUTES * 60_000,
    live: parts.live,
    channels: parts.channels,
    logger: parts.logger,
  });
  return { history, scheduledPosts };
}
