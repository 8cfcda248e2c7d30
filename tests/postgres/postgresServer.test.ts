import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { usePostgres } from './usePostgres.ts';

const server = usePostgres();

describe('the PostgreSQL tests start', () => {
  it('is a real PostgreSQL 15 or later that keeps what each database is given apart', async () => {
    const first = postgres(await server().createDatabase('first_test'), { max: 1 });
    const second = postgres(await server().createDatabase('second_test'), { max: 1 });
    try {
      const [row] = await first`SHOW server_version_num`;
      expect(Number(row?.server_version_num)).toBeGreaterThanOrEqual(150000);
      await first`CREATE TABLE notes (text text)`;
      await first`INSERT INTO notes VALUES ('Almaty airport reopened on 13 January')`;
      expect(await first`SELECT text FROM notes`).toEqual([
        { text: 'Almaty airport reopened on 13 January' },
      ]);
      await expect(second`SELECT text FROM notes`).rejects.toThrow('relation "notes" does not exist');
    } finally {
      await first.end();
      await second.end();
    }
  });
});
