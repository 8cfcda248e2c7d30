import type { Logger } from 'pino';
import type { BotConfig } from '../../config.ts';
import type { ReplicaStatus } from '../../postgres/ReplicaRegistry.ts';
import type { LiveIndex } from '../../search/LiveIndex.ts';
import type { CorpusStore } from '../../store/CorpusStore.ts';
import type { ChannelPoster } from '../services/ChannelPoster.ts';
import type { ScheduledPosts } from '../services/ScheduledPosts.ts';
import type { ChannelHistory } from './ChannelHistory.ts';
import type { CommandListing } from './CommandData.ts';
import { type Cooldowns, CooldownTracker } from './CooldownTracker.ts';
import { LiveSuggester } from './LiveSuggester.ts';
import { PageStore, type Pages } from './PageStore.ts';

/**
 * Everything a handler may use, passed to every command and component handler. Long-lived services (the
 * corpus manager, scheduled digests) belong here too: add a field, build it in `createBotContext`, and
 * register its cleanup with `onShutdown`.
 */
export interface BotContext {
  readonly config: BotConfig;
  /** Every command served, e.g. for help texts. */
  readonly commands: readonly CommandListing[];
  /** Read `live.current` once per interaction: a refresh may swap in a new corpus at any moment. */
  readonly live: LiveIndex;
  readonly logger: Logger;
  readonly cooldowns: Cooldowns;
  /** Results that buttons page through. */
  readonly pages: Pages;
  /** Question completions for the live corpus. */
  readonly suggester: LiveSuggester;
  /** Posts to channels outside an interaction, mentions off. */
  readonly channels: ChannelPoster;
  /** Where moderators change the corpus; its `live` is `live`. Absent when the bot serves a given index. */
  readonly corpus?: CorpusStore;
  /** Reads a channel's recent messages for `/digest`; absent when the transport cannot. */
  readonly channelHistory?: ChannelHistory;
  /** Posts what is new in the corpus to `DIGEST_CHANNEL_ID`, when it is set. */
  readonly scheduledPosts?: ScheduledPosts;
  /** Every replica sharing the database and the corpus version each serves; absent for a single process. */
  readonly replicas?: { list(): Promise<ReplicaStatus[]> };
  /** Whether this replica does the once-only work (scheduled posts); always so for a single process. */
  isLeader(): boolean;
  /** Runs `task` when the bot shuts down, newest first: stop watchers and timers there. */
  onShutdown(task: () => Promise<void> | void): void;
}

export interface BotContextParts {
  config: BotConfig;
  commands: readonly CommandListing[];
  live: LiveIndex;
  logger: Logger;
  channels: ChannelPoster;
  corpus?: CorpusStore;
  channelHistory?: ChannelHistory;
  scheduledPosts?: ScheduledPosts;
  /** Shared by every replica when a database is configured; this process's memory by default. */
  cooldowns?: Cooldowns;
  pages?: Pages;
  isLeader?: () => boolean;
  replicas?: { list(): Promise<ReplicaStatus[]> };
}

/** A context, and the function that runs its shutdown tasks. */
export interface OwnedBotContext {
  context: BotContext;
  shutdown(): Promise<void>;
}

/** Builds the context shared by all handlers. */
export function createBotContext(parts: BotContextParts): OwnedBotContext {
  const shutdownTasks: Array<() => Promise<void> | void> = [];
  const ownPages = parts.pages ? undefined : new PageStore();
  const context: BotContext = {
    ...parts,
    cooldowns: parts.cooldowns ?? new CooldownTracker(),
    pages: parts.pages ?? (ownPages as PageStore),
    isLeader: parts.isLeader ?? (() => true),
    suggester: new LiveSuggester(parts.live),
    onShutdown: (task) => {
      shutdownTasks.push(task);
    },
  };
  const shutdown = async () => {
    for (const task of shutdownTasks.splice(0).reverse()) {
      try {
        await task();
      } catch (error) {
        parts.logger.error({ err: error }, 'a shutdown task failed');
      }
    }
    ownPages?.clear();
  };
  return { context, shutdown };
}
