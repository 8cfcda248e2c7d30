import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { BotConfig } from '../../config.ts';
import { loadCorpus } from '../../corpus/loadCorpus.ts';
import type { Corpus } from '../../corpus/types.ts';
import { PostgresCorpus } from '../../postgres/PostgresCorpus.ts';
import { LiveIndex } from '../../search/LiveIndex.ts';
import { openIndex } from '../../search/openIndex.ts';
import { CorpusStore } from '../../store/CorpusStore.ts';
import { CorpusStoreError } from '../../store/CorpusStoreError.ts';

/** The index the bot answers from, and the store moderators change it through when there is one. */
export interface BotCorpus {
  live: LiveIndex;
  store?: CorpusStore;
  /** Frees what `openBotCorpus` opened itself; absent when the caller owns it. */
  close?: () => Promise<void>;
}

function logLoaded(
  corpus: Corpus,
  passages: number,
  fromSnapshot: boolean | undefined,
  logger: Logger,
): void {
  for (const problem of corpus.problems)
    logger.warn({ file: problem.file, reason: problem.reason }, 'corpus file skipped');
  if (corpus.documents.length === 0) {
    logger.warn({ dir: corpus.dir }, 'the corpus has no valid article; every question will be declined');
  }
  logger.info({ documents: corpus.documents.length, passages, fromSnapshot }, 'corpus loaded');
}

/**
 * Loads `CORPUS_DIR` and its index on this thread (from a snapshot in `DATA_DIR/index` when the content is
 * unchanged). Bad files are logged and skipped; an empty corpus still loads, so moderators can add articles.
 * Throws `CorpusError` when the folder cannot be read.
 */
async function loadLiveIndex(config: BotConfig, logger: Logger): Promise<LiveIndex> {
  const corpus = await loadCorpus(resolve(config.CORPUS_DIR));
  const opened = await openIndex(corpus, join(config.DATA_DIR, 'index'));
  logLoaded(corpus, opened.index.passageCount, opened.fromSnapshot, logger);
  return new LiveIndex({
    corpus,
    index: opened.index,
    loadedAt: new Date(),
    loadedBy: 'startup',
    ...(opened.snapshotBytes !== undefined ? { snapshotBytes: opened.snapshotBytes } : {}),
  });
}

/**
 * Opens the corpus store over `CORPUS_DIR` and `DATA_DIR`: it finishes what a killed process left half
 * done, then loads the index off the main thread. A folder with no valid article still starts the bot, so
 * moderators can add one; a folder that cannot be read stops start-up with `CorpusError`. Given a store,
 * or only an index (benches over generated corpora, which then have no `/corpus`), uses that instead.
 * Given the database (`DATABASE_URL`), the corpus is the one every replica shares there: the folder is
 * brought up to its live version first, and kept there.
 */
export async function openBotCorpus(
  config: BotConfig,
  logger: Logger,
  given: { live?: LiveIndex; corpus?: CorpusStore } = {},
  database?: Sql,
): Promise<BotCorpus> {
  if (given.corpus) return { live: given.corpus.live, store: given.corpus };
  if (given.live) return { live: given.live };
  const dirs = { corpusDir: resolve(config.CORPUS_DIR), dataDir: resolve(config.DATA_DIR) };
  const shared = database ? await PostgresCorpus.open(database, dirs, logger) : undefined;
  const options = { ...dirs, maxUploadBytes: config.MAX_UPLOAD_BYTES, ...(shared ? { shared } : {}) };
  let store: CorpusStore;
  try {
    store = await CorpusStore.open(options);
    const { corpus, index } = store.live.current;
    logLoaded(corpus, index.passageCount, (await store.status()).index.fromSnapshot, logger);
  } catch (error) {
    if (!(error instanceof CorpusStoreError) || error.code === 'unwritable') throw error;
    store = await CorpusStore.open(options, await loadLiveIndex(config, logger));
  }
  const { removedTempFiles, finishedReplacements, recoveredAuditLines, abandonedChanges } = store.recovery;
  if (
    removedTempFiles.length > 0 ||
    finishedReplacements.length > 0 ||
    recoveredAuditLines.length > 0 ||
    abandonedChanges.length > 0
  ) {
    logger.info(
      {
        removedTempFiles,
        finishedReplacements,
        recoveredAuditLines: recoveredAuditLines.length,
        abandonedChanges: abandonedChanges.length,
      },
      'finished corpus changes a stopped process left',
    );
  }
  await shared?.follow(store);
  return {
    live: store.live,
    store,
    close: async () => {
      await shared?.close();
      await store.close();
    },
  };
}
