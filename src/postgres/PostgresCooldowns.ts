import { randomUUID } from 'node:crypto';
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
    // One statement, so two replicas taking the same cooldown at once cannot both succeed. The upsert always
    // reaches the row, waiting for a concurrent take to commit and then reading the row as that take left it;
    // it only replaces an expired one, and says whether this use was the one that took it. (Reading the row in a
    // separate query would see it as it was before a concurrent take, and let both uses through.)
    const token = randomUUID();
    const [row] = await this.sql`
      INSERT INTO cooldowns (key, ready_at, taken_by)
      VALUES (${key}, now() + make_interval(secs => ${seconds}), ${token})
      ON CONFLICT (key) DO UPDATE SET
        ready_at = CASE WHEN cooldowns.ready_at <= now() THEN EXCLUDED.ready_at ELSE cooldowns.ready_at END,
        taken_by = CASE WHEN cooldowns.ready_at <= now() THEN EXCLUDED.taken_by ELSE cooldowns.taken_by END
      RETURNING taken_by = ${token} AS taken, ceil(extract(epoch FROM ready_at - now()))::int AS wait`;
    if (row?.taken) return 0;
    return Math.max(1, Number(row?.wait ?? 1));
  }
}
