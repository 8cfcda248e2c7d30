import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { INDEX_OPTIONS, type IndexedPassage } from '../src/search/indexOptions.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { atLeast, atMost, type BenchRow, type BenchSection, type TargetCheck } from './BenchSection.ts';
import { buildBaseline, loadBaseline, passageDocuments } from './baseline.ts';
import { COLD_START_FILES, type ColdStartTask, loadDossierSnapshot, timeColdStart } from './coldStart.ts';
import { latenciesMs, medianTimeMs, percentile, retainedBytes, timeMs } from './measure.ts';

/** The corpus size the project's targets are stated for. */
export const TARGET_PASSAGES = 20_000;

/** Questions run untimed first, so the JIT has compiled the hot paths before anything is timed. */
/** As many answers as `/ask` shows first and the evaluation's hit3 counts. */
const TOP_ANSWERS = 3;
const WARM_UP_QUESTIONS = 100;
/** Each question is timed this many times and its median kept. */
const LATENCY_PASSES = 3;
/** Default MiniSearch takes tens of milliseconds a question at 20k passages; one pass keeps the run short. */
const BASELINE_LATENCY_PASSES = 1;

const MB = 1024 * 1024;

function label(passages: number): string {
  return passages >= 1000 ? `${passages / 1000}k` : String(passages);
}

/** Median time of `runs` fresh processes each doing `task`. */
async function medianColdStartMs(runs: number, task: ColdStartTask, dir: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await timeColdStart(task, dir));
  return percentile(times, 50);
}

/**
 * Dossier's engine beside MiniSearch with default options, on the same passages: retained heap, index
 * build, snapshot load against rebuild (in a fresh process, as on a restart, and in a warm one), and
 * answer latency over question-shaped queries.
 */
