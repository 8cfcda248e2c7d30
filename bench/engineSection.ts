import MiniSearch, { type Options } from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { INDEX_OPTIONS, type IndexedPassage } from '../src/search/indexOptions.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { atLeast, atMost, type BenchRow, type BenchSection, type TargetCheck } from './BenchSection.ts';
import { latenciesMs, medianTimeMs, percentile, retainedHeap, timeMs } from './measure.ts';

/** The corpus size the project's targets are stated for. */
export const TARGET_PASSAGES = 20_000;

/** The baseline: MiniSearch as a newcomer would set it up, searching the raw question. */
const DEFAULT_OPTIONS: Options<IndexedPassage> = { fields: ['text'] };

/** Questions run untimed first, so the JIT has compiled the hot paths before anything is timed. */
const WARM_UP_QUESTIONS = 100;
/** Each question is timed this many times and its median kept. */
const LATENCY_PASSES = 3;

const MB = 1024 * 1024;

function label(passages: number): string {
  return passages >= 1000 ? `${passages / 1000}k` : String(passages);
}

function buildDefault(documents: readonly IndexedPassage[]): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(DEFAULT_OPTIONS);
  miniSearch.addAll(documents);
  return miniSearch;
}

async function loadSnapshot(corpus: PassageIndex['corpus'], json: string): Promise<PassageIndex> {
  const index = await PassageIndex.fromSnapshot(corpus, json);
  // A snapshot that does not load would make the load time meaningless.
  if (!index) throw new Error('engine bench: the snapshot was rejected as stale for its own corpus');
  return index;
}

/**
 * Dossier's engine beside MiniSearch with default options, on the same passages: index build, snapshot
 * load against rebuild, answer latency over question-shaped queries, and retained heap.
 */
