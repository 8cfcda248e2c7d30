import { afterAll, beforeAll } from 'vitest';
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
