import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';

/** Puts between sweeps of expired pages. */
const PUTS_PER_SWEEP = 200;

/**
 * Results that buttons page through, kept where every replica finds them, so a button works whichever
 * replica receives the press, and after a restart. Entries expire after `ttlMs`.
 */
export class PostgresPages {
  private puts = 0;

  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number,
  ) {}

  /** Stores `value` (plain JSON) under a new key; `kind` names its type so a key from another command never matches. */
  async put<T>(kind: string, ownerId: string, value: T): Promise<string> {
    if (++this.puts % PUTS_PER_SWEEP === 0) await this.sql`DELETE FROM pages WHERE expires_at <= now()`;
    const key = randomBytes(6).toString('base64url');
    await this.sql`
      INSERT INTO pages (key, kind, owner_id, value, expires_at)
      VALUES (${key}, ${kind}, ${ownerId}, ${this.sql.json(value as never)},
        now() + make_interval(secs => ${this.ttlMs / 1000}))`;
    return key;
  }

  /** The entry for `key` if it is of `kind` and has not expired. */
  async get<T>(kind: string, key: string): Promise<{ ownerId: string; value: T } | undefined> {
    const [row] = await this.sql`
      SELECT owner_id, value FROM pages WHERE key = ${key} AND kind = ${kind} AND expires_at > now()`;
    return row ? { ownerId: row.owner_id as string, value: row.value as T } : undefined;
  }
}
