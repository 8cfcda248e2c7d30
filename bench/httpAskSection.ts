import { loadavg } from 'node:os';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { LiveIndex } from '../src/search/LiveIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import type { FakeDiscord } from '../support/fakeDiscord.ts';
import { chatInputInteraction, user } from '../support/payloads.ts';
import { startTestHttpBot } from '../support/startTestHttpBot.ts';
import { atMost, type BenchRow, type BenchSection, loadAverageRow } from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import { elapsedMs, percentile } from './measure.ts';

const IDLE_REQUESTS = 200;
const WARM_UP_REQUESTS = 20;
/** Requests in flight at once in the burst pass, as when a busy server all asks at the same moment. */
const CONCURRENT = 50;
const BURST_ROUNDS = 4;
/** Discord gives up on an interaction not answered within this. */
const DISCORD_DEADLINE_MS = 3_000;

type Outcome = 'answered' | 'deferred' | 'refused';

/** One signed `/ask` POSTed to the endpoint: the time to its HTTP response, and what the response was. */
async function timeAsk(fake: FakeDiscord, url: string, question: string) {
  const body = JSON.stringify(chatInputInteraction({ name: 'ask', options: { question }, user: user() }));
  // Discord signs before it sends: signing is not part of the time the endpoint takes.
  const headers = { 'content-type': 'application/json', ...fake.signatureHeaders(body) };
  const start = process.hrtime.bigint();
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = (await response.json()) as { type?: number; data?: { flags?: number } };
  const ms = elapsedMs(start);
  if (response.status !== 200) throw new Error(`bench: /ask over HTTP got ${response.status}`);
  const outcome: Outcome =
    answer.type === InteractionResponseType.DeferredChannelMessageWithSource
      ? 'deferred'
      : ((answer.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0
        ? 'refused'
        : 'answered';
  return { ms, outcome };
}

const count = (outcomes: readonly Outcome[], kind: Outcome) =>
  outcomes.filter((each) => each === kind).length;

/**
 * Time from a signed `/ask` POST to the interactions endpoint until its HTTP response is read, with the
 * answer in it: one request at a time, then bursts of 50 at once.
 */
export function httpAskSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'http-ask';
  return {
    id,
    async run(context) {
      const { corpus } = context.corpus(passages);
      const texts = context.questions(passages).map((question) => question.text);
      const needed = WARM_UP_REQUESTS + IDLE_REQUESTS + CONCURRENT * BURST_ROUNDS;
      if (texts.length < needed) throw new Error(`bench: ${id} needs ${needed} questions`);
      const warmUp = texts.slice(0, WARM_UP_REQUESTS);
      const idle = texts.slice(WARM_UP_REQUESTS, WARM_UP_REQUESTS + IDLE_REQUESTS);
      const burst = texts.slice(WARM_UP_REQUESTS + IDLE_REQUESTS, needed);

      context.log(`${id}: indexing ${passages} passages and starting the interactions endpoint`);
      const index = PassageIndex.build(corpus);
      const live = new LiveIndex({ corpus, index, loadedAt: new Date(), loadedBy: 'bench' });
      const bot = await startTestHttpBot({ live });
      const url = bot.bot.interactionsUrl;
      const idleMs: number[] = [];
      const burstMs: number[] = [];
      const burstOutcomes: Outcome[] = [];
      let load: number;
      try {
        await bot.bot.context.suggester.whenReady();
        for (const question of warmUp) await timeAsk(bot.fake, url, question);
        context.log(
          `${id}: ${IDLE_REQUESTS} /ask one at a time, then ${BURST_ROUNDS} bursts of ${CONCURRENT}`,
        );
        load = loadavg()[0] ?? Number.NaN;
        for (const question of idle) {
          const { ms, outcome } = await timeAsk(bot.fake, url, question);
          if (outcome !== 'answered') throw new Error(`bench: an idle /ask over HTTP was ${outcome}`);
          idleMs.push(ms);
        }
        for (let round = 0; round < BURST_ROUNDS; round++) {
          const questions = burst.slice(round * CONCURRENT, (round + 1) * CONCURRENT);
          for (const { ms, outcome } of await Promise.all(questions.map((q) => timeAsk(bot.fake, url, q)))) {
            burstMs.push(ms);
            burstOutcomes.push(outcome);
          }
        }
      } finally {
        await bot.stop();
      }

      const idleP99 = percentile(idleMs, 99);
      const burstMax = Math.max(...burstMs);
      const rows: BenchRow[] = [
        { metric: 'passages', unit: 'count', ours: index.passageCount },
        {
          metric: 'idle: request → response p50',
          unit: 'ms',
          ours: percentile(idleMs, 50),
          note: `a signed /ask POSTed over loopback to the endpoint (signature checked, the same handler and renderer as over the gateway), until the HTTP response carrying the answer is read; ${IDLE_REQUESTS} one at a time after ${WARM_UP_REQUESTS} untimed`,
        },
        { metric: 'idle: request → response p99', unit: 'ms', ours: idleP99 },
        {
          metric: `${CONCURRENT} concurrent: request → response p50`,
          unit: 'ms',
          ours: percentile(burstMs, 50),
          note: `${BURST_ROUNDS} rounds of ${CONCURRENT} requests sent at once, each timed from its own send; one Node process answers them in turn, and the client sending them runs in that same process`,
        },
        {
          metric: `${CONCURRENT} concurrent: request → response p99`,
          unit: 'ms',
          ours: percentile(burstMs, 99),
        },
        { metric: `${CONCURRENT} concurrent: request → response max`, unit: 'ms', ours: burstMax },
        {
          metric: `${CONCURRENT} concurrent: answered in the response`,
          unit: 'count',
          ours: count(burstOutcomes, 'answered'),
        },
        {
          metric: `${CONCURRENT} concurrent: deferred`,
          unit: 'count',
          ours: count(burstOutcomes, 'deferred'),
        },
        {
          metric: `${CONCURRENT} concurrent: refused as busy`,
          unit: 'count',
          ours: count(burstOutcomes, 'refused'),
        },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `/ask over the HTTP interactions endpoint at ${passages / 1000}k passages`,
        rows,
        targets: [
          atMost(`/ask over HTTP, idle: request → response p99 ≤ 100 ms`, idleP99, 100, 'ms'),
          atMost(
            `/ask over HTTP, ${CONCURRENT} concurrent: every response within Discord's ${DISCORD_DEADLINE_MS / 1000} s`,
            burstMax,
            DISCORD_DEADLINE_MS,
            'ms',
          ),
        ],
      };
    },
  };
}
