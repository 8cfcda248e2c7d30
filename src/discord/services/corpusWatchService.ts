import { CorpusWatcher } from '../../store/CorpusWatcher.ts';
import { announceChangeReport } from './announceChangeReport.ts';
import type { BotService } from './BotService.ts';

/**
 * With `CORPUS_WATCH=true`, reloads the corpus when its files change (debounced, through the store, so the
 * reload is validated and serialised like a moderator's), logs each report and announces it in
 * `CORPUS_ANNOUNCE_CHANNEL_ID`. Stops watching at shutdown.
 */
export const corpusWatchService: BotService = {
  name: 'corpus watcher',
  async start(context) {
    const store = context.corpus;
    if (!context.config.CORPUS_WATCH || !store) return;
    const watcher = new CorpusWatcher(store, {
      logger: context.logger,
      onReport: async (report) => {
        await announceChangeReport(context, report);
      },
    });
    await watcher.start();
    context.onShutdown(() => watcher.stop());
    context.logger.info({ dir: store.corpusDir }, 'watching the corpus folder for changes');
  },
};
