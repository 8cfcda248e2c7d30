import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord } from '../support/fakeDiscord.ts';
import { runScript, type ScriptRun } from '../support/runScript.ts';
import { TEST_TOKEN } from '../support/startTestBot.ts';
import { type BenchRow, type BenchSection, loadAverageRow } from './BenchSection.ts';
import { type ArticleFile, generateArticles } from './generateCorpus.ts';
import { elapsedMs } from './measure.ts';

/** The log line `npm start` writes once it is connected and serving. */
const ONLINE = '"msg":"Dossier is online"';
/** A start-up this slow has failed; the bench stops rather than wait for ever. */
const START_TIMEOUT_MS = 15 * 60_000;
/** Files written at once when laying out a corpus directory. */
const WRITES_AT_ONCE = 500;

/** Lays `articles` out as files of a corpus directory. */
export async function writeArticles(dir: string, articles: readonly ArticleFile[]): Promise<void> {
  for (let first = 0; first < articles.length; first += WRITES_AT_ONCE) {
    await Promise.all(
      articles
        .slice(first, first + WRITES_AT_ONCE)
        .map((article) => writeFile(join(dir, article.file), article.bytes)),
    );
  }
}

/** Resolves once `run` has printed `text`, failing if it exits first or takes longer than the timeout. */
function printed(run: ScriptRun, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no "${text}" in time`)), START_TIMEOUT_MS);
    const check = () => {
      if (!run.stdout().includes(text)) return;
      clearTimeout(timer);
      resolve();
    };
    run.child.stdout?.on('data', check);
    run.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench: the process exited before "${text}":\n${run.stderr().slice(-2000)}`));
    });
  });
}

/** Milliseconds from spawning `npm start` to its "online" line, then stops it with SIGTERM. */
async function timeBotStart(env: Record<string, string>, cwd: string): Promise<number> {
  const start = process.hrtime.bigint();
  const run = runScript('src/bot.ts', env, cwd);
  try {
    await printed(run, ONLINE);
    return elapsedMs(start);
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
}

/** Milliseconds from spawning `npm run ask` to its exit with the answer printed. */
async function timeCliAnswer(env: Record<string, string>, cwd: string, question: string): Promise<number> {
  const start = process.hrtime.bigint();
  const run = runScript('src/cli/ask.ts', env, cwd, [question]);
  const { code } = await run.exited;
  const ms = elapsedMs(start);
  if (code !== 0) throw new Error(`bench: npm run ask exited with ${code}: ${run.stderr().slice(-2000)}`);
  return ms;
}

/**
 * Start-up as a person running Dossier sees it, in fresh processes over a corpus directory: `npm start` from
 * spawn to "Dossier is online" against the loopback stand-in for Discord, beside `npm run ask` from spawn to
 * its answer, each with and without a saved index snapshot. Reading and parsing the articles is included.
 */
export function startupSection(sizes: readonly number[]): BenchSection {
  const id = 'startup';
  return {
    id,
    async run(context) {
      const rows: BenchRow[] = [];
      const load = loadavg()[0] ?? Number.NaN;
      const fake = await startFakeDiscord();
      const root = await mkdtemp(join(tmpdir(), 'dossier-bench-startup-'));
      try {
        for (const passages of sizes) {
          const label = `${passages / 1000}k`;
          context.log(`${id}: writing a ${passages}-passage corpus directory`);
          const articles = generateArticles({ seed: context.seed, passages });
          const corpusDir = join(root, `corpus-${label}`);
          const dataDir = join(root, `data-${label}`);
          await mkdir(corpusDir);
          await writeArticles(corpusDir, articles);
          const env = {
            DISCORD_TOKEN: TEST_TOKEN,
            DISCORD_APPLICATION_ID: fake.applicationId,
            DISCORD_API_BASE: fake.apiBase,
            CORPUS_DIR: corpusDir,
            DATA_DIR: dataDir,
            LOG_LEVEL: 'info',
          };
          const question = 'Who led the security operation?';
          context.log(`${id}: ${label}: npm run ask, then npm start, without and with a snapshot`);
          const cliCold = await timeCliAnswer(env, root, question);
          const cliWarm = await timeCliAnswer(env, root, question);
          await rm(dataDir, { recursive: true, force: true });
          const botCold = await timeBotStart(env, root);
          const botWarm = await timeBotStart(env, root);
          rows.push(
            {
              metric: `${label}: online, no snapshot (builds the index)`,
              unit: 'ms',
              ours: botCold,
              baseline: cliCold,
              note: `fresh processes over ${articles.length} article files: Dossier = npm start, spawn → "Dossier is online" against the loopback stand-in; beside it = npm run ask, spawn → answer printed and exit. Both read and parse every file, then build or load the index`,
            },
            {
              metric: `${label}: online from a snapshot`,
              unit: 'ms',
              ours: botWarm,
              baseline: cliWarm,
            },
          );
        }
      } finally {
        await fake.close();
        await rm(root, { recursive: true, force: true });
      }
      rows.push(loadAverageRow(load));
      return {
        id,
        title: 'Start-up: npm start to online, beside npm run ask to its first answer',
        columns: ['npm start', 'npm run ask'],
        rows,
        targets: [],
      };
    },
  };
}
