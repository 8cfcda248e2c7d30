import type { Sql } from 'postgres';

/** A named document of state (such as the scheduled posts' bookmark) kept in the database for every replica. */
export class PostgresStateDocument {
  constructor(
    private readonly sql: Sql,
    readonly name: string,
  ) {}

  /** The stored text, or `undefined` when nothing was stored yet. */
  async read(): Promise<string | undefined> {
    const [row] = await this.sql`SELECT body FROM state_documents WHERE name = ${this.name}`;
    return row ? (row.body as string) : undefined;
  }

  /** Replaces the stored text in one statement: a reader sees the old text or the new, never a mix. */
  async write(body: string): Promise<void> {
    await this.sql`
      INSERT INTO state_documents (name, body) VALUES (${this.name}, ${body})
      ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`;
  }
}
