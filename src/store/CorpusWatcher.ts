import { relative, sep } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { type ChangeReport, renderChangeReport, reportLogFields } from './ChangeReport.ts';
import { type CorpusStore, WATCH_ACTOR } from './CorpusStore.ts';

/** The part of a logger the watcher writes to; a pino logger fits. */
interface WatchLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CorpusWatcherOptions {
  /** Quiet time after the last file event before reloading, so a copy of many files triggers one reload. */
  debounceMs?: number;
  /** Receives every reload that changed something or failed (the bot posts it to CORPUS_ANNOUNCE_CHANNEL_ID). */
  onReport?: (report: ChangeReport) => void | Promise<void>;
  logger?: WatchLogger;
}

/** Default quiet time before a reload: long enough for an editor's save or a `cp -r` to finish. */
const WATCH_DEBOUNCE_MS = 1500;

/**
 * Reloads the corpus when files in its directory change (`CORPUS_WATCH=true`), through the store, so the
 * reload is validated, serialised with moderators' changes and reported like any other. Hidden files,
 * among them the store's own temporary files, are ignored. A reload that changes nothing (as after the
 * store's own writes) is not reported.
 */
export class CorpusWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: CorpusStore,
    private readonly options: CorpusWatcherOptions = {},
  ) {}

  /** Starts watching; resolves once the directory is being watched. */
  async start(): Promise<void> {
    if (this.watcher) return;
    const dir = this.store.corpusDir;
    const watcher = watch(dir, {
      ignoreInitial: true,
      ignored: (path) => {
        const inside = relative(dir, path);
        return inside !== '' && inside.split(sep).some((part) => part.startsWith('.'));
      },
    });
    watcher.on('all', () => this.schedule());
    watcher.on('error', (error) => this.options.logger?.error({ err: error }, 'corpus watcher error'));
    this.watcher = watcher;
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Stops watching and waits for a reload in progress; a pending one is dropped. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
    await this.reloading;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reloading = this.reloading.then(() => this.reload());
    }, this.options.debounceMs ?? WATCH_DEBOUNCE_MS);
  }

  private async reload(): Promise<void> {
    if (!this.watcher) return;
    const { logger, onReport } = this.options;
    try {
      const report = await this.store.reload(WATCH_ACTOR, { trigger: 'watch' });
      if (report.ok && (report.unchanged || report.adopted)) return;
      const details = reportLogFields(report);
      if (report.ok) logger?.info(details, renderChangeReport(report));
      else logger?.error(details, renderChangeReport(report));
      await onReport?.(report);
    } catch (error) {
      logger?.error({ err: error }, 'corpus reload after a file change failed');
    }
  }
}
