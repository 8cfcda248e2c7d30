import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveIndex } from '../src/search/LiveIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import type { FakeDiscord } from '../support/fakeDiscord.ts';
import { chatInputInteraction, user } from '../support/payloads.ts';
import { runScript } from '../support/runScript.ts';
import { startTestBot } from '../support/startTestBot.ts';
import { type BenchRow, type BenchSection, loadAverageRow } from './BenchSection.ts';
import { elapsedMs } from './measure.ts';
import { writeArticles } from './startupSection.ts';

/** A briefing this slow means the bot is stuck; the bench stops rather than wait for ever. */
const BRIEFING_TIMEOUT_MS = 5 * 60_000;

/** Milliseconds from dispatching `/summary` to the briefing itself (after the deferral, its edit). */
async function timeSummaryThroughDiscord(fake: FakeDiscord): Promise<number> {
  const payload = chatInputInteraction({ name: 'summary', options: {}, user: user() });
  const start = process.hrtime.bigint();
  fake.interact(payload);
  const responses = await fake.waitForInteractionResponses(payload.id, 2, BRIEFING_TIMEOUT_MS);
  const ms = elapsedMs(start);
  const failed = responses.find((response) => response.status >= 300);
  if (failed) throw new Error(`bench: /summary got ${failed.status} ${JSON.stringify(failed.body)}`);
  return ms;
}

const REPORT_CPU = fileURLToPath(new URL('./reportCpuOnExit.mjs', import.meta.url));

/** Milliseconds a fresh `npm run <script>` takes from spawn to exit, and the CPU time it used. */
async function timeCli(
  script: 'ask' | 'summary',
  env: Record<string, string>,
  cwd: string,
): Promise<{ ms: number; cpuMs: number }> {
  const start = process.hrtime.bigint();
  const args = script === 'ask' ? ['Who led the protests?'] : [];
  const run = runScript(
    `src/cli/${script}.ts`,
    { ...env, NODE_OPTIONS: `--import ${REPORT_CPU}` },
    cwd,
    args,
  );
  const { code } = await run.exited;
  const ms = elapsedMs(start);
  if (code !== 0)
    throw new Error(`bench: npm run ${script} exited with ${code}: ${run.stderr().slice(-2000)}`);
  const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(run.stderr())?.[1]);
  return { ms, cpuMs };
}

/**
 * The first briefing of an index, which reads every sentence once, beside the next one: through Discord (the
 * real bot and discord.js against the loopback stand-in, a fresh index), and as `npm run summary` in fresh
 * processes, whose second run takes what the first kept beside the index snapshot.
 */
export function summarySection(passages: number): BenchSection {
  const id = 'summary';
  const label = `${passages / 1000}k`;
  return {
    id,
    async run(context) {
      const { corpus, articles } = context.corpus(passages);
      const load = loadavg()[0] ?? Number.NaN;
      context.log(`${id}: /summary twice through Discord on a fresh ${label}-passage index`);
      const index = PassageIndex.build(corpus);
      const live = new LiveIndex({ corpus, index, loadedAt: new Date(), loadedBy: 'bench' });
      const bot = await startTestBot({ live });
      let firstDiscord: number;
      let secondDiscord: number;
      try {
        await bot.bot.context.suggester.whenReady();
        firstDiscord = await timeSummaryThroughDiscord(bot.fake);
        secondDiscord = await timeSummaryThroughDiscord(bot.fake);
      } finally {
        await bot.stop();
      }

      context.log(`${id}: npm run ask, then npm run summary twice, over a ${label}-passage directory`);
      const root = await mkdtemp(join(tmpdir(), 'dossier-bench-summary-'));
      let ask: { ms: number; cpuMs: number };
      let firstCli: { ms: number; cpuMs: number };
      let secondCli: { ms: number; cpuMs: number };
      try {
        const corpusDir = join(root, 'corpus');
        await mkdir(corpusDir);
        await writeArticles(corpusDir, articles);
        const env = { CORPUS_DIR: corpusDir, DATA_DIR: join(root, 'data') };
        // The first ask builds and saves the index snapshot; the runs timed all start from it.
        await timeCli('ask', env, root);
        ask = await timeCli('ask', env, root);
        firstCli = await timeCli('summary', env, root);
        secondCli = await timeCli('summary', env, root);
      } finally {
        await rm(root, { recursive: true, force: true });
      }

      const rows: BenchRow[] = [
        {
          metric: `${label}: /summary, first of an index`,
          unit: 'ms',
          ours: firstDiscord,
          note: 'INTERACTION_CREATE to the briefing (the edit of the deferred reply) through the loopback stand-in, on an index no briefing has read yet',
        },
        { metric: `${label}: /summary, second`, unit: 'ms', ours: secondDiscord },
        {
          metric: `${label}: npm run summary, first run`,
          unit: 'ms',
          ours: firstCli.ms,
          baseline: ask.ms,
          note: 'a fresh process from spawn to exit, the index loaded from its snapshot; beside it, npm run ask over the same directory and snapshot',
        },
        {
          metric: `${label}: npm run summary, second run`,
          unit: 'ms',
          ours: secondCli.ms,
          baseline: ask.ms,
          note: 'it takes the sentences, terms and event dates the first run kept beside the snapshot',
        },
        {
          metric: `${label}: npm run summary, first run, CPU`,
          unit: 'ms',
          ours: firstCli.cpuMs,
          baseline: ask.cpuMs,
          note: 'user CPU time of the process: on a shared machine it says more than the wall-clock time',
        },
        {
          metric: `${label}: npm run summary, second run, CPU`,
          unit: 'ms',
          ours: secondCli.cpuMs,
          baseline: ask.cpuMs,
        },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `Briefings at ${label} passages: the first and the next`,
        columns: ['briefing', 'npm run ask'],
        rows,
        targets: [],
      };
    },
  };
}
