import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CorpusStore } from '../src/store/CorpusStore.ts';
import type { FakeDiscord } from '../support/fakeDiscord.ts';
import { startTestBot } from '../support/startTestBot.ts';
import {
  atMost,
  BENCH_ACTOR,
  BENCH_MAX_UPLOAD_BYTES,
  type BenchRow,
  type BenchSection,
  loadAverageRow,
} from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import { elapsedMs, percentile } from './measure.ts';
import { timeAskThroughDiscord } from './timeAskThroughDiscord.ts';

/**
 * Questions are sent at half the rate the bot sustains on this machine when asked one after another, so an
 * idle bot keeps up and what is timed is the bot, not a queue a slow machine could never drain.
 */
const LOAD_FACTOR = 0.5;
/** Questions asked one after another to find the rate the bot sustains. */
const CALIBRATION_QUESTIONS = 50;
/** Questions in each idle window: about as long as a reload takes on 2 cores. */
const IDLE_QUESTIONS = 300;
const WARM_UP_INTERACTIONS = 20;
/** Each round is an idle window and then a reload; one reload gives a few hundred samples at this pace. */
const ROUNDS = 2;

/**
 * Sends `/ask` at a steady pace, question after question from `questions` starting at `first`, while
 * `keepGoing(sent)` holds, and returns each latency measured from when the question was due: a main thread
 * that stalls delays the dispatch and the answer alike, and both count.
 */
async function askAtPace(
  fake: FakeDiscord,
  questions: readonly string[],
  first: number,
  paceMs: number,
  keepGoing: (sent: number) => boolean,
): Promise<number[]> {
  const start = process.hrtime.bigint();
  const answers: Promise<number>[] = [];
  for (let sent = 0; ; sent++) {
    const due = start + BigInt(Math.round(sent * paceMs * 1_000_000));
    await sleep(Math.max(0, Number(due - process.hrtime.bigint()) / 1e6));
    if (!keepGoing(sent)) break;
    const question = questions[(first + sent) % questions.length] ?? '';
    answers.push(timeAskThroughDiscord(fake, question, due));
  }
  return Promise.all(answers);
}

/**
 * /ask latency through Discord while the corpus store re-indexes a 20k-passage corpus directory in its
 * worker thread and swaps the new index in, beside the latency when nothing is being indexed.
 */
