import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { ParseFile } from '../corpus/loadCorpus.ts';
import { DocumentError, parseDocument, sha256 } from '../corpus/parseDocument.ts';
import type { CorpusDocument } from '../corpus/types.ts';
import { indexDirectory } from './indexDirectory.ts';
import type { IndexerMessage, IndexJob } from './OffThreadIndexer.ts';
import type { IndexSnapshot } from './PassageIndex.ts';

/**
 * Documents go to the main thread in batches of about this many passages: each batch is deserialised in one
 * event-loop turn, so small batches keep the thread that answers questions responsive.
 */
const PASSAGES_PER_BATCH = 400;
/**
 * Postings per message, whatever the number of terms they belong to: a common term has thousands, a rare one
 * a few, and deserialising a message takes one event-loop turn on the main thread.
 */
const POSTINGS_PER_BATCH = 5_000;

const port = parentPort;
if (!port) throw new Error('indexerThread: must run in a worker thread');

/** The lowest scheduling priority: on a busy machine, answering questions comes before re-indexing. */
const BACKGROUND_NICE = 19;

/**
 * Lowers this thread's priority for a job that runs while questions are answered. On Linux the nice value
 * belongs to a thread, so only the indexing thread is lowered; elsewhere it would lower the whole process,
 * so it is left alone. The thread cannot raise it again: the main thread starts a new one when it must.
 */
function runInBackground(): void {
  if (process.platform !== 'linux' || getPriority() === BACKGROUND_NICE) return;
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // Not permitted in some containers: indexing then competes at normal priority.
  }
}

function post(message: IndexerMessage): void {
  port?.postMessage(message);
}

let acknowledge: (() => void) | undefined;

/**
 * Sends a slice of the result and waits until the main thread has handled it. A thread drains every queued
 * message in one event-loop turn, so without this pause a whole corpus would arrive as one long turn.
 */
function postInTurn(message: IndexerMessage): Promise<void> {
  return new Promise((resolve) => {
    acknowledge = resolve;
    post(message);
  });
}

/** What a file parsed to last time, keyed by its exact bytes: a document, or why it is not one. */
interface ParsedFile {
  sha256: string;
  outcome: CorpusDocument | DocumentError;
}

/**
 * Parsed files per corpus directory, kept between jobs: parsing is most of a load, and a reload after one
 * moderator change, or a watcher's reload after the store's own write, finds all but one file unchanged.
 */
const parsedByDir = new Map<string, Map<string, ParsedFile>>();

/** A parser for one load of `dir` that reuses earlier results; only files read in this load stay cached. */
function cachingParser(dir: string): { parse: ParseFile; finish: () => void } {
  const previous = parsedByDir.get(dir) ?? new Map<string, ParsedFile>();
  const current = new Map<string, ParsedFile>();
  const parse: ParseFile = (file, bytes) => {
    const hash = sha256(bytes);
    let parsed = previous.get(file);
    if (parsed?.sha256 !== hash) {
      try {
        parsed = { sha256: hash, outcome: parseDocument(file, bytes) };
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        parsed = { sha256: hash, outcome: error };
      }
    }
    current.set(file, parsed);
    if (parsed.outcome instanceof DocumentError) throw parsed.outcome;
    return parsed.outcome;
  };
  return { parse, finish: () => parsedByDir.set(dir, current) };
}

async function postDocuments(id: number, documents: readonly CorpusDocument[]): Promise<void> {
  let batch: CorpusDocument[] = [];
  let passages = 0;
  for (const document of documents) {
    batch.push(document);
    passages += document.passages.length;
    if (passages >= PASSAGES_PER_BATCH) {
      await postInTurn({ id, type: 'documents', documents: batch });
      batch = [];
      passages = 0;
    }
  }
  if (batch.length > 0) await postInTurn({ id, type: 'documents', documents: batch });
}

/** Sends the snapshot with its postings emptied, then the postings in slices the main thread appends. */
async function postSnapshot(id: number, snapshot: IndexSnapshot): Promise<void> {
  const { postings } = snapshot.miniSearch;
  await postInTurn({
    id,
    type: 'snapshot',
    snapshot: { ...snapshot, miniSearch: { ...snapshot.miniSearch, postings: [] } },
  });
  let batch: typeof postings = [];
  let inBatch = 0;
  for (const term of postings) {
    batch.push(term);
    inBatch += term[1].length / 2;
    if (inBatch >= POSTINGS_PER_BATCH) {
      await postInTurn({ id, type: 'postings', postings: batch });
      batch = [];
      inBatch = 0;
    }
  }
  if (batch.length > 0) await postInTurn({ id, type: 'postings', postings: batch });
}

async function run(job: IndexJob): Promise<void> {
  if (job.background) runInBackground();
  const parser = cachingParser(job.dir);
  const outcome = await indexDirectory(job, parser.parse);
  if (outcome.kind === 'failed') {
    return post({ id: job.id, type: 'failed', reason: outcome.reason, problems: outcome.problems });
  }
  parser.finish();
  if (outcome.kind === 'unchanged') {
    const { fingerprint, problems } = outcome;
    return post({ id: job.id, type: 'unchanged', fingerprint, problems });
  }
  const snapshot = outcome.index.snapshot();
  // A snapshot saved or loaded by openIndex has been measured already; only a forced rebuild's is not.
  const snapshotBytes = outcome.snapshotBytes ?? Buffer.byteLength(JSON.stringify(snapshot));
  await postDocuments(job.id, outcome.corpus.documents);
  await postSnapshot(job.id, snapshot);
  post({
    id: job.id,
    type: 'done',
    problems: outcome.corpus.problems,
    version: outcome.corpus.version,
    fingerprint: outcome.fingerprint,
    fromSnapshot: outcome.fromSnapshot,
    snapshotBytes,
    timings: outcome.timings,
  });
}

port.on('message', (message: IndexJob | 'ack') => {
  if (message === 'ack') {
    acknowledge?.();
    return;
  }
  const job = message;
  run(job).catch((error: unknown) => {
    post({ id: job.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});
