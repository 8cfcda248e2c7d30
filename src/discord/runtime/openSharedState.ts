import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { BotConfig } from '../../config.ts';
import { LeaderLock } from '../../postgres/LeaderLock.ts';
import { openDatabase } from '../../postgres/openDatabase.ts';
import { PostgresCooldowns } from '../../postgres/PostgresCooldowns.ts';
import { PostgresPages } from '../../postgres/PostgresPages.ts';
import { PostgresStateDocument } from '../../postgres/PostgresStateDocument.ts';
import { ReplicaRegistry } from '../../postgres/ReplicaRegistry.ts';
import type { LiveIndex } from '../../search/LiveIndex.ts';
import type { CorpusStore } from '../../store/CorpusStore.ts';
import { SCHEDULED_POSTS_FILE, type StateDocument } from '../services/ScheduledPosts.ts';
import type { Cooldowns } from './CooldownTracker.ts';
import { PAGE_TTL_MS, type Pages } from './PageStore.ts';

/** The database named by `DATABASE_URL` could not be opened. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** Decides which replica does what must happen once. */
interface Leadership {
  /** Resolves once this replica may do the once-only work. */
  acquire(): Promise<void>;
  /** Settles if this replica stops being the leader while it runs. */
  lost: Promise<Error>;
  release(): Promise<void>;
}

/**
 * What replicas share: with `DATABASE_URL`, cooldowns, paged results, the scheduled posts' bookmark, the
 * leader lock and the list of replicas live in PostgreSQL; without it, in this one process and `DATA_DIR`.
 */
export interface SharedState {
  cooldowns?: Cooldowns;
  pages?: Pages;
  scheduledPostsBookmark?: StateDocument;
  leadership: Leadership;
  replicas?: ReplicaRegistry;
  /** Whether the database answers a query now; absent without one. */
  databaseReachable?: () => Promise<boolean>;
  /** The database, where the corpus itself is shared too. */
  sql?: Sql;
  close(): Promise<void>;
}

/**
 * What the bot's context takes from its corpus and the shared state, gateway or HTTP: the live index, the store
 * moderators change it through, and the database's cooldowns and pages.
 */
export function corpusAndSharedState(
  { live, store }: { live: LiveIndex; store?: CorpusStore | undefined },
  shared: SharedState,
): { live: LiveIndex; corpus?: CorpusStore } & Pick<SharedState, 'cooldowns' | 'pages'> {
  return {
    live,
    ...(store ? { corpus: store } : {}),
    ...(shared.cooldowns ? { cooldowns: shared.cooldowns } : {}),
    ...(shared.pages ? { pages: shared.pages } : {}),
  };
}

/** A single process leads itself. */
const soleLeader: Leadership = {
  acquire: () => Promise.resolve(),
  lost: new Promise(() => {}),
  release: () => Promise.resolve(),
};

/** The database's address without its password, for messages. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Opens what replicas share, per `DATABASE_URL`; throws `DatabaseError` when the database cannot be opened. */
export async function openSharedState(
  config: Pick<BotConfig, 'DATABASE_URL'>,
  logger: Logger,
): Promise<SharedState> {
  if (!config.DATABASE_URL) return { leadership: soleLeader, close: () => Promise.resolve() };
  const database = await openDatabase(config.DATABASE_URL, logger).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(
      `could not open the database at ${safeUrl(config.DATABASE_URL ?? '')} (${reason}); check DATABASE_URL and that PostgreSQL is running`,
    );
  });
  const { sql } = database;
  const lock = new LeaderLock(config.DATABASE_URL, logger);
  const replicas = new ReplicaRegistry(sql);
  return {
    cooldowns: new PostgresCooldowns(sql, logger),
    pages: new PostgresPages(sql, PAGE_TTL_MS),
    scheduledPostsBookmark: new PostgresStateDocument(sql, SCHEDULED_POSTS_FILE),
    leadership: lock,
    replicas,
    databaseReachable: () => database.reachable(),
    sql,
    async close() {
      await lock.release();
      await replicas.stop().catch(() => undefined);
      await database.close();
    },
  };
}