export function engineSection(passages: number): BenchSection {
  const id = `engine-${label(passages)}`;
  // Builds at the target size take seconds each; three runs keep the whole benchmark within minutes.
  const runs = passages >= TARGET_PASSAGES ? 3 : 5;
  return {
    id,
    async run(context) {
      const { corpus, megabytes, parseMs } = context.corpus(passages);
      const questions = context.questions(passages);
      const documents: IndexedPassage[] = corpus.documents.flatMap((document) =>
        document.passages.map((passage) => ({
          id: 0,
          text: document.text.slice(passage.start, passage.end),
        })),
      );
      documents.forEach((document, position) => {
        document.id = position;
      });

      context.log(`${id}: retained heap`);
      const ours = await retainedHeap(() => PassageIndex.build(corpus));
      const oursMiniSearchBytes = (
        await retainedHeap(() => {
          const miniSearch = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
          miniSearch.addAll(documents);
          return miniSearch;
        })
      ).bytes;
      const baseline = await retainedHeap(() => buildDefault(documents));
      const index = ours.value;
      const miniSearch = baseline.value;

      context.log(`${id}: index build (${runs} runs each)`);
      const buildOurs = await medianTimeMs(runs, () => PassageIndex.build(corpus));
      const buildDefaultMs = await medianTimeMs(runs, () => buildDefault(documents));

      context.log(`${id}: snapshots`);
      let snapshotOurs = '';
      let snapshotDefault = '';
      const saveOurs = await timeMs(() => {
        snapshotOurs = index.toSnapshot();
      });
      const saveDefault = await timeMs(() => {
        snapshotDefault = JSON.stringify(miniSearch);
      });
      const loadOurs = await medianTimeMs(runs, () => loadSnapshot(corpus, snapshotOurs));
      const loadDefault = await medianTimeMs(runs, () =>
        MiniSearch.loadJSONAsync<IndexedPassage>(snapshotDefault, DEFAULT_OPTIONS),
      );
      const loadedBytes = (await retainedHeap(() => loadSnapshot(corpus, snapshotOurs))).bytes;

      context.log(`${id}: ${questions.length} questions, ${LATENCY_PASSES} passes each`);
      const texts = questions.map((question) => question.text);
      const warmUp = texts.slice(0, WARM_UP_QUESTIONS);
      const answerOurs = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => answerQuestion(index, text));
      const answerDefault = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => miniSearch.search(text));
      const answered = questions.map((question) => ({
        question,
        ours: answerQuestion(index, question.text).answered,
        baseline: miniSearch.search(question.text).length > 0,
      }));
      const countOf = (answerable: boolean, engine: 'ours' | 'baseline') =>
        answered.filter((entry) => entry.question.answerable === answerable && entry[engine]).length;
      const answerableCount = questions.filter((question) => question.answerable).length;

      const rows: BenchRow[] = [
        { metric: 'articles', unit: 'count', ours: corpus.documents.length },
        { metric: 'passages', unit: 'count', ours: documents.length, baseline: documents.length },
        { metric: 'corpus text', unit: 'MB', ours: megabytes },
        {
          metric: 'corpus parse (buildCorpus)',
          unit: 'ms',
          ours: parseMs,
          note: 'front matter, paragraphs and sentences; a snapshot does not save this part of a cold start',
        },
        { metric: 'index terms', unit: 'count', ours: index.termCount, baseline: miniSearch.termCount },
        { metric: 'index build', unit: 'ms', ours: buildOurs, baseline: buildDefaultMs },
        { metric: 'snapshot save', unit: 'ms', ours: saveOurs, baseline: saveDefault },
        {
          metric: 'snapshot size',
          unit: 'MB',
          ours: Buffer.byteLength(snapshotOurs) / MB,
          baseline: Buffer.byteLength(snapshotDefault) / MB,
        },
        {
          metric: 'snapshot load',
          unit: 'ms',
          ours: loadOurs,
          baseline: loadDefault,
          note: 'from the JSON string, parse included; reading the file is not',
        },
        {
          metric: 'build ÷ snapshot load',
          unit: '×',
          ours: buildOurs / loadOurs,
          baseline: buildDefaultMs / loadDefault,
        },
        {
          metric: 'answer p50',
          unit: 'ms',
          ours: percentile(answerOurs, 50),
          baseline: percentile(answerDefault, 50),
          note: `over ${questions.length} questions, each timed ${LATENCY_PASSES} times (its median kept) after ${WARM_UP_QUESTIONS} untimed; Dossier: answerQuestion(index, q); default: miniSearch.search(q)`,
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
          metric: `answered, of ${questions.length - answerableCount} unanswerable`,
          unit: 'count',
          ours: countOf(false, 'ours'),
          baseline: countOf(false, 'baseline'),
        },
        {
          metric: 'retained heap',
          unit: 'MB',
          ours: ours.bytes / MB,
          baseline: baseline.bytes / MB,
          note: 'Dossier: the whole PassageIndex (its MiniSearch, term document frequencies, acronym aliases, passage and document lookups); the corpus itself existed before and is not counted',
        },
        {
          metric: 'retained heap, MiniSearch part',
          unit: 'MB',
          ours: oursMiniSearchBytes / MB,
          baseline: baseline.bytes / MB,
          note: "Dossier's index options alone (stop words, stems), without the tables PassageIndex adds",
        },
        { metric: 'retained heap, loaded from snapshot', unit: 'MB', ours: loadedBytes / MB },
      ];

      const targets: TargetCheck[] =
        passages === TARGET_PASSAGES
          ? [
              atMost(`answer p50 ≤ 1 ms (${label(passages)} passages)`, percentile(answerOurs, 50), 1, 'ms'),
              atMost(
                `answer p99 ≤ 10 ms (${label(passages)} passages)`,
                percentile(answerOurs, 99),
                10,
                'ms',
              ),
              atLeast(
                `snapshot load ≥ 5× faster than build (${label(passages)} passages)`,
                buildOurs / loadOurs,
                5,
                '× faster',
              ),
              atMost(
                `heap ≤ 1.5× default MiniSearch's (${label(passages)} passages)`,
                ours.bytes / baseline.bytes,
                1.5,
                '× default',
              ),
            ]
          : [];
      return { id, title: `Engine at ${label(passages)} passages`, rows, targets };
    },
  };
}
