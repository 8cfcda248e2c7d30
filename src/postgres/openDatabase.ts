import { readdir, readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any fixed number: replicas starting together take this lock so that one of them applies the migrations. */
const MIGRATION_LOCK = 7_202_201;

/** A connection pool to the shared database, its schema up to date. */
export interface Database {
  sql: Sql;
  /** Whether the server answers a trivial query within a few seconds, for health checks. */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** A health check waits this long for the database before calling it unreachable. */
const REACHABLE_WITHIN_MS = 3000;

async function answersWithin(sql: Sql, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      sql`SELECT 1`.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Applies the `migrations/*.sql` files not applied yet, in name order, in one transaction: all or none. */
async function migrate(sql: Sql, logger: Logger): Promise<void> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const applied = new Set((await tx`SELECT name FROM schema_migrations`).map((row) => row.name as string));
    for (const name of files.filter((file) => !applied.has(file))) {
      await tx.unsafe(await readFile(new URL(name, MIGRATIONS_DIR), 'utf8'));
      await tx`INSERT INTO schema_migrations (name) VALUES (${name})`;
      logger.info({ migration: name }, 'database migrated');
    }
  });
}

/**
 * Connects to `url` and brings its schema up to date. Throws with the server's reason when the database
 * cannot be reached or a migration fails.
 */
export async function openDatabase(url: string, logger: Logger): Promise<Database> {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { application_name: 'dossier' },
  });
  try {
    await migrate(sql, logger);
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
  return {
    sql,
    reachable: () => answersWithin(sql, REACHABLE_WITHIN_MS),
    close: () => sql.end({ timeout: 5 }),
  };
}
