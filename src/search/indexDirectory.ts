import { statCorpus } from '../corpus/corpusFingerprint.ts';
import { CorpusError, loadCorpus } from '../corpus/loadCorpus.ts';
import { cachingParser } from '../corpus/parsedFileCache.ts';
import type { Corpus, CorpusProblem } from '../corpus/types.ts';
import type { IndexJob } from './OffThreadIndexer.ts';
import { openIndex } from './openIndex.ts';
import type { PassageIndex } from './PassageIndex.ts';

/** What reading and indexing a corpus directory gave, on whichever thread it ran. */
export type DirectoryOutcome =
  | {
      kind: 'loaded';
      corpus: Corpus;
      index: PassageIndex;
      fromSnapshot: boolean;
      /** Size of the snapshot saved or loaded; absent after a forced rebuild, which reads and saves none. */
      snapshotBytes: number | undefined;
      /** `corpusFingerprint` of the directory, taken before its files were read. */
      fingerprint: string | undefined;
      timings: { loadMs: number; indexMs: number };
    }
  | { kind: 'unchanged'; fingerprint: string | undefined; problems: CorpusProblem[] }
  /** The directory cannot be used (gone, unreadable, no valid document); `problems` lists bad files. */
  | { kind: 'failed'; reason: string; problems: CorpusProblem[] };

function sameProblems(a: IndexJob['knownProblems'], b: IndexJob['knownProblems']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads the corpus directory of `job` and opens its index (from a snapshot when one matches, unless
 * `rebuild`), or says why it cannot, or that it still holds `knownVersion`. The indexing thread runs it for
 * reloads; start-up runs it on the main thread, where nothing is being answered yet.
 */
export async function indexDirectory(job: Omit<IndexJob, 'id'>): Promise<DirectoryOutcome> {
  const started = performance.now();
  const stat = await statCorpus(job.dir);
  const fingerprint = stat?.fingerprint;
  const parser = await cachingParser(job, stat?.stamps);
  let corpus: Corpus;
  try {
    corpus = await loadCorpus(job.dir, parser.parse, parser.reuse);
    await parser.finish();
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    return { kind: 'failed', reason: error.message, problems: [] };
  }
  if (corpus.documents.length === 0) {
    const reason =
      corpus.problems.length > 0
        ? `${job.dir} has no valid document (${corpus.problems.length} invalid file${corpus.problems.length === 1 ? '' : 's'})`
        : `${job.dir} has no article files`;
    return { kind: 'failed', reason, problems: corpus.problems };
  }
  const loadMs = performance.now() - started;
  if (
    !job.rebuild &&
    job.knownVersion === corpus.version &&
    sameProblems(job.knownProblems, corpus.problems)
  ) {
    return { kind: 'unchanged', fingerprint, problems: corpus.problems };
  }
  // A forced rebuild ignores saved snapshots, so it measures and exercises a real build.
  const opened = await openIndex(corpus, job.rebuild ? undefined : job.snapshotDir);
  return {
    kind: 'loaded',
    corpus,
    index: opened.index,
    fromSnapshot: opened.fromSnapshot,
    snapshotBytes: opened.snapshotBytes,
    fingerprint,
    timings: { loadMs: Math.round(loadMs), indexMs: Math.round(performance.now() - started - loadMs) },
  };
}