export function reloadAskSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'reload-ask';
  return {
    id,
    async run(context) {
      const { articles } = context.corpus(passages);
      const texts = context.questions(passages).map((question) => question.text);
      const root = await mkdtemp(join(tmpdir(), 'dossier-bench-reload-'));
      const idleMs: number[] = [];
      const reloadingMs: number[] = [];
      const reloadDurationsMs: number[] = [];
      let load: number;
      let paceMs = Number.NaN;
      try {
        const corpusDir = join(root, 'corpus');
        const dataDir = join(root, 'data');
        await mkdir(corpusDir);
        await mkdir(dataDir);
        await Promise.all(articles.map((article) => writeFile(join(corpusDir, article.file), article.bytes)));
        context.log(`${id}: opening a corpus store over ${articles.length} article files`);
        const store = await CorpusStore.open({ corpusDir, dataDir, maxUploadBytes: BENCH_MAX_UPLOAD_BYTES });
        try {
          const bot = await startTestBot({ corpus: store, corpusDir });
          try {
            await bot.bot.context.suggester.whenReady();
            for (const question of texts.slice(0, WARM_UP_INTERACTIONS)) {
              await timeAskThroughDiscord(bot.fake, question);
            }
            let next = WARM_UP_INTERACTIONS;
            load = loadavg()[0] ?? Number.NaN;
            const calibrationStart = process.hrtime.bigint();
            for (const question of texts.slice(next, next + CALIBRATION_QUESTIONS)) {
              await timeAskThroughDiscord(bot.fake, question);
            }
            next += CALIBRATION_QUESTIONS;
            paceMs = elapsedMs(calibrationStart) / CALIBRATION_QUESTIONS / LOAD_FACTOR;
            context.log(`${id}: one /ask every ${paceMs.toFixed(1)} ms, half what the bot sustains here`);
            // Idle and reload windows alternate, so a neighbour's burst on the shared machine is as likely
            // to land in either.
            for (let round = 1; round <= ROUNDS; round++) {
              context.log(`${id}: round ${round} of ${ROUNDS}: ${IDLE_QUESTIONS} /ask with nothing indexing`);
              const idle = await askAtPace(bot.fake, texts, next, paceMs, (sent) => sent < IDLE_QUESTIONS);
              idleMs.push(...idle);
              next += idle.length;
              context.log(`${id}: round ${round} of ${ROUNDS}: /ask during a full re-index`);
              const before = store.live.current;
              const started = process.hrtime.bigint();
              let done = false;
              const reloading = store.reload(BENCH_ACTOR, { rebuild: true }).finally(() => {
                done = true;
                reloadDurationsMs.push(elapsedMs(started));
              });
              const during = await askAtPace(bot.fake, texts, next, paceMs, () => !done);
              const report = await reloading;
              if (!report.ok || store.live.current === before || report.passagesAfter !== passages) {
                throw new Error(`bench: ${id}: the reload did not swap in a ${passages}-passage index`);
              }
              reloadingMs.push(...during);
              next += during.length;
            }
          } finally {
            await bot.stop();
          }
        } finally {
          await store.close();
        }
      } finally {
        await rm(root, { recursive: true, force: true });
      }

      const idleP99 = percentile(idleMs, 99);
      const reloadingP99 = percentile(reloadingMs, 99);
      const rows: BenchRow[] = [
        { metric: 'passages', unit: 'count', ours: passages },
        {
          metric: 'idle: /ask p50',
          unit: 'ms',
          ours: percentile(idleMs, 50),
          note: `INTERACTION_CREATE to the first response through the loopback stand-in, one /ask every ${paceMs.toFixed(1)} ms whatever the bot is doing (half the rate it sustained asked one after another on this machine), each latency counted from when the question was due, so a stalled main thread counts`,
        },
        { metric: 'idle: /ask p99', unit: 'ms', ours: idleP99 },
        { metric: 'idle: /ask max', unit: 'ms', ours: Math.max(...idleMs) },
        { metric: 'idle: questions', unit: 'count', ours: idleMs.length },
        { metric: 'questions a second, sent', unit: 'count', ours: 1000 / paceMs },
        {
          metric: 'during reload: /ask p50',
          unit: 'ms',
          ours: percentile(reloadingMs, 50),
          note: `questions due between the start and the end of CorpusStore.reload({ rebuild: true }): the worker thread re-reads the files and builds a new index, the main thread takes it in slices and swaps it in; ${ROUNDS} reloads, each after an idle window`,
        },
        { metric: 'during reload: /ask p99', unit: 'ms', ours: reloadingP99 },
        { metric: 'during reload: /ask max', unit: 'ms', ours: Math.max(...reloadingMs) },
        { metric: 'during reload: questions', unit: 'count', ours: reloadingMs.length },
        { metric: 'reload p99 ÷ idle p99', unit: '×', ours: reloadingP99 / idleP99 },
        {
          metric: 'reload duration, shortest',
          unit: 'ms',
          ours: Math.min(...reloadDurationsMs),
          note: 'reload() called to promise settled, as a moderator waits for it',
        },
        { metric: 'reload duration, longest', unit: 'ms', ours: Math.max(...reloadDurationsMs) },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `/ask while re-indexing ${passages / 1000}k passages`,
        rows,
        targets: [
          atMost(
            `/ask p99 during a reload ≤ 3× idle p99 (${passages / 1000}k passages)`,
            reloadingP99 / idleP99,
            3,
            '× idle',
          ),
        ],
      };
    },
  };
}