export function engineSection(passages: number): BenchSection {
  const id = `engine-${label(passages)}`;
  // Builds at the target size take seconds each; fewer runs keep the whole benchmark within minutes.
  const runs = passages >= TARGET_PASSAGES ? 2 : 5;
  const coldRuns = passages >= TARGET_PASSAGES ? 2 : 3;
  return {
    id,
    async run(context) {
      const { corpus, megabytes, parseMs } = context.corpus(passages);
      const questions = context.questions(passages);
      const documents = passageDocuments(corpus);

      context.log(`${id}: retained heap`);
      const kept: { index?: PassageIndex; miniSearch?: MiniSearch<IndexedPassage> } = {};
      const heapOurs = await retainedBytes(
        () => PassageIndex.build(corpus),
        (built) => {
          kept.index = built;
        },
      );
      const heapOursMiniSearch = await retainedBytes(() => {
        const ownOptionsOnly = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
        ownOptionsOnly.addAll(documents);
        return ownOptionsOnly;
      });
      const heapDefault = await retainedBytes(
        () => buildBaseline(documents),
        (built) => {
          kept.miniSearch = built;
        },
      );
      const { index, miniSearch } = kept;
      if (!index || !miniSearch) throw new Error('bench: an index was not kept');

      context.log(`${id}: snapshots, and index builds in this process (${runs} runs each)`);
      let snapshotOurs = '';
      let snapshotDefault = '';
      const saveOurs = await timeMs(() => {
        snapshotOurs = index.toSnapshot();
      });
      const saveDefault = await timeMs(() => {
        snapshotDefault = JSON.stringify(miniSearch);
      });
      const heapLoaded = await retainedBytes(() => loadDossierSnapshot(corpus, snapshotOurs));
      const warmBuildOurs = await medianTimeMs(runs, () => PassageIndex.build(corpus));
      const warmBuildDefault = await medianTimeMs(runs, () => buildBaseline(documents));
      const warmLoadOurs = await medianTimeMs(runs, () => loadDossierSnapshot(corpus, snapshotOurs));
      const warmLoadDefault = await medianTimeMs(runs, () => loadBaseline(snapshotDefault));

      context.log(`${id}: builds and snapshot loads in fresh processes (${coldRuns} runs each)`);
      const dir = await mkdtemp(join(tmpdir(), 'dossier-bench-'));
      let cold: Record<ColdStartTask, number>;
      try {
        await writeFile(join(dir, COLD_START_FILES.corpus), JSON.stringify(corpus));
        await writeFile(join(dir, COLD_START_FILES.documents), JSON.stringify(documents));
        await writeFile(join(dir, COLD_START_FILES.dossierSnapshot), snapshotOurs);
        await writeFile(join(dir, COLD_START_FILES.baselineSnapshot), snapshotDefault);
        cold = {
          'dossier-build': await medianColdStartMs(coldRuns, 'dossier-build', dir),
          'dossier-load': await medianColdStartMs(coldRuns, 'dossier-load', dir),
          'baseline-build': await medianColdStartMs(coldRuns, 'baseline-build', dir),
          'baseline-load': await medianColdStartMs(coldRuns, 'baseline-load', dir),
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      context.log(`${id}: ${questions.length} questions`);
      const texts = questions.map((question) => question.text);
      const warmUp = texts.slice(0, WARM_UP_QUESTIONS);
      const answerOurs = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => answerQuestion(index, text));
      const answerDefault = latenciesMs(texts, warmUp, BASELINE_LATENCY_PASSES, (text) =>
        miniSearch.search(text),
      );
      const passageList = corpus.documents.flatMap((document) => document.passages);
      const answered = questions.map((question) => {
        const ours = answerQuestion(index, question.text);
        const baseline = miniSearch.search(question.text);
        const { source } = question;
        const sourceText = source && corpus.documents.find((document) => document.id === source.docId)?.text;
        const sentence = source && sourceText?.slice(source.start, source.end);
        return {
          question,
          ours: ours.answered,
          baseline: baseline.length > 0,
          oursFound: Boolean(
            sentence &&
              ours.answers.some(
                (answer) =>
                  answer.citation.docId === source.docId &&
                  (answer.quote.includes(sentence) || sentence.includes(answer.quote)),
              ),
          ),
          baselineFound: Boolean(
            source &&
              baseline.slice(0, TOP_ANSWERS).some((result) => {
                const passage = passageList[result.id as number];
                return (
                  passage?.docId === source.docId &&
                  passage.start <= source.start &&
                  source.end <= passage.end
                );
              }),
          ),
        };
      });
      const countOf = (answerable: boolean, engine: 'ours' | 'baseline') =>
        answered.filter((entry) => entry.question.answerable === answerable && entry[engine]).length;
      const answerableCount = questions.filter((question) => question.answerable).length;
      const coldRatioOurs = cold['dossier-build'] / cold['dossier-load'];

      const rows: BenchRow[] = [
        { metric: 'articles', unit: 'count', ours: corpus.documents.length },
        { metric: 'passages', unit: 'count', ours: documents.length, baseline: documents.length },
        { metric: 'corpus text', unit: 'MB', ours: megabytes },
        {
          metric: 'corpus parse (buildCorpus)',
          unit: 'ms',
          ours: parseMs,
          note: 'front matter, paragraphs and sentences; an index snapshot does not save this part of a cold start',
        },
        { metric: 'index terms', unit: 'count', ours: index.termCount, baseline: miniSearch.termCount },
        {
          metric: 'index build, fresh process',
          unit: 'ms',
          ours: cold['dossier-build'],
          baseline: cold['baseline-build'],
          note: `as on a restart: a new Node process, nothing compiled or memoised; median of ${coldRuns}; reading the input is not timed`,
        },
        {
          metric: 'snapshot load, fresh process',
          unit: 'ms',
          ours: cold['dossier-load'],
          baseline: cold['baseline-load'],
          note: 'from the JSON string, parsing included; reading the file is not. Dossier: PassageIndex.fromSnapshot; default: MiniSearch.loadJSONAsync',
        },
        {
          metric: 'build ÷ snapshot load, fresh process',
          unit: '×',
          ours: coldRatioOurs,
          baseline: cold['baseline-build'] / cold['baseline-load'],
        },
        {
          metric: 'index build, warm process',
          unit: 'ms',
          ours: warmBuildOurs,
          baseline: warmBuildDefault,
          note: `a rebuild in a running process that has built this corpus before (as a reload does); median of ${runs}`,
        },
        { metric: 'snapshot load, warm process', unit: 'ms', ours: warmLoadOurs, baseline: warmLoadDefault },
        {
          metric: 'build ÷ snapshot load, warm process',
          unit: '×',
          ours: warmBuildOurs / warmLoadOurs,
          baseline: warmBuildDefault / warmLoadDefault,
        },
        { metric: 'snapshot save', unit: 'ms', ours: saveOurs, baseline: saveDefault },
        {
          metric: 'snapshot size',
          unit: 'MB',
          ours: Buffer.byteLength(snapshotOurs) / MB,
          baseline: Buffer.byteLength(snapshotDefault) / MB,
        },
        {
          metric: 'answer p50',
          unit: 'ms',
          ours: percentile(answerOurs, 50),
          baseline: percentile(answerDefault, 50),
          note: `over ${questions.length} questions, after ${WARM_UP_QUESTIONS} untimed; each timed ${LATENCY_PASSES} times for Dossier and ${BASELINE_LATENCY_PASSES} for default MiniSearch, the median kept. Dossier: answerQuestion(index, q); default: miniSearch.search(q)`,
        },
        {
          metric: 'answer p99',
          unit: 'ms',
          ours: percentile(answerOurs, 99),
          baseline: percentile(answerDefault, 99),
        },
        {
          metric: 'answer max',
          unit: 'ms',
          ours: Math.max(...answerOurs),
          baseline: Math.max(...answerDefault),
        },
        {
          metric: `answered, of ${answerableCount} answerable`,
          unit: 'count',
          ours: countOf(true, 'ours'),
          baseline: countOf(true, 'baseline'),
          note: 'Dossier: answered; default MiniSearch: returned at least one passage',
        },
        {
          metric: 'found the sentence asked from, in the top 3',
          unit: 'count',
          ours: answered.filter((entry) => entry.oursFound).length,
          baseline: answered.filter((entry) => entry.baselineFound).length,
          note: 'of the answerable questions, each built from the words of one sentence. Dossier: one of its three answers quotes that sentence; default MiniSearch: one of its first three passages holds it',
        },
        {
          metric: `answered, of ${questions.length - answerableCount} unanswerable`,
          unit: 'count',
          ours: countOf(false, 'ours'),
          baseline: countOf(false, 'baseline'),
        },
        {
          metric: 'retained heap',
          unit: 'MB',
          ours: heapOurs / MB,
          baseline: heapDefault / MB,
          note: 'Dossier: the whole PassageIndex (its MiniSearch, acronym aliases, passage and document lookups, and the arrays of its top-passage search) plus what its first build adds to the term-normalisation memo the process shares; the corpus itself existed before and is not counted. Default: the MiniSearch instance',
        },
        {
          metric: 'retained heap, MiniSearch part',
          unit: 'MB',
          ours: heapOursMiniSearch / MB,
          baseline: heapDefault / MB,
          note: "a MiniSearch with Dossier's index options alone (stop words, stems), without the tables PassageIndex adds",
        },
        { metric: 'retained heap, loaded from snapshot', unit: 'MB', ours: heapLoaded / MB },
      ];

      const at = `(${label(passages)} passages)`;
      const targets: TargetCheck[] =
        passages === TARGET_PASSAGES
          ? [
              atMost(`answer p50 ≤ 1 ms ${at}`, percentile(answerOurs, 50), 1, 'ms'),
              atMost(`answer p99 ≤ 10 ms ${at}`, percentile(answerOurs, 99), 10, 'ms'),
              atLeast(
                `snapshot load ≥ 5× faster than build, fresh process ${at}`,
                coldRatioOurs,
                5,
                '× faster',
              ),
              atMost(`heap ≤ 1.5× default MiniSearch's ${at}`, heapOurs / heapDefault, 1.5, '× default'),
            ]
          : [];
      return { id, title: `Engine at ${label(passages)} passages`, rows, targets };
    },
  };
}
