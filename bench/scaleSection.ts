import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { statCorpus } from '../src/corpus/corpusFingerprint.ts';
import { writeChunksDurably } from '../src/corpus/durableFiles.ts';
import { sha256 } from '../src/corpus/parseDocument.ts';
import { parsedFilesPath, writeParsedFiles } from '../src/corpus/parsedFileCache.ts';
import { INDEX_OPTIONS, type IndexedPassage } from '../src/search/indexOptions.ts';
import { snapshotPath } from '../src/search/openIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { decodeSnapshot, encodeSnapshot, snapshotBytes } from '../src/search/snapshotFile.ts';
import {
  atMost,
  type BenchRow,
  type BenchSection,
  loadAverageRow,
  type TargetCheck,
} from './BenchSection.ts';
import { passageDocuments } from './baseline.ts';
import { elapsedMs, latenciesMs, percentile, retainedBytes, timeMs } from './measure.ts';
import { type StartUp, timeStartUp } from './startUpChild.ts';

const MB = 1024 * 1024;
const WARM_UP_QUESTIONS = 100;
const LATENCY_PASSES = 3;
/** Above this, MiniSearch's own index no longer fits a 4 GB heap (1.7 GB at 300k passages). */
const BASELINE_MAX_PASSAGES = 300_000;
/** The heap a fresh process starts with: what `NODE_OPTIONS=--max-old-space-size` should give the bot. */
function heapLimitMbFor(passages: number): number {
  return passages > 300_000 ? 4096 : 2048;
}
/** From this size on, the bench saves what a first start would, rather than timing a first start. */
const SEEDED_START_PASSAGES = 1_000_000;
/** The bench process itself holds the generated articles, their parsed corpus and every index at once. */
const BENCH_HEAP_MB_PER_PASSAGE = 0.011;

/** MiniSearch with Dossier's tokenizer, stop words and stems, measured on the same passages and questions. */
interface Baseline {
  buildMs: number;
  memoryBytes: number;
  snapshotBytes: number;
  restoreMs: number;
  searchMs: number[];
}

async function measureBaseline(
  documents: readonly IndexedPassage[],
  texts: readonly string[],
): Promise<Baseline> {
  let buildMs = 0;
  let kept: MiniSearch<IndexedPassage> | undefined;
  const memoryBytes = await retainedBytes(
    () => {
      const start = process.hrtime.bigint();
      const miniSearch = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
      miniSearch.addAll(documents);
      buildMs = elapsedMs(start);
      return miniSearch;
    },
    (built) => {
      kept = built;
    },
  );
  const miniSearch = kept;
  if (!miniSearch) throw new Error('bench: the MiniSearch baseline was not kept');
  const json = JSON.stringify(miniSearch);
  const restoreMs = await timeMs(() => MiniSearch.loadJSON(json, INDEX_OPTIONS));
  const searchMs = latenciesMs(texts, texts.slice(0, WARM_UP_QUESTIONS), LATENCY_PASSES, (text) =>
    miniSearch.search(text),
  );
  return { buildMs, memoryBytes, snapshotBytes: Buffer.byteLength(json), restoreMs, searchMs };
}

function label(passages: number): string {
  return passages >= 1_000_000 ? `${passages / 1_000_000}m` : `${passages / 1000}k`;
}

/**
 * Dossier on a large corpus: the index build, its snapshot, a start of a fresh process from the corpus
 * folder (first without a snapshot, then with one), memory, answers, and the briefing and timeline a
 * corpus this size still gets, beside MiniSearch with Dossier's stop words and stems where it fits in memory.
 * `onRequest` keeps the section out of the default run.
 */
