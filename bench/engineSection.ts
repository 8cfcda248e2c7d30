import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.ts';
import { INDEX_OPTIONS, type IndexedPassage } from '../src/search/indexOptions.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { encodeSnapshot } from '../src/search/snapshotFile.ts';
import { atLeast, atMost, type BenchRow, type BenchSection, type TargetCheck } from './BenchSection.ts';
import { buildBaseline, loadBaseline, PEER_NAMES, type Peer, passageDocuments } from './baseline.ts';
import { COLD_START_FILES, type ColdStartTask, loadDossierSnapshot, timeColdStart } from './coldStart.ts';
import type { GeneratedQuestion } from './generateQuestions.ts';
import { latenciesMs, medianTimeMs, percentile, retainedBytes, timeMs } from './measure.ts';

/** The corpus size the project's targets are stated for. */
export const TARGET_PASSAGES = 20_000;

/** As many answers as `/ask` shows first and the evaluation's hit3 counts. */
const TOP_ANSWERS = 3;
/** Questions run untimed first, so the JIT has compiled the hot paths before anything is timed. */
const WARM_UP_QUESTIONS = 100;
/** Each question is timed this many times and its median kept, for every engine alike. */
const LATENCY_PASSES = 3;
const PEERS: readonly Peer[] = ['stopWords', 'default'];

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
 * Dossier's engine beside MiniSearch on the same passages, with the same stop words and with its defaults:
 * retained heap before and after the questions, index build, snapshot load against rebuild (in a fresh
 * process, as on a restart, and in a warm one), and answer latency over question-shaped queries, every
 * engine timed the same way.
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
      const texts = questions.map((question) => question.text);
      const documents = passageDocuments(corpus);
      const askEveryQuestion = (ask: (text: string) => unknown) => {
        for (const text of texts) ask(text);
      };

      context.log(`${id}: retained heap, before and after the questions`);
      const kept: { index?: PassageIndex; peers: Partial<Record<Peer, MiniSearch<IndexedPassage>>> } = {
        peers: {},
      };
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
      const heapPeer = {} as Record<Peer, number>;
      for (const peer of PEERS) {
        heapPeer[peer] = await retainedBytes(
          () => buildBaseline(documents, peer),
          (built) => {
            kept.peers[peer] = built;
          },
        );
      }
      const { index } = kept;
      const miniSearch = kept.peers.stopWords;
      const defaultMiniSearch = kept.peers.default;
      if (!index || !miniSearch || !defaultMiniSearch) throw new Error('bench: an index was not kept');
      // Ranking keeps the sentence terms of every passage it has judged, so an index that has answered
      // questions holds more than a fresh one: measured on a fresh build of each, asked every question once.
      const heapOursAsked = await retainedBytes(() => {
        const asked = PassageIndex.build(corpus);
        askEveryQuestion((text) => answerQuestion(asked, text));
        return asked;
      });
      const heapPeerAsked = {} as Record<Peer, number>;
      for (const peer of PEERS) {
        heapPeerAsked[peer] = await retainedBytes(() => {
          const asked = buildBaseline(documents, peer);
          askEveryQuestion((text) => asked.search(text));
          return asked;
        });
      }

      context.log(`${id}: snapshots, and index builds in this process (${runs} runs each)`);
      let snapshotOurs = Buffer.alloc(0);
      const saveOurs = await timeMs(() => {
        snapshotOurs = Buffer.concat(encodeSnapshot(index.snapshot()));
      });
      const snapshotPeer = {} as Record<Peer, string>;
      const savePeer = {} as Record<Peer, number>;
      for (const peer of PEERS) {
        savePeer[peer] = await timeMs(() => {
          snapshotPeer[peer] = JSON.stringify(kept.peers[peer]);
        });
      }
      const heapLoaded = await retainedBytes(() => loadDossierSnapshot(corpus, snapshotOurs));
      const warmBuildOurs = await medianTimeMs(runs, () => PassageIndex.build(corpus));
      const warmLoadOurs = await medianTimeMs(runs, () => loadDossierSnapshot(corpus, snapshotOurs));
      const warmBuildPeer = {} as Record<Peer, number>;
      const warmLoadPeer = {} as Record<Peer, number>;
      for (const peer of PEERS) {
        warmBuildPeer[peer] = await medianTimeMs(runs, () => buildBaseline(documents, peer));
        warmLoadPeer[peer] = await medianTimeMs(runs, () => loadBaseline(snapshotPeer[peer], peer));
      }

      context.log(`${id}: builds and snapshot loads in fresh processes (${coldRuns} runs each)`);
      const dir = await mkdtemp(join(tmpdir(), 'dossier-bench-'));
      const cold = {} as Record<ColdStartTask, number>;
      try {
        await writeFile(join(dir, COLD_START_FILES.corpus), JSON.stringify(corpus));
        await writeFile(join(dir, COLD_START_FILES.documents), JSON.stringify(documents));
        await writeFile(join(dir, COLD_START_FILES.dossierSnapshot), snapshotOurs);
        for (const peer of PEERS) {
          await writeFile(join(dir, COLD_START_FILES.peerSnapshot(peer)), snapshotPeer[peer]);
        }
        const tasks: ColdStartTask[] = ['dossier-build', 'dossier-load'];
        for (const peer of PEERS) tasks.push(`${peer}-build`, `${peer}-load`);
        for (const task of tasks) cold[task] = await medianColdStartMs(coldRuns, task, dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      context.log(`${id}: ${questions.length} questions, each timed ${LATENCY_PASSES} times by every engine`);
      const warmUp = texts.slice(0, WARM_UP_QUESTIONS);
      const answerOurs = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => answerQuestion(index, text));
      const answerPeer = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) => miniSearch.search(text));
      const answerDefault = latenciesMs(texts, warmUp, LATENCY_PASSES, (text) =>
        defaultMiniSearch.search(text),
      );
      const passageList = corpus.documents.flatMap((document) => document.passages);
      const holdsSource = (question: GeneratedQuestion, results: ReadonlyArray<{ id: unknown }>) => {
        const { source } = question;
        return Boolean(
          source &&
            results.slice(0, TOP_ANSWERS).some((result) => {
              const passage = passageList[result.id as number];
              return (
                passage?.docId === source.docId && passage.start <= source.start && source.end <= passage.end
              );
            }),
        );
      };
      const answered = questions.map((question) => {
        const ours = answerQuestion(index, question.text);
        const peer = miniSearch.search(question.text);
        const byDefault = defaultMiniSearch.search(question.text);
        const { source } = question;
        const sourceText = source && corpus.documents.find((document) => document.id === source.docId)?.text;
        const sentence = source && sourceText?.slice(source.start, source.end);
        return {
          question,
          ours: ours.answered,
          baseline: peer.length > 0,
          second: byDefault.length > 0,
          oursFound: Boolean(
            sentence &&
              ours.answers.some(
                (answer) =>
                  answer.citation.docId === source.docId &&
                  (answer.quote.includes(sentence) || sentence.includes(answer.quote)),
              ),
          ),
          baselineFound: holdsSource(question, peer),
          secondFound: holdsSource(question, byDefault),
        };
      });
      const countOf = (answerable: boolean, engine: 'ours' | 'baseline' | 'second') =>
        answered.filter((entry) => entry.question.answerable === answerable && entry[engine]).length;
      const answerableCount = questions.filter((question) => question.answerable).length;
      const coldRatioOurs = cold['dossier-build'] / cold['dossier-load'];
      const coldPeer = (peer: Peer, step: 'build' | 'load') => cold[`${peer}-${step}`];

      const rows: BenchRow[] = [
        { metric: 'articles', unit: 'count', ours: corpus.documents.length },
        {
          metric: 'passages',
          unit: 'count',
          ours: documents.length,
          baseline: documents.length,
          second: documents.length,
        },
        { metric: 'corpus text', unit: 'MB', ours: megabytes },
        {
          metric: 'corpus parse (buildCorpus)',
          unit: 'ms',
          ours: parseMs,
          note: 'front matter, paragraphs and sentences; an index snapshot does not save this part of a cold start',
        },
        {
          metric: 'index terms',
          unit: 'count',
          ours: index.termCount,
          baseline: miniSearch.termCount,
          second: defaultMiniSearch.termCount,
        },
        {
          metric: 'index build, fresh process',
          unit: 'ms',
          ours: cold['dossier-build'],
          baseline: coldPeer('stopWords', 'build'),
          second: coldPeer('default', 'build'),
          note: `as on a restart: a new Node process, nothing compiled or memoised; median of ${coldRuns}; reading the input is not timed`,
        },
        {
          metric: 'snapshot load, fresh process',
          unit: 'ms',
          ours: cold['dossier-load'],
          baseline: coldPeer('stopWords', 'load'),
          second: coldPeer('default', 'load'),
          note: 'from the bytes or string read, decoding included; reading the file is not. Dossier: decodeSnapshot and PassageIndex.fromSnapshot; MiniSearch: loadJSONAsync',
        },
        {
          metric: 'start-up from a snapshot, corpus parse included',
          unit: 'ms',
          ours: parseMs + cold['dossier-load'],
          baseline: parseMs + coldPeer('stopWords', 'load'),
          second: parseMs + coldPeer('default', 'load'),
          note: 'the corpus parse plus the snapshot load: every engine needs the passages to quote them',
        },
        {
          metric: 'build ÷ snapshot load, fresh process',
          unit: '×',
          ours: coldRatioOurs,
          baseline: coldPeer('stopWords', 'build') / coldPeer('stopWords', 'load'),
          second: coldPeer('default', 'build') / coldPeer('default', 'load'),
        },
        {
          metric: 'index build, warm process',
          unit: 'ms',
          ours: warmBuildOurs,
          baseline: warmBuildPeer.stopWords,
          second: warmBuildPeer.default,
          note: `a rebuild in a running process that has built this corpus before (as a reload does); median of ${runs}`,
        },
        {
          metric: 'snapshot load, warm process',
          unit: 'ms',
          ours: warmLoadOurs,
          baseline: warmLoadPeer.stopWords,
          second: warmLoadPeer.default,
        },
        {
          metric: 'snapshot save',
          unit: 'ms',
          ours: saveOurs,
          baseline: savePeer.stopWords,
          second: savePeer.default,
        },
        {
          metric: 'snapshot size',
          unit: 'MB',
          ours: Buffer.byteLength(snapshotOurs) / MB,
          baseline: Buffer.byteLength(snapshotPeer.stopWords) / MB,
          second: Buffer.byteLength(snapshotPeer.default) / MB,
        },
        {
          metric: 'answer p50',
          unit: 'ms',
          ours: percentile(answerOurs, 50),
          baseline: percentile(answerPeer, 50),
          second: percentile(answerDefault, 50),
          note: `over ${questions.length} questions, after ${WARM_UP_QUESTIONS} untimed; every engine times each question ${LATENCY_PASSES} times in interleaved passes and keeps the median. Dossier: answerQuestion(index, q), which ranks sentences too; MiniSearch: search(q)`,
        },
        {
          metric: 'answer p99',
          unit: 'ms',
          ours: percentile(answerOurs, 99),
          baseline: percentile(answerPeer, 99),
          second: percentile(answerDefault, 99),
        },
        {
          metric: 'answer max',
          unit: 'ms',
          ours: Math.max(...answerOurs),
          baseline: Math.max(...answerPeer),
          second: Math.max(...answerDefault),
        },
        {
          metric: `answered, of ${answerableCount} answerable`,
          unit: 'count',
          ours: countOf(true, 'ours'),
          baseline: countOf(true, 'baseline'),
          second: countOf(true, 'second'),
          note: 'Dossier: answered; MiniSearch: returned at least one passage',
        },
        {
          metric: 'found the sentence asked from, in the top 3',
          unit: 'count',
          ours: answered.filter((entry) => entry.oursFound).length,
          baseline: answered.filter((entry) => entry.baselineFound).length,
          second: answered.filter((entry) => entry.secondFound).length,
          note: 'of the answerable questions, each built from the words of one sentence. Dossier: one of its three answers quotes that sentence; MiniSearch: one of its first three passages holds it',
        },
        {
          metric: `answered, of ${questions.length - answerableCount} unanswerable`,
          unit: 'count',
          ours: countOf(false, 'ours'),
          baseline: countOf(false, 'baseline'),
          second: countOf(false, 'second'),
        },
        {
          metric: 'retained heap, fresh index',
          unit: 'MB',
          ours: heapOurs / MB,
          baseline: heapPeer.stopWords / MB,
          second: heapPeer.default / MB,
          note: 'Dossier: the whole PassageIndex (its MiniSearch, acronym aliases, passage and document lookups, and the arrays of its top-passage search) plus what its first build adds to the term-normalisation memo the process shares; the corpus itself existed before and is not counted. MiniSearch: the instance',
        },
        {
          metric: `retained heap, after the ${questions.length} questions`,
          unit: 'MB',
          ours: heapOursAsked / MB,
          baseline: heapPeerAsked.stopWords / MB,
          second: heapPeerAsked.default / MB,
          note: 'a fresh build of each, asked every question once, then measured the same way: what an index in service holds',
        },
        {
          metric: 'retained heap, MiniSearch part',
          unit: 'MB',
          ours: heapOursMiniSearch / MB,
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
              atMost(
                `heap after the questions ≤ 1.5× MiniSearch's with the same stop words ${at}`,
                heapOursAsked / heapPeerAsked.stopWords,
                1.5,
                '× MiniSearch',
              ),
            ]
          : [];
      return {
        id,
        title: `Engine at ${label(passages)} passages`,
        columns: ['Dossier', PEER_NAMES.stopWords, PEER_NAMES.default],
        rows,
        targets,
      };
    },
  };
}
