import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { CorpusDocument } from '../corpus/types.ts';
import { indexDirectory } from './indexDirectory.ts';
import type { IndexerMessage, IndexJob } from './OffThreadIndexer.ts';
import type { IndexSnapshot } from './PassageIndex.ts';
import { encodeSnapshot, snapshotBytes as sizeOfSnapshot } from './snapshotFile.ts';

/**
 * Documents go to the main thread in batches of about this many passages: each batch is deserialised in one
 * event-loop turn, so small batches keep the thread that answers questions responsive.
 */
const PASSAGES_PER_BATCH = 400;

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

/**
 * Sends the snapshot in one message, its typed arrays moved rather than copied: receiving it then takes the
 * main thread no longer than a small message, whatever the corpus size. The arrays are unusable here afterwards.
 */
async function postSnapshot(id: number, snapshot: IndexSnapshot): Promise<void> {
  const { postings } = snapshot;
  const moved = new Set(
    [postings.termStarts, postings.postingPassages, postings.postingFrequencies, postings.lengths].map(
      (array) => array.buffer as ArrayBuffer,
    ),
  );
  const message: IndexerMessage = {
    id,
    type: 'snapshot',
    snapshot: { ...snapshot, postings: { ...postings, terms: [] } },
    terms: postings.terms.join('\n'),
  };
  await new Promise<void>((resolve) => {
    acknowledge = resolve;
    try {
      port?.postMessage(message, [...moved]);
    } catch {
      // Memory Node shares between buffers cannot be moved; it is copied instead.
      port?.postMessage(message);
    }
  });
}

async function run(job: IndexJob): Promise<void> {
  if (job.background) runInBackground();
  const outcome = await indexDirectory(job);
  if (outcome.kind === 'failed') {
    return post({ id: job.id, type: 'failed', reason: outcome.reason, problems: outcome.problems });
  }
  if (outcome.kind === 'unchanged') {
    const { fingerprint, problems } = outcome;
    return post({ id: job.id, type: 'unchanged', fingerprint, problems });
  }
  const snapshot = outcome.index.snapshot();
  // A snapshot saved or loaded by openIndex has been measured already; only a forced rebuild's is not.
  const snapshotBytes = outcome.snapshotBytes ?? sizeOfSnapshot(encodeSnapshot(snapshot));
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