export function scaleSection(passages: number, { onRequest = false } = {}): BenchSection {
  const id = `engine-${label(passages)}`;
  return {
    id,
    onRequest,
    async run(context) {
      const neededMb = Math.ceil(passages * BENCH_HEAP_MB_PER_PASSAGE);
      const limitMb = getHeapStatistics().heap_size_limit / MB;
      if (limitMb < neededMb) {
        throw new Error(
          `bench: ${id} needs a heap of about ${neededMb} MB; run it with NODE_OPTIONS=--max-old-space-size=${neededMb}`,
        );
      }
      const { corpus, articles, megabytes, parseMs } = context.corpus(passages);
      const texts = context.questions(passages).map((question) => question.text);
      const documents = passageDocuments(corpus);
      const load = loadavg()[0] ?? 0;

      context.log(`${id}: index build`);
      let buildMs = 0;
      let index: PassageIndex | undefined;
      const memoryBytes = await retainedBytes(
        () => {
          const start = process.hrtime.bigint();
          const built = PassageIndex.build(corpus);
          buildMs = elapsedMs(start);
          return built;
        },
        (built) => {
          index = built;
        },
      );
      if (!index) throw new Error('bench: the index was not kept');
      const built = index;
      const chunks = encodeSnapshot(built.snapshot());
      const bytes = Buffer.concat(chunks);
      const restoreMs = await timeMs(() => PassageIndex.fromSnapshot(corpus, decodeSnapshot(bytes)));

      context.log(`${id}: ${texts.length} questions`);
      const warmUp = texts.slice(0, WARM_UP_QUESTIONS);
      const answerMs = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => answerQuestion(built, text));
      const queries = new Map(texts.map((text) => [text, built.queryTerms(text)]));
      const retrieve = (exhaustive: boolean) => (text: string) => {
        const query = queries.get(text);
        if (query) built.search(query, 12, { exhaustive });
      };
      const prunedMs = latenciesMs(texts, warmUp, LATENCY_PASSES, retrieve(false));
      const exhaustiveMs = latenciesMs(texts, warmUp, LATENCY_PASSES, retrieve(true));

      let baseline: Baseline | undefined;
      if (passages <= BASELINE_MAX_PASSAGES) {
        context.log(`${id}: MiniSearch with stop words on the same passages`);
        baseline = await measureBaseline(documents, texts);
      }

      const root = await mkdtemp(join(tmpdir(), 'dossier-bench-scale-'));
      let saveMs = 0;
      let cold: StartUp | undefined;
      const articleByFile = new Map(articles.map((article) => [article.file, article]));
      let warm: StartUp;
      const heapLimitMb = heapLimitMbFor(passages);
      try {
        const corpusDir = join(root, 'corpus');
        const snapshotDir = join(root, 'index');
        context.log(`${id}: writing ${articles.length} article files`);
        // Written an hour ago, as a corpus folder usually is: a file modified moments before a start is read
        // again at every start until its times settle.
        const anHourAgo = new Date(Date.now() - 3_600_000);
        for (const article of articles) {
          const path = join(corpusDir, article.file);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, article.bytes);
          await utimes(path, anHourAgo, anHourAgo);
        }
        saveMs = await timeMs(() => writeChunksDurably(join(root, 'saved.idx'), chunks));
        const request = {
          corpusDir,
          snapshotDir,
          heapLimitMb,
          questionSeed: context.seed + 1,
          questionCount: texts.length,
          latencyPasses: LATENCY_PASSES,
        };
        if (passages >= SEEDED_START_PASSAGES) {
          context.log(`${id}: saving the snapshot and parse results a first start would leave`);
          await writeChunksDurably(snapshotPath(snapshotDir, corpus), chunks);
          const stamps = (await statCorpus(corpusDir))?.stamps;
          await writeParsedFiles(
            parsedFilesPath(snapshotDir),
            corpusDir,
            new Map(
              corpus.documents.flatMap((document) => {
                const article = articleByFile.get(document.file);
                if (!article) return [];
                const stamp = stamps?.get(document.file);
                return [[document.file, { sha256: sha256(article.bytes), stamp, outcome: document }]];
              }),
            ),
          );
        } else {
          context.log(
            `${id}: first start of a fresh process, no snapshot yet (heap limit ${heapLimitMb} MB)`,
          );
          cold = await timeStartUp(request);
        }
        context.log(`${id}: second start of a fresh process, from the snapshot`);
        warm = await timeStartUp(request);
      } finally {
        await rm(root, { recursive: true, force: true });
      }

      const without = baseline
        ? {}
        : {
            note: `MiniSearch not run above ${BASELINE_MAX_PASSAGES.toLocaleString('en-US')} passages: it does not fit a 4 GB heap`,
          };
      const rows: BenchRow[] = [
        loadAverageRow(load),
        { metric: 'articles', unit: 'count', ours: corpus.documents.length },
        { metric: 'passages', unit: 'count', ours: documents.length },
        { metric: 'corpus text', unit: 'MB', ours: megabytes },
        {
          metric: 'corpus parse (buildCorpus)',
          unit: 'ms',
          ours: parseMs,
          note: 'front matter, paragraphs and sentences, in the bench process',
        },
        { metric: 'index terms', unit: 'count', ours: built.termCount },
        {
          metric: 'index build',
          unit: 'ms',
          ours: buildMs,
          ...(baseline ? { baseline: baseline.buildMs } : without),
          note: "in the bench process, one run; baseline: MiniSearch with Dossier's tokenizer, stop words and stems",
        },
        {
          metric: 'memory kept by the index',
          unit: 'MB',
          ours: memoryBytes / MB,
          ...(baseline ? { baseline: baseline.memoryBytes / MB } : {}),
          note: 'heap and typed arrays after a full GC, the corpus excluded',
        },
        {
          metric: 'snapshot size',
          unit: 'MB',
          ours: snapshotBytes(chunks) / MB,
          ...(baseline ? { baseline: baseline.snapshotBytes / MB } : {}),
          note: 'Dossier: binary postings; baseline: MiniSearch JSON',
        },
        {
          metric: 'snapshot save',
          unit: 'ms',
          ours: saveMs,
          note: 'written chunk by chunk to a temporary file, synced and renamed',
        },
        {
          metric: 'snapshot restore, in process',
          unit: 'ms',
          ours: restoreMs,
          ...(baseline ? { baseline: baseline.restoreMs } : {}),
          note: 'from bytes in memory, checks included; baseline: MiniSearch.loadJSON',
        },
        {
          metric: 'first start, fresh process',
          unit: 'ms',
          ours: cold?.readyMs ?? Number.NaN,
          note: cold
            ? `no snapshot yet: reads and parses every article, builds, saves the snapshot and parse results; heap limit ${heapLimitMb} MB`
            : 'not run at this size; the bench saved the snapshot and parse results a first start leaves',
        },
        {
          metric: 'start from snapshot, fresh process',
          unit: 'ms',
          ours: warm.readyMs,
          note: `${warm.fromSnapshot ? 'loaded from the snapshot' : 'NOT loaded from the snapshot'}: files checked by size and times, parse results and postings read back, the index restored on the main thread, as \`npm start\` does`,
        },
        {
          metric: 'memory after start, fresh process',
          unit: 'MB',
          ours: warm.memoryBytes / MB,
          note: 'heap and typed arrays after a full GC: corpus text, passages and index',
        },
        {
          metric: 'answer p50',
          unit: 'ms',
          ours: percentile(answerMs, 50),
          ...(baseline ? { baseline: percentile(baseline.searchMs, 50) } : without),
          note: `over ${texts.length} questions after ${WARM_UP_QUESTIONS} untimed, median of ${LATENCY_PASSES} timings each. Dossier: answerQuestion; baseline: miniSearch.search(question), retrieval only`,
        },
        {
          metric: 'answer p99',
          unit: 'ms',
          ours: percentile(answerMs, 99),
          ...(baseline ? { baseline: percentile(baseline.searchMs, 99) } : {}),
        },
        { metric: 'answer p50, fresh process', unit: 'ms', ours: warm.answerP50Ms },
        { metric: 'answer p99, fresh process', unit: 'ms', ours: warm.answerP99Ms },
        {
          metric: 'retrieval p50, pruned',
          unit: 'ms',
          ours: percentile(prunedMs, 50),
          note: 'PassageIndex.search for the best 12 passages, question terms already worked out',
        },
        { metric: 'retrieval p99, pruned', unit: 'ms', ours: percentile(prunedMs, 99) },
        {
          metric: 'retrieval p50, exhaustive',
          unit: 'ms',
          ours: percentile(exhaustiveMs, 50),
          note: 'the same search scoring every posting: the same passages and scores',
        },
        { metric: 'retrieval p99, exhaustive', unit: 'ms', ours: percentile(exhaustiveMs, 99) },
        {
          metric: '/summary (medium), fresh process',
          unit: 'ms',
          ours: warm.summary?.ms ?? Number.NaN,
          note: warm.summary
            ? `${warm.summary.lines} lines; the bot defers the reply while it works`
            : `did not finish: ${warm.failure ?? 'no result'}`,
        },
        {
          metric: '/timeline, fresh process',
          unit: 'ms',
          ours: warm.timeline?.ms ?? Number.NaN,
          note: warm.timeline
            ? `${warm.timeline.events} events`
            : `did not finish: ${warm.failure ?? 'no result'}`,
        },
      ];
      const at = `(${label(passages)} passages)`;
      const targets: TargetCheck[] = [
        atMost(`answer p50 ≤ 1 ms ${at}`, percentile(answerMs, 50), 1, 'ms'),
        atMost(`answer p99 ≤ 10 ms ${at}`, percentile(answerMs, 99), 10, 'ms'),
        atMost(`start from snapshot ≤ 5 s ${at}`, warm.readyMs / 1000, 5, 's'),
        atMost(`memory after start within the heap limit ${at}`, warm.memoryBytes / MB, heapLimitMb, 'MB'),
      ];
      return {
        id,
        title: `Engine at ${label(passages)} passages`,
        columns: ['Dossier', 'MiniSearch, stop words'],
        rows,
        targets,
      };
    },
  };
}
