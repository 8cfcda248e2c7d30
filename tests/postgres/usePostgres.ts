import { afterAll, afterEach, beforeAll } from 'vitest';
import { type PostgresServer, startPostgres } from '../../support/postgresServer.ts';

/** Starts a PostgreSQL server for the test file before its tests and stops it after; returns a getter for it. */
export function usePostgres(): () => PostgresServer {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());
  return () => {
    if (!server) throw new Error('PostgreSQL is not running: usePostgres() starts it before the tests');
    return server;
  };
}

/**
 * `usePostgres()` for tests that each want databases of their own: `createDatabase()` makes a new empty one,
 * and what a test registers with `onCleanup` is undone after it, last first.
 */
export function useTestDatabases(prefix: string) {
  const server = usePostgres();
  let databases = 0;
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    createDatabase: () => server().createDatabase(`${prefix}_${++databases}`),
    onCleanup: (...cleanup: Array<() => Promise<unknown>>) => {
      cleanups.push(...cleanup);
    },
  };
}
