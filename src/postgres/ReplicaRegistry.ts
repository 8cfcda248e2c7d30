import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Sql } from 'postgres';

/** How often a replica says it is alive; one silent for three times this is shown as gone. */
const HEARTBEAT_INTERVAL_MS = 30_000;

/** One running (or stopped) replica as `/corpus status` shows it. */
export interface ReplicaStatus {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
  leader: boolean;
  corpusVersion: string | null;
  /** Stopped cleanly, or silent for longer than three heartbeats. */
  gone: boolean;
}

/** Each replica's row in the shared database: who runs where, who leads, which corpus version each serves. */
export class ReplicaRegistry {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private corpusVersion: () => string = () => '';

  constructor(private readonly sql: Sql) {}

  /**
   * Adds this replica and keeps its row fresh until `stop()`, with the corpus version it serves then: read
   * at every heartbeat, so other replicas see a refresh within one.
   */
  async register(corpusVersion: () => string): Promise<void> {
    this.corpusVersion = corpusVersion;
    await this.sql`
      INSERT INTO replicas (id, host, pid, corpus_version)
      VALUES (${this.id}, ${hostname()}, ${process.pid}, ${corpusVersion()})`;
    this.timer = setInterval(() => {
      void this.heartbeat().catch(() => undefined);
    }, HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  private async heartbeat(): Promise<void> {
    await this.sql`
      UPDATE replicas SET seen_at = now(), corpus_version = ${this.corpusVersion()} WHERE id = ${this.id}`;
  }

  /** Records that this replica now holds the leader lock. */
  async becameLeader(): Promise<void> {
    await this.sql`UPDATE replicas SET leader = (id = ${this.id}) WHERE leader OR id = ${this.id}`;
  }

  /** Every replica seen in the last day, running ones first; this replica's own row is brought up to date first. */
  async list(): Promise<ReplicaStatus[]> {
    await this.heartbeat();
    const rows = await this.sql`
      SELECT id, host, pid, started_at, seen_at, leader, corpus_version,
        stopped_at IS NOT NULL OR seen_at < now() - make_interval(secs => ${(3 * HEARTBEAT_INTERVAL_MS) / 1000}) AS gone
      FROM replicas WHERE seen_at > now() - interval '1 day'
      ORDER BY gone, started_at`;
    return rows.map((row) => ({
      id: row.id as string,
      host: row.host as string,
      pid: row.pid as number,
      startedAt: row.started_at as Date,
      seenAt: row.seen_at as Date,
      leader: (row.leader as boolean) && !(row.gone as boolean),
      corpusVersion: row.corpus_version as string | null,
      gone: row.gone as boolean,
    }));
  }

  /** Marks this replica stopped, so status no longer counts it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sql`UPDATE replicas SET stopped_at = now(), leader = false WHERE id = ${this.id}`;
  }
}
