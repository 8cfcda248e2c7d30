import type { BotContext } from '../runtime/BotContext.ts';

/**
 * Work that runs beside the interactions for the bot's lifetime and must happen once however many replicas
 * run: a corpus watcher, scheduled posts. Only the leader replica runs it.
 */
export interface BotService {
  name: string;
  /** Starts once the bot is online and leads; registers its cleanup with `context.onShutdown`. */
  start(context: BotContext): Promise<void> | void;
}
