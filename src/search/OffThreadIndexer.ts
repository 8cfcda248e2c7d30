import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../corpus/startWorkerThread.ts';
import type { Corpus, CorpusDocument, CorpusProblem } from '../corpus/types.ts';
import { type IndexSnapshot, PassageIndex } from './PassageIndex.ts';

/** A request to read a corpus directory and index it. */
export interface IndexJob {
  id: number;
  dir: string;
  /** Where index snapshots are kept (openIndex's convention); a matching snapshot saves the build. */
  snapshotDir?: string;
  /** The live corpus version: when the directory still holds exactly it, nothing is sent back. */
  knownVersion?: string;
  knownProblems?: CorpusProblem[];
  /** Build afresh even when a snapshot matches or the corpus is unchanged. */
  rebuild?: boolean;
  /**
   * Index at the lowest scheduling priority, because questions are being answered meanwhile (a reload).
   * Without it (start-up, when nothing is served yet) the thread runs at normal priority.
   */
  background?: boolean;
}

/** Messages from the indexing thread, in the order it sends them. */
export type IndexerMessage =
  | { id: number; type: 'documents'; documents: CorpusDocument[] }
  /** The snapshot with its terms left out of `postings` and sent as one '\n'-joined string, quicker to copy. */
  | { id: number; type: 'snapshot'; snapshot: IndexSnapshot; terms: string }
  | {
      id: number;
      type: 'done';
      problems: CorpusProblem[];
      version: string;
      fingerprint: string | undefined;
      fromSnapshot: boolean;
      snapshotBytes: number;
      timings: { loadMs: number; indexMs: number };
    }
  | { id: number; type: 'unchanged'; fingerprint: string | undefined; problems: CorpusProblem[] }
  | { id: number; type: 'failed'; reason: string; problems: CorpusProblem[] }
  | { id: number; type: 'error'; message: string };

/** What indexing a directory produced. */
export type IndexOutcome =
  | {
      kind: 'loaded';
      corpus: Corpus;
      index: PassageIndex;
      fromSnapshot: boolean;
      snapshotBytes: number;
      /** `corpusFingerprint` of the directory, taken before its files were read. */
      fingerprint: string | undefined;
      timings: { loadMs: number; indexMs: number; totalMs: number };
    }
  | { kind: 'unchanged'; fingerprint: string | undefined; problems: CorpusProblem[] }
  /** The directory cannot be used (gone, unreadable, no valid document); `problems` lists bad files. */
  | { kind: 'failed'; reason: string; problems: CorpusProblem[] };

interface PendingJob {
  job: IndexJob;
  documents: CorpusDocument[];
  snapshot?: IndexSnapshot;
  started: number;
  resolve: (outcome: IndexOutcome) => void;
  reject: (error: Error) => void;
}

const ENTRY = new URL('./indexerThread.ts', import.meta.url);

/**
 * Reads and indexes a corpus directory in a worker thread, so the thread answering questions never runs
 * the parse or the build. Documents come back in small messages, the postings as typed arrays moved in one,
 * and the index is restored in slices, keeping each event-loop turn short. One job runs at a time; later ones queue.
 */
export class OffThreadIndexer {
  private worker: Worker | undefined;
  /** Whether the worker has lowered its priority, which an unprivileged thread cannot raise again. */
  private workerInBackground = false;
  private pending: PendingJob | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  /** Reads and indexes `dir` off the main thread. */
  index(request: Omit<IndexJob, 'id'>): Promise<IndexOutcome> {
    const run = this.queue.then(() => this.start({ ...request, id: this.nextId++ }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker thread; the next job starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.workerInBackground = false;
    await worker?.terminate();
  }

  private async start(job: IndexJob): Promise<IndexOutcome> {
    // A new thread starts at the main thread's priority.
    if (this.workerInBackground && !job.background) await this.close();
    return new Promise<IndexOutcome>((resolve, reject) => {
      const worker = this.ensureWorker();
      this.pending = { job, documents: [], started: performance.now(), resolve, reject };
      if (job.background) this.workerInBackground = true;
      worker.ref();
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorkerThread(ENTRY);
    worker.on('message', (message: IndexerMessage) => {
      this.receive(message).catch((error: unknown) => this.settle(error as Error));
      // Slices are acknowledged a turn later, so timers and other requests run between them.
      if (message.type === 'documents' || message.type === 'snapshot') {
        setImmediate(() => worker.postMessage('ack'));
      }
    });
    worker.on('error', (error) => this.abandon(worker, error));
    worker.on('exit', (code) => this.abandon(worker, new Error(`indexer: worker thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private abandon(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    this.settle(error);
  }

  private settle(result: IndexOutcome | Error): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    // An idle worker must not keep the process alive.
    this.worker?.unref();
    if (result instanceof Error) pending.reject(result);
    else pending.resolve(result);
  }

  private async receive(message: IndexerMessage): Promise<void> {
    const pending = this.pending;
    if (!pending || message.id !== pending.job.id) return;
    switch (message.type) {
      case 'documents':
        pending.documents.push(...message.documents);
        return;
      case 'snapshot':
        pending.snapshot = {
          ...message.snapshot,
          postings: {
            ...message.snapshot.postings,
            terms: message.terms === '' ? [] : message.terms.split('\n'),
          },
        };
        return;
      case 'unchanged':
        return this.settle({
          kind: 'unchanged',
          fingerprint: message.fingerprint,
          problems: message.problems,
        });
      case 'failed':
        return this.settle({ kind: 'failed', reason: message.reason, problems: message.problems });
      case 'error':
        return this.settle(new Error(`indexer: ${message.message}`));
      case 'done': {
        const corpus: Corpus = {
          dir: pending.job.dir,
          documents: pending.documents,
          problems: message.problems,
          version: message.version,
        };
        // Restoring in slices keeps a serving bot answering; at start-up nothing waits, so it runs in one go.
        const yielding = pending.job.background ?? false;
        const index =
          pending.snapshot && (await PassageIndex.fromSnapshot(corpus, pending.snapshot, { yielding }));
        if (!index)
          return this.settle(new Error('indexer: the index built off-thread does not match its corpus'));
        return this.settle({
          kind: 'loaded',
          corpus,
          index,
          fromSnapshot: message.fromSnapshot,
          snapshotBytes: message.snapshotBytes,
          fingerprint: message.fingerprint,
          timings: { ...message.timings, totalMs: Math.round(performance.now() - pending.started) },
        });
      }
    }
  }
}
