import type { Logger } from 'pino';
import type { BotConfig } from '../config.ts';
import type { CorpusStore } from '../corpus/CorpusStore.ts';
import type { LiveIndex } from '../search/LiveIndex.ts';
import type { ChannelHistory } from './ChannelHistory.ts';
import type { ChannelPoster } from './ChannelPoster.ts';
import type { Command } from './Command.ts';
import { CooldownTracker } from './CooldownTracker.ts';
import { LiveSuggester } from './LiveSuggester.ts';
import { PageStore } from './PageStore.ts';
import type { ScheduledPosts } from './ScheduledPosts.ts';

/**
 * Everything a handler may use, passed to every command and component handler. Long-lived services (the
 * corpus manager, scheduled digests) belong here too: add a field, build it in `createBotContext`, and
 * register its cleanup with `onShutdown`.
 */
export interface BotContext {
  readonly config: BotConfig;
  /** Every command served, e.g. for help texts. */
  readonly commands: readonly Command[];
  /** Read `live.current` once per interaction: a refresh may swap in a new corpus at any moment. */
  readonly live: LiveIndex;
  readonly logger: Logger;
  readonly cooldowns: CooldownTracker;
  /** Results that buttons page through. */
  readonly pages: PageStore;
  /** Question completions for the live corpus. */
  readonly suggester: LiveSuggester;
  /** Posts to channels outside an interaction, mentions off. */
  readonly channels: ChannelPoster;
  /** Where moderators change the corpus; its `live` is `live`. Absent when the bot serves a given index. */
  readonly corpus?: CorpusStore;
  /** Reads a channel's recent messages for `/digest`; absent when the transport cannot. */
  readonly history?: ChannelHistory;
  /** Posts what is new in the corpus to `DIGEST_CHANNEL_ID`, when it is set. */
  readonly scheduledPosts?: ScheduledPosts;
  /** Runs `task` when the bot shuts down, newest first: stop watchers and timers there. */
  onShutdown(task: () => Promise<void> | void): void;
}

export interface BotContextParts {
  config: BotConfig;
  commands: readonly Command[];
  live: LiveIndex;
  logger: Logger;
  channels: ChannelPoster;
  corpus?: CorpusStore;
  history?: ChannelHistory;
  scheduledPosts?: ScheduledPosts;
}

/** A context, and the function that runs its shutdown tasks. */
export interface OwnedBotContext {
  context: BotContext;
  shutdown(): Promise<void>;
}

/** Builds the context shared by all handlers. */
export function createBotContext(parts: BotContextParts): OwnedBotContext {
  const shutdownTasks: Array<() => Promise<void> | void> = [];
  const pages = new PageStore();
  const context: BotContext = {
    ...parts,
    cooldowns: new CooldownTracker(),
    pages,
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
    pages.clear();
  };
  return { context, shutdown };
}
