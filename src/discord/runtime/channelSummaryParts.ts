import { resolve } from 'node:path';
import type { Client, REST } from 'discord.js';
import type { Logger } from 'pino';
import type { BotConfig } from '../../config.ts';
import type { LiveIndex } from '../../search/LiveIndex.ts';
import type { ChannelPoster } from '../services/ChannelPoster.ts';
import { ScheduledPosts, type StateDocument } from '../services/ScheduledPosts.ts';
import { ChannelHistory, type MemberNicknames } from './ChannelHistory.ts';
import { gatewayNicknames } from './gatewayNicknames.ts';

/** What channel digests and scheduled posts add to the bot's context. */
export interface ChannelSummaryParts {
  /** Reads channels' recent messages for `/digest`. */
  channelHistory: ChannelHistory;
  /** Present when `DIGEST_CHANNEL_ID` is set. */
  scheduledPosts?: ScheduledPosts;
}

interface SummaryPartsDeps {
  channels: ChannelPoster;
  live: LiveIndex;
  logger: Logger;
  bookmark?: StateDocument;
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
  parts: SummaryPartsDeps,
): ChannelSummaryParts {
  return restSummaryParts(config, client.rest, gatewayNicknames(client, parts.logger), parts);
}

/**
 * The same services with no gateway client, as an interactions endpoint runs them: everything goes through
 * REST, and digest authors are named by `nicknames`, or by their display names without it.
 */
export function restSummaryParts(
  config: BotConfig,
  rest: REST,
  nicknames: MemberNicknames | undefined,
  parts: SummaryPartsDeps,
): ChannelSummaryParts {
  const channelHistory = new ChannelHistory(rest, nicknames);
  if (!config.DIGEST_CHANNEL_ID) return { channelHistory };
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
  return { channelHistory, scheduledPosts };
}
