import type { Logger } from 'pino';
import type { Sql } from 'postgres';

/** Takes between sweeps of expired cooldowns; each take touches one row, the sweep the rest. */
const TAKES_PER_SWEEP = 1000;

/**
 * Cooldowns every replica shares, timed by the database's clock so machines whose clocks disagree still
 * agree on who must wait.
 */
export class PostgresCooldowns {
  private takes = 0;

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
  ) {}

  /**
   * Records a use of `command` by `userId` and returns 0, or, when the previous use on any replica is too
   * recent, records nothing and returns the whole seconds left to wait. When the database cannot be reached
   * it lets the use through and logs why: a cooldown only spaces out requests, and must not stop answers.
   */
  async take(userId: string, command: string, seconds: number): Promise<number> {
    if (seconds <= 0) return 0;
    try {
      return await this.takeInDatabase(`${command}:${userId}`, seconds);
    } catch (error) {
      this.logger.warn(
        { err: error, command },
        'cooldowns: the database did not answer; letting the use through',
      );
      return 0;
    }
  }

  private async takeInDatabase(key: string, seconds: number): Promise<number> {
    if (++this.takes % TAKES_PER_SWEEP === 0) await this.sql`DELETE FROM cooldowns WHERE ready_at <= now()`;
    // One statement, so two replicas taking the same cooldown at once cannot both succeed: the upsert
    // replaces the row only when it has expired, and the outer query reads the row as it was before.
    const [row] = await this.sql`
      WITH taken AS (
        INSERT INTO cooldowns (key, ready_at) VALUES (${key}, now() + make_interval(secs => ${seconds}))
        ON CONFLICT (key) DO UPDATE SET ready_at = EXCLUDED.ready_at WHERE cooldowns.ready_at <= now()
        RETURNING key
      )
      SELECT CASE WHEN EXISTS (SELECT 1 FROM taken) THEN 0
        ELSE (SELECT ceil(extract(epoch FROM ready_at - now()))::int FROM cooldowns WHERE key = ${key})
      END AS wait`;
    return Math.max(0, Number(row?.wait ?? 0));
  }
}
