import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { indexDirectory } from '../src/search/indexDirectory.ts';
import { buildTimeline } from '../src/summary/buildTimeline.ts';
import { summarizeCorpus } from '../src/summary/summarizeCorpus.ts';
import { generateQuestions } from './generateQuestions.ts';
import { collectGarbage, elapsedMs, latenciesMs, memoryInUse, percentile } from './measure.ts';

/** What one start of a fresh process measured. */
export interface StartUp {
  /** From reading the corpus folder until the index answers, on the main thread, as `npm start` loads it. */
  readyMs: number;
  fromSnapshot: boolean;
  /** Heap and typed arrays in use after a full GC, with the corpus and index loaded. */
  memoryBytes: number;
  answerP50Ms: number;
  answerP99Ms: number;
  /** Absent when the process ran out of memory or failed before the briefing was done. */
  summary?: { ms: number; lines: number };
  timeline?: { ms: number; events: number };
  /** Why the process stopped early, if it did. */
  failure?: string;
}

export interface StartUpRequest {
  corpusDir: string;
  snapshotDir: string;
  /** Heap limit of the fresh process, as `--max-old-space-size` sets it. */
  heapLimitMb: number;
  questionSeed: number;
  questionCount: number;
  latencyPasses: number;
}

const WARM_UP_QUESTIONS = 100;
const SELF = fileURLToPath(import.meta.url);

/** Each measurement is printed as one JSON line as soon as it is taken, so a later failure loses none. */
function report(measured: Partial<StartUp>): void {
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

async function startUp(request: StartUpRequest): Promise<void> {
  // The first load of `CorpusStore.open`: nothing is answered yet, so it runs on the main thread.
  const start = process.hrtime.bigint();
  const outcome = await indexDirectory({ dir: request.corpusDir, snapshotDir: request.snapshotDir });
  const readyMs = elapsedMs(start);
  if (outcome.kind !== 'loaded') throw new Error(`bench: the corpus did not load (${outcome.kind})`);
  const { corpus, index } = outcome;
  collectGarbage();
  collectGarbage();
  report({ readyMs, fromSnapshot: outcome.fromSnapshot, memoryBytes: memoryInUse() });
  const questions = generateQuestions(corpus, { seed: request.questionSeed, count: request.questionCount });
  const texts = questions.map((question) => question.text);
  const answers = latenciesMs(texts, texts.slice(0, WARM_UP_QUESTIONS), request.latencyPasses, (text) =>
    answerQuestion(index, text),
  );
  report({ answerP50Ms: percentile(answers, 50), answerP99Ms: percentile(answers, 99) });
  let clock = process.hrtime.bigint();
  const summary = summarizeCorpus(index, { length: 'medium' });
  report({ summary: { ms: elapsedMs(clock), lines: summary.lines.length } });
  clock = process.hrtime.bigint();
  const timeline = buildTimeline(index);
  report({ timeline: { ms: elapsedMs(clock), events: timeline.events.length } });
}

/**
 * Starts a fresh Node process with the given heap limit, as `npm start` would run, and measures its start
 * from the corpus folder (and the snapshot folder, when it holds a snapshot), its memory and its answers.
 */
export async function timeStartUp(request: StartUpRequest): Promise<StartUp> {
  let stdout: string;
  let failure: string | undefined;
  try {
    ({ stdout } = await promisify(execFile)(
      process.execPath,
      [`--max-old-space-size=${request.heapLimitMb}`, ...process.execArgv, SELF, JSON.stringify(request)],
      { maxBuffer: 1024 * 1024 },
    ));
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number; signal?: string };
    stdout = failed.stdout ?? '';
    // The error's own line says what happened; the stack lines after it only where.
    const lines = (failed.stderr ?? '').trim().split('\n');
    const cause = lines.find((line) => /error|memory/i.test(line)) ?? lines.at(-1) ?? '';
    failure = `exit ${failed.code ?? failed.signal}: ${cause.trim().slice(0, 300)}`;
  }
  const measured = Object.assign(
    {},
    ...stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Partial<StartUp>),
  ) as Partial<StartUp>;
  if (measured.readyMs === undefined || measured.memoryBytes === undefined) {
    throw new Error(`bench: the fresh process did not start (${failure ?? 'no output'})`);
  }
  return {
    readyMs: measured.readyMs,
    fromSnapshot: measured.fromSnapshot ?? false,
    memoryBytes: measured.memoryBytes,
    answerP50Ms: measured.answerP50Ms ?? Number.NaN,
    answerP99Ms: measured.answerP99Ms ?? Number.NaN,
    ...(measured.summary ? { summary: measured.summary } : {}),
    ...(measured.timeline ? { timeline: measured.timeline } : {}),
    ...(failure ? { failure } : {}),
  };
}

if (process.argv[1] === SELF) {
  startUp(JSON.parse(process.argv[2] ?? '{}') as StartUpRequest).then(
    // Nothing should keep the process, but a stray timer must not.
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
      process.exit(1);
    },
  );
}
