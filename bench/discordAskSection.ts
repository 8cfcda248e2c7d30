import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { LiveIndex } from '../src/search/LiveIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import type { FakeDiscord } from '../support/fakeDiscord.ts';
import { startTestBot } from '../support/startTestBot.ts';
import { atMost, type BenchRow, type BenchSection, loadAverageRow, warmUpAndTimed } from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import { elapsedMs, percentile } from './measure.ts';
import { timeAskThroughDiscord } from './timeAskThroughDiscord.ts';

const TIMED_INTERACTIONS = 200;
/** Interactions sent untimed first, so discord.js, the handlers and the renderer are compiled when timing starts. */
const WARM_UP_INTERACTIONS = 20;
/**
 * discord.js counts interaction callbacks against its 50 requests a second global limit; questions sent
 * back to back would queue behind its limiter, which would then be timed instead of the bot.
 */
const SPACING_MS = 25;
/** As many answers as /ask asks answerQuestion for. */
const ASK_ANSWERS = 5;
/** Interactions dispatched together in a burst, as a busy server sends them: the gateway delivers them at once. */
const IN_FLIGHT = 50;
const BURSTS = 10;

/** A burst's latencies, each from the moment before the burst's first dispatch, in the order they arrived. */
async function askInBurst(fake: FakeDiscord, questions: readonly string[]): Promise<number[]> {
  const start = process.hrtime.bigint();
  const latencies = await Promise.all(
    questions.map((question) => timeAskThroughDiscord(fake, question, start)),
  );
  return latencies.sort((a, b) => a - b);
}

/**
 * Time from INTERACTION_CREATE to the bot's first response for /ask, through the real discord.js client
 * and the loopback stand-in for Discord, beside answerQuestion alone on the same questions.
 */
export function discordAskSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'discord-ask';
  return {
    id,
    async run(context) {
      const { corpus } = context.corpus(passages);
      const texts = context.questions(passages).map((question) => question.text);
      const { warmUp, timed } = warmUpAndTimed(context, passages, id, {
        warmUp: WARM_UP_INTERACTIONS,
        timed: TIMED_INTERACTIONS,
      });

      context.log(`${id}: indexing ${passages} passages and starting the bot against the stand-in`);
      const index = PassageIndex.build(corpus);
      const live = new LiveIndex({ corpus, index, loadedAt: new Date(), loadedBy: 'bench' });
      const bot = await startTestBot({ live });
      const discordMs: number[] = [];
      const burstMs: number[][] = [];
      let load: number;
      try {
        // The suggester builds in slices after start-up; timing waits until it no longer competes.
        await bot.bot.context.suggester.whenReady();
        for (const question of warmUp) await timeAskThroughDiscord(bot.fake, question);
        context.log(`${id}: ${TIMED_INTERACTIONS} /ask interactions, one every ${SPACING_MS} ms or slower`);
        load = loadavg()[0] ?? Number.NaN;
        for (const question of timed) {
          const start = process.hrtime.bigint();
          discordMs.push(await timeAskThroughDiscord(bot.fake, question, start));
          const rest = SPACING_MS - elapsedMs(start);
          if (rest > 0) await sleep(rest);
        }
        context.log(`${id}: ${BURSTS} bursts of ${IN_FLIGHT} /ask dispatched together`);
        for (let burst = 0; burst < BURSTS; burst++) {
          const first = (burst * IN_FLIGHT) % texts.length;
          burstMs.push(await askInBurst(bot.fake, texts.slice(first, first + IN_FLIGHT)));
        }
      } finally {
        await bot.stop();
      }

      // After the Discord pass, so the ranker's sentence cache is as warm for the engine as it was for the
      // bot or warmer: the overhead below errs on the large side.
      const engineMs = timed.map((question) => {
        const start = process.hrtime.bigint();
        answerQuestion(index, question, { top: ASK_ANSWERS });
        return elapsedMs(start);
      });
      const overheadMs = discordMs.map((ms, position) => ms - (engineMs[position] ?? 0));
      const p99 = percentile(discordMs, 99);

      const rows: BenchRow[] = [
        { metric: 'passages', unit: 'count', ours: index.passageCount },
        { metric: 'interactions timed', unit: 'count', ours: discordMs.length },
        {
          metric: 'INTERACTION_CREATE → first response p50',
          unit: 'ms',
          ours: percentile(discordMs, 50),
          note: `from just before the stand-in sends the gateway dispatch to its receiving the interaction callback POST, read with process.hrtime in one process: the real discord.js client and bot, /ask with a new member each time, no cooldown, after ${WARM_UP_INTERACTIONS} untimed; one at a time, at most one every ${SPACING_MS} ms to stay under discord.js's 50 requests/s limiter`,
        },
        { metric: 'INTERACTION_CREATE → first response p99', unit: 'ms', ours: p99 },
        { metric: 'INTERACTION_CREATE → first response max', unit: 'ms', ours: Math.max(...discordMs) },
        {
          metric: 'answerQuestion alone p50',
          unit: 'ms',
          ours: percentile(engineMs, 50),
          note: `the same questions straight to answerQuestion(index, q, { top: ${ASK_ANSWERS} }), as /ask calls it, timed once each`,
        },
        { metric: 'answerQuestion alone p99', unit: 'ms', ours: percentile(engineMs, 99) },
        {
          metric: 'Discord path overhead p50',
          unit: 'ms',
          ours: percentile(overheadMs, 50),
          note: 'per question, the Discord path minus answerQuestion alone: gateway JSON, discord.js, routing, rendering the embed, the REST call and the stand-in reading it',
        },
        { metric: 'Discord path overhead p99', unit: 'ms', ours: percentile(overheadMs, 99) },
        {
          metric: `${IN_FLIGHT} in flight: first reply of a burst, median`,
          unit: 'ms',
          ours: percentile(
            burstMs.map((burst) => burst[0] ?? Number.NaN),
            50,
          ),
          note: `${BURSTS} bursts of ${IN_FLIGHT} /ask dispatched back to back by the stand-in, the next burst once all are answered; each latency from the first dispatch of its burst`,
        },
        {
          metric: `${IN_FLIGHT} in flight: first response p50`,
          unit: 'ms',
          ours: percentile(burstMs.flat(), 50),
        },
        {
          metric: `${IN_FLIGHT} in flight: first response p99`,
          unit: 'ms',
          ours: percentile(burstMs.flat(), 99),
        },
        {
          metric: `${IN_FLIGHT} in flight: last reply of a burst, median`,
          unit: 'ms',
          ours: percentile(
            burstMs.map((burst) => burst[burst.length - 1] ?? Number.NaN),
            50,
          ),
        },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `/ask through Discord at ${passages / 1000}k passages`,
        rows,
        targets: [
          atMost(
            `/ask INTERACTION_CREATE → first response p99 ≤ 100 ms (${passages / 1000}k passages)`,
            p99,
            100,
            'ms',
          ),
        ],
      };
    },
  };
}
