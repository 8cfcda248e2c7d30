import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { documentIdFor } from '../src/corpus/parseDocument.ts';
import { type Database, openDatabase } from '../src/postgres/openDatabase.ts';
import { PostgresCorpus } from '../src/postgres/PostgresCorpus.ts';
import { CorpusStore } from '../src/store/CorpusStore.ts';
import type { Upload } from '../src/store/UploadChecks.ts';
import { startPostgres } from '../support/postgresServer.ts';
import {
  BENCH_ACTOR,
  BENCH_MAX_UPLOAD_BYTES,
  type BenchRow,
  type BenchSection,
  loadAverageRow,
} from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import type { ArticleFile } from './generateCorpus.ts';
import { elapsedMs, percentile } from './measure.ts';

const REPLICAS = 3;
const WARM_UP_CHANGES = 1;
/** Each change re-indexes the whole corpus on every replica: seconds each at 20k passages on 2 cores. */
const TIMED_CHANGES = 10;
/** How often the bench looks whether every replica serves the new version. */
const POLL_MS = 5;

interface Replica {
  database: Database;
  shared: PostgresCorpus;
  store: CorpusStore;
}

/** One replica's corpus store in this process, following the shared corpus as the bot does. */
async function openReplica(databaseUrl: string, corpusDir: string, dataDir: string): Promise<Replica> {
  const logger = pino({ level: 'silent' });
  const database = await openDatabase(databaseUrl, logger);
  const shared = await PostgresCorpus.open(database.sql, { corpusDir, dataDir }, logger);
  const store = await CorpusStore.open({
    corpusDir,
    dataDir,
    maxUploadBytes: BENCH_MAX_UPLOAD_BYTES,
    shared,
  });
  await shared.follow(store);
  return { database, shared, store };
}

async function closeReplica({ database, shared, store }: Replica): Promise<void> {
  await shared.close();
  await store.close();
  await database.close();
}

/** The `n`th change: one article with a correction appended, a different article each time. */
function correction(articles: readonly ArticleFile[], n: number): { docId: string; upload: Upload } {
  const article = articles[n % articles.length];
  if (!article) throw new Error('bench: no articles to change');
  const bytes = Buffer.concat([
    Buffer.from(article.bytes),
    Buffer.from(`\n\nCorrection ${n + 1}: an earlier version of this article misstated a figure.\n`),
  ]);
  return { docId: documentIdFor(article.file), upload: { name: article.file, bytes } };
}

async function writeArticles(dir: string, articles: readonly ArticleFile[]): Promise<void> {
  await mkdir(dir);
  await Promise.all(articles.map((article) => writeFile(join(dir, article.file), article.bytes)));
}

/** The same changes through one store over its folder, with no database: the time to its reply. */
async function timeSingleProcess(root: string, articles: readonly ArticleFile[]): Promise<number[]> {
  const corpusDir = join(root, 'single-corpus');
  await writeArticles(corpusDir, articles);
  const store = await CorpusStore.open({
    corpusDir,
    dataDir: join(root, 'single-data'),
    maxUploadBytes: BENCH_MAX_UPLOAD_BYTES,
  });
  const timings: number[] = [];
  try {
    for (let change = 0; change < WARM_UP_CHANGES + TIMED_CHANGES; change++) {
      const { docId, upload } = correction(articles, change);
      const start = process.hrtime.bigint();
      await store.replace(docId, upload, BENCH_ACTOR);
      if (change >= WARM_UP_CHANGES) timings.push(elapsedMs(start));
    }
  } finally {
    await store.close();
  }
  return timings;
}

/**
 * How long a `/corpus replace` takes to reach every replica: three replicas of a 20k-passage corpus sharing
 * one PostgreSQL, each change made through them in turn, timed from the call until the changing replica has
 * replied and until every replica serves the new version; beside the same changes in one process.
 */
export function corpusPropagationSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'corpus-propagation';
  return {
    id,
    async run(context) {
      const { articles } = context.corpus(passages);
      const root = await mkdtemp(join(tmpdir(), 'dossier-bench-propagation-'));
      const replicas: Replica[] = [];
      const repliedMs: number[] = [];
      const everywhereMs: number[] = [];
      let singleMs: number[] = [];
      let passageCount = 0;
      let load = Number.NaN;
      const server = await startPostgres();
      try {
        context.log(`${id}: one process, no database`);
        singleMs = await timeSingleProcess(root, articles);
        const databaseUrl = await server.createDatabase('bench_propagation');
        for (let n = 0; n < REPLICAS; n++) {
          const corpusDir = join(root, `corpus-${n}`);
          // The first replica imports its folder; the others fill theirs from the database.
          if (n === 0) await writeArticles(corpusDir, articles);
          context.log(`${id}: starting replica ${n + 1} of ${REPLICAS} over ${articles.length} articles`);
          replicas.push(await openReplica(databaseUrl, corpusDir, join(root, `data-${n}`)));
        }
        for (let change = 0; change < WARM_UP_CHANGES + TIMED_CHANGES; change++) {
          const replica = replicas[change % REPLICAS];
          if (!replica) throw new Error(`bench: ${id} has no replica for change ${change}`);
          const { docId, upload } = correction(articles, change);
          if (change === WARM_UP_CHANGES) load = loadavg()[0] ?? Number.NaN;
          const start = process.hrtime.bigint();
          await replica.store.replace(docId, upload, BENCH_ACTOR);
          const replied = elapsedMs(start);
          const version = replica.store.live.current.corpus.version;
          while (!replicas.every(({ store }) => store.live.current.corpus.version === version)) {
            await sleep(POLL_MS);
          }
          if (change < WARM_UP_CHANGES) continue;
          repliedMs.push(replied);
          everywhereMs.push(elapsedMs(start));
        }
        passageCount = replicas[0]?.store.live.current.index.passageCount ?? 0;
      } finally {
        for (const replica of replicas) await closeReplica(replica);
        await server.stop();
        await rm(root, { recursive: true, force: true });
      }
      const note = `${TIMED_CHANGES} replaces of one article each, through the ${REPLICAS} replicas in turn (all in this one Node process, sharing its 2 cores, so each change re-indexes three times at once), after ${WARM_UP_CHANGES} untimed; a local PostgreSQL 15 with fsync off`;
      const rows: BenchRow[] = [
        { metric: 'passages', unit: 'count', ours: passageCount },
        { metric: 'changes timed, each setting', unit: 'count', ours: TIMED_CHANGES },
        {
          metric: 'one process, no database: change → reply: p50',
          unit: 'ms',
          ours: percentile(singleMs, 50),
          note: 'the same replaces through one corpus store over its folder, nothing else re-indexing',
        },
        {
          metric: 'one process, no database: change → reply: p99',
          unit: 'ms',
          ours: percentile(singleMs, 99),
        },
        { metric: 'change → reply on its replica: p50', unit: 'ms', ours: percentile(repliedMs, 50), note },
        { metric: 'change → reply on its replica: p99', unit: 'ms', ours: percentile(repliedMs, 99) },
        {
          metric: `change → served by all ${REPLICAS} replicas: p50`,
          unit: 'ms',
          ours: percentile(everywhereMs, 50),
          note: `until every replica answers from the new version, polled every ${POLL_MS} ms: NOTIFY, writing the changed file, re-indexing off the main thread`,
        },
        {
          metric: `change → served by all ${REPLICAS} replicas: p99`,
          unit: 'ms',
          ours: percentile(everywhereMs, 99),
        },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `A corpus change reaching ${REPLICAS} replicas at ${passages / 1000}k passages`,
        rows,
        targets: [],
      };
    },
  };
}
