import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { LiveIndex } from '../src/search/LiveIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fakeDiscord.ts';
import { fakeIds } from '../support/payloads.ts';
import { startPostgres } from '../support/postgresServer.ts';
import { startTestBot, type TestBot } from '../support/startTestBot.ts';
import { type BenchRow, type BenchSection, loadAverageRow, warmUpAndTimed } from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import { elapsedMs, percentile } from './measure.ts';
import { timeAskThroughDiscord } from './timeAskThroughDiscord.ts';

const REPLICAS = 3;
const TIMED_INTERACTIONS = 300;
const WARM_UP_INTERACTIONS = 30;
/** As in the single-process section: below discord.js's 50 requests/s limiter. */
const SPACING_MS = 25;
/** A cooldown that is on, so each /ask takes it in the database; every question comes from a new member. */
const COOLDOWN = { ASK_COOLDOWN_SECONDS: '5' };

/** Guilds whose events reach shard 0, 1 and 2 of three: a guild's shard is `(id >> 22) % shard count`. */
const GUILD_PER_SHARD = Array.from({ length: REPLICAS }, (_, shard) => {
  const base = BigInt(fakeIds.guild);
  const offset = (BigInt(shard) - ((base >> 22n) % BigInt(REPLICAS)) + BigInt(REPLICAS)) % BigInt(REPLICAS);
  return (base + (offset << 22n)).toString();
});

/** Latencies of `/ask` for `questions`, one at a time, spread over the guilds in turn. */
async function timeQuestions(fake: FakeDiscord, questions: readonly string[], guilds: readonly string[]) {
  const latencies: number[] = [];
  for (const [position, question] of questions.entries()) {
    const start = process.hrtime.bigint();
    latencies.push(await timeAskThroughDiscord(fake, question, start, guilds[position % guilds.length]));
    const rest = SPACING_MS - elapsedMs(start);
    if (rest > 0) await sleep(rest);
  }
  return latencies;
}

async function stopAll(bots: readonly TestBot[]): Promise<void> {
  for (const bot of bots) await bot.stop();
}

/**
 * `/ask` through Discord with three replicas sharing one PostgreSQL (cooldowns and paged results in the
 * database, each replica serving one of three shards, questions spread over guilds on every shard), beside
 * one process with the same settings and no database.
 */
export function replicasAskSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'replicas-ask';
  return {
    id,
    async run(context) {
      const { corpus } = context.corpus(passages);
      const { warmUp, timed } = warmUpAndTimed(context, passages, id, {
        warmUp: WARM_UP_INTERACTIONS,
        timed: TIMED_INTERACTIONS,
      });
      const index = PassageIndex.build(corpus);
      const live = new LiveIndex({ corpus, index, loadedAt: new Date(), loadedBy: 'bench' });

      context.log(`${id}: one process, no database`);
      const single = await startTestBot({ live, env: COOLDOWN });
      let singleMs: number[];
      try {
        await single.bot.context.suggester.whenReady();
        await timeQuestions(single.fake, warmUp, [fakeIds.guild]);
        singleMs = await timeQuestions(single.fake, timed, [fakeIds.guild]);
      } finally {
        await single.stop();
      }

      context.log(`${id}: ${REPLICAS} replicas, one shard each, sharing a PostgreSQL started for the bench`);
      const server = await startPostgres();
      const fake = await startFakeDiscord({ requiredShards: REPLICAS });
      const bots: TestBot[] = [];
      let replicasMs: number[];
      let load: number;
      try {
        const databaseUrl = await server.createDatabase('bench_replicas');
        for (let shard = 0; shard < REPLICAS; shard++) {
          const env = {
            ...COOLDOWN,
            DATABASE_URL: databaseUrl,
            DISCORD_SHARD_IDS: String(shard),
            DISCORD_SHARD_COUNT: String(REPLICAS),
          };
          bots.push(await startTestBot({ live, sharedDiscord: fake, env }));
        }
        for (const bot of bots) await bot.bot.context.suggester.whenReady();
        await timeQuestions(fake, warmUp, GUILD_PER_SHARD);
        load = loadavg()[0] ?? Number.NaN;
        replicasMs = await timeQuestions(fake, timed, GUILD_PER_SHARD);
      } finally {
        await stopAll(bots);
        await fake.close();
        await server.stop();
      }

      const note = `INTERACTION_CREATE → first response, /ask from a new member each time with a ${COOLDOWN.ASK_COOLDOWN_SECONDS} s cooldown on, one at a time, at most one every ${SPACING_MS} ms, after ${WARM_UP_INTERACTIONS} untimed`;
      const rows: BenchRow[] = [
        { metric: 'passages', unit: 'count', ours: index.passageCount },
        { metric: 'interactions timed, each setting', unit: 'count', ours: TIMED_INTERACTIONS },
        { metric: 'one process, no database: p50', unit: 'ms', ours: percentile(singleMs, 50), note },
        { metric: 'one process, no database: p99', unit: 'ms', ours: percentile(singleMs, 99) },
        {
          metric: `${REPLICAS} replicas on PostgreSQL: p50`,
          unit: 'ms',
          ours: percentile(replicasMs, 50),
          note: `the same questions spread over guilds on all ${REPLICAS} shards, each replica in this one Node process (so they share its 2 cores, as they would share a small machine), cooldowns and paged results in a local PostgreSQL 15 with fsync off`,
        },
        { metric: `${REPLICAS} replicas on PostgreSQL: p99`, unit: 'ms', ours: percentile(replicasMs, 99) },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `/ask with ${REPLICAS} replicas at ${passages / 1000}k passages`,
        rows,
        targets: [],
      };
    },
  };
}
