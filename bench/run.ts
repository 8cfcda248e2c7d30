import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fail, runCli } from '../src/cli/openCorpusIndex.ts';
import type { BenchContext, BenchCorpus, SectionResult } from './BenchSection.ts';
import { generateArticles, generateCorpus } from './generateCorpus.ts';
import { type GeneratedQuestion, generateQuestions } from './generateQuestions.ts';
import { collectGarbage, elapsedMs } from './measure.ts';
import { renderSection, renderTargets } from './renderReport.ts';
import { BENCH_SECTIONS } from './sections.ts';

const USAGE = `Usage:
  npm run bench -- [--json] [--only SECTION[,SECTION…]] [--seed N]
Sections: ${BENCH_SECTIONS.map((section) => section.id).join(', ')}
With --json, the results go to stdout as one JSON object and the tables to stderr.`;

const DEFAULT_SEED = 20220113;
const QUESTION_COUNT = 500;

const OPTIONS = {
  json: { type: 'boolean' },
  only: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions() {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: false });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const seed = Number(values.seed ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed) || seed < 0) fail(`--seed must be a whole number, 0 or more\n${USAGE}`);
  const known = new Set(BENCH_SECTIONS.map((section) => section.id));
  const only = values.only?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !known.has(id)) ?? [];
  if (unknown.length > 0) fail(`--only: no section named ${unknown.join(', ')}\n${USAGE}`);
  return { json: values.json ?? false, seed, only: only ? new Set(only) : undefined };
}

function createContext(seed: number, log: (message: string) => void): BenchContext {
  const corpora = new Map<number, BenchCorpus>();
  const questions = new Map<number, GeneratedQuestion[]>();
  const corpus = (passages: number): BenchCorpus => {
    const known = corpora.get(passages);
    if (known) return known;
    log(`generating a ${passages}-passage corpus (seed ${seed})`);
    const shape = { seed, passages };
    const articles = generateArticles(shape);
    const start = process.hrtime.bigint();
    const generated = {
      corpus: generateCorpus(shape, articles),
      articles,
      parseMs: elapsedMs(start),
      megabytes: articles.reduce((sum, article) => sum + article.bytes.byteLength, 0) / (1024 * 1024),
    };
    corpora.set(passages, generated);
    return generated;
  };
  return {
    seed,
    log,
    corpus,
    questions: (passages) => {
      const known = questions.get(passages);
      if (known) return known;
      const generated = generateQuestions(corpus(passages).corpus, { seed: seed + 1, count: QUESTION_COUNT });
      questions.set(passages, generated);
      return generated;
    },
  };
}

runCli(async () => {
  const options = parseOptions();
  const report = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  const started = process.hrtime.bigint();
  const context = createContext(options.seed, (message) => process.stderr.write(`bench: ${message}\n`));
  const results: SectionResult[] = [];
  for (const section of BENCH_SECTIONS) {
    if (options.only ? !options.only.has(section.id) : section.onRequest) continue;
    // What one section leaves behind is collected now, not in a pause inside the next section's timings.
    collectGarbage();
    const result = await section.run(context);
    results.push(result);
    report(`\n${renderSection(result)}`);
  }
  const targets = results.flatMap((result) => result.targets);
  if (targets.length > 0) report(`\n${renderTargets(targets)}`);
  const seconds = elapsedMs(started) / 1000;
  // Timings on a busy machine run slow; the load average says how busy it was.
  const load = loadavg().map((value) => value.toFixed(1));
  const machine = `Node ${process.version}, ${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`;
  report(
    `\n${machine}; load average ${load.join(' ')}; seed ${options.seed}; ${seconds.toFixed(0)} s in all`,
  );
  if (options.json) {
    const summary = {
      seed: options.seed,
      machine: {
        node: process.version,
        cores: availableParallelism(),
        cpu: cpus()[0]?.model,
        loadAverage: loadavg(),
      },
      seconds,
      sections: results,
      targets,
      allTargetsPass: targets.every((check) => check.pass),
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  }
});
