import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';

/** Any fixed number below 2^31 (so pg_locks shows it whole in `objid`): the lock every replica competes for. */
const LEADER_LOCK = 7_202_202;
/** How often the leader checks that it still holds the lock, and a follower retries after losing its connection. */
const CHECK_INTERVAL_MS = 5_000;

/**
 * Elects one replica to do what must happen once (scheduled posts, announcements, watching an import
 * folder): the holder of a session-level advisory lock, on a connection of its own. Followers wait in
 * `pg_advisory_lock`, so when the leader's process dies and PostgreSQL ends its session, one of them takes
 * over at once.
 */
export class LeaderLock {
  /** One connection: the lock belongs to the session, so every query must run on the same one. */
  private readonly sql: Sql;
  private leader = false;
  private stopped = false;
  private readonly lostController = new AbortController();
  /** Settles if the leader finds it no longer holds the lock (its connection was lost). */
  readonly lost: Promise<Error>;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.sql = postgres(url, {
      max: 1,
      // postgres.js recycles idle connections after 30 to 60 minutes by default; this one holds the lock.
      idle_timeout: 0,
      max_lifetime: null,
      onnotice: () => {},
      connection: {
        application_name: 'dossier leader lock',
        // When the leader's machine vanishes without closing the connection, the server notices within about
        // 25 s, ends the session and so frees the lock for another replica.
        tcp_keepalives_idle: 10,
        tcp_keepalives_interval: 5,
        tcp_keepalives_count: 3,
      },
    });
    this.lost = new Promise((resolve) =>
      this.lostController.signal.addEventListener('abort', () =>
        resolve(this.lostController.signal.reason as Error),
      ),
    );
  }

  /** Resolves once this replica holds the lock, however long another holds it; rejects if released first. */
  async acquire(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.sql`SELECT pg_advisory_lock(${LEADER_LOCK})`;
        if (this.stopped) break;
        this.leader = true;
        void this.watch();
        return;
      } catch (error) {
        if (this.stopped) break;
        this.logger.warn({ err: error }, 'leader election: lost the database connection; trying again');
        await delay(CHECK_INTERVAL_MS);
      }
    }
    throw new Error('leader election stopped');
  }

  /** Gives the lock up, so another replica takes over at once, or stops waiting for it. */
  async release(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.leader) await this.sql`SELECT pg_advisory_unlock(${LEADER_LOCK})`.catch(() => undefined);
    // Ending the connection also ends a follower's wait in pg_advisory_lock.
    await this.sql.end({ timeout: 0 });
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      await delay(CHECK_INTERVAL_MS, undefined, { ref: false });
      if (this.stopped) return;
      // After a lost connection postgres.js opens a new one, which holds no lock: ask about this session.
      const held = await this.sql`
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = ${LEADER_LOCK}
          AND pid = pg_backend_pid() AND granted) AS held`.then(
        ([row]) => row?.held === true,
        () => false,
      );
      if (!held && !this.stopped) {
        this.lostController.abort(
          new Error('this replica lost the leader lock with its database connection'),
        );
        return;
      }
    }
  }
}
