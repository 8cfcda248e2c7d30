import pino from 'pino';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { LeaderLock } from '../../src/postgres/LeaderLock.ts';
import { openDatabase } from '../../src/postgres/openDatabase.ts';
import { PostgresCooldowns } from '../../src/postgres/PostgresCooldowns.ts';
import { PostgresPages } from '../../src/postgres/PostgresPages.ts';
import { ReplicaRegistry } from '../../src/postgres/ReplicaRegistry.ts';
import { useTestDatabases } from '../postgres/usePostgres.ts';

const logger = pino({ level: 'silent' });
const { createDatabase, onCleanup } = useTestDatabases('shared');

/** Two replicas' connection pools to one new, migrated database, as two processes would have. */
async function twoReplicas(): Promise<[Sql, Sql, string]> {
  const url = await createDatabase();
  const first = await openDatabase(url, logger);
  const second = await openDatabase(url, logger);
  onCleanup(
    () => first.close(),
    () => second.close(),
  );
  return [first.sql, second.sql, url];
}

describe('state every replica shares in PostgreSQL', () => {
  it('makes a reader wait on one replica after asking on another, and lets other readers and commands through', async () => {
    const [first, second] = await twoReplicas();
    expect(await new PostgresCooldowns(first, logger).take('reader', 'ask', 600)).toBe(0);
    const wait = await new PostgresCooldowns(second, logger).take('reader', 'ask', 600);
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await new PostgresCooldowns(second, logger).take('reader', 'search', 600)).toBe(0);
    expect(await new PostgresCooldowns(second, logger).take('another-reader', 'ask', 600)).toBe(0);
  });

  it('lets exactly one of many simultaneous uses through', async () => {
    const [first, second] = await twoReplicas();
    const takes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new PostgresCooldowns(i % 2 ? first : second, logger).take('reader', 'ask', 60),
      ),
    );
    expect(takes.filter((wait) => wait === 0)).toHaveLength(1);
  });

  it('lets exactly one of many simultaneous uses through once a cooldown has run out, round after round', async () => {
    const [first, second] = await twoReplicas();
    for (let round = 0; round < 5; round++) {
      // The cooldown from the round before has run out, as if its minute had passed.
      await first`UPDATE cooldowns SET ready_at = now() - interval '1 second'`;
      const takes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          new PostgresCooldowns(i % 2 ? first : second, logger).take('reader', 'ask', 60),
        ),
      );
      expect(takes.filter((wait) => wait === 0)).toHaveLength(1);
      expect(Math.min(...takes.filter((wait) => wait > 0))).toBeGreaterThan(50);
    }
  });

  it('lets a reader through, and logs why, when the database does not answer', async () => {
    const [first] = await twoReplicas();
    const lines: Array<Record<string, unknown>> = [];
    const recording = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const cooldowns = new PostgresCooldowns(first, recording);
    await first.end();
    expect(await cooldowns.take('reader', 'ask', 600)).toBe(0);
    expect(lines.map((line) => line.msg)).toEqual([
      'cooldowns: the database did not answer; letting the use through',
    ]);
  });

  it('finds results stored by one replica from another, only under their own kind', async () => {
    const [first, second] = await twoReplicas();
    const results = {
      question: 'Who commanded the contingent?',
      answers: [{ quote: 'General Andrei Serdiukov' }],
    };
    const key = await new PostgresPages(first, 60_000).put('ask', 'reader', results);
    expect(await new PostgresPages(second, 60_000).get('ask', key)).toEqual({
      ownerId: 'reader',
      value: results,
    });
    expect(await new PostgresPages(second, 60_000).get('search', key)).toBeUndefined();
  });

  it('elects one leader, and another replica takes over when the leader’s connection dies', async () => {
    const [first, , url] = await twoReplicas();
    const leader = new LeaderLock(url, logger);
    const follower = new LeaderLock(url, logger);
    onCleanup(
      () => leader.release(),
      () => follower.release(),
    );
    await leader.acquire();
    let followerLeads = false;
    const takeover = follower.acquire().then(() => {
      followerLeads = true;
    });
    // The follower waits in pg_advisory_lock; it leads only once the leader's session is gone.
    await expect
      .poll(async () => {
        const [row] = await first`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
            AND query LIKE 'SELECT pg_advisory_lock%'`;
        return row?.n;
      })
      .toBe(1);
    expect(followerLeads).toBe(false);
    await first`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`;
    await takeover;
    expect(followerLeads).toBe(true);
    expect(await leader.lost).toBeInstanceOf(Error);
  });

  it('lists each replica with the corpus version it serves, and which one leads', async () => {
    const [first, second] = await twoReplicas();
    const one = new ReplicaRegistry(first);
    const two = new ReplicaRegistry(second);
    let served = 'a1b2c3d4e5f6';
    await one.register(() => 'a1b2c3d4e5f6');
    await two.register(() => served);
    await two.becameLeader();
    served = '0f9e8d7c6b5a';
    await one.stop();
    const listed = await two.list();
    expect(
      listed.map(({ id, leader, corpusVersion, gone }) => ({ id, leader, corpusVersion, gone })),
    ).toEqual([
      { id: two.id, leader: true, corpusVersion: '0f9e8d7c6b5a', gone: false },
      { id: one.id, leader: false, corpusVersion: 'a1b2c3d4e5f6', gone: true },
    ]);
    await two.stop();
  });
});
