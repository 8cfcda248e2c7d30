import type { Worker } from 'node:worker_threads';
import { DocumentError, type MetadataDefaults } from './parseDocument.ts';
import type { ParseReply } from './parserThread.ts';
import { startWorkerThread } from './startWorkerThread.ts';
import type { CorpusDocument } from './types.ts';

const ENTRY = new URL('./parserThread.ts', import.meta.url);

/**
 * Parses uploads in a worker thread, so a large or hostile file never holds up the thread that answers
 * questions. Same results as `parseDocument`: a `DocumentError` for a file that is not an article.
 */
export class OffThreadParser {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (reply: ParseReply) => void>();
  private nextId = 1;

  /** Parses one file off the main thread. */
  async parse(file: string, bytes: Uint8Array, defaults: MetadataDefaults = {}): Promise<CorpusDocument> {
    const id = this.nextId++;
    const reply = await new Promise<ParseReply>((resolve) => {
      this.pending.set(id, resolve);
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage({ id, file, bytes, defaults });
    });
    if ('document' in reply) return reply.document;
    if ('invalid' in reply) throw new DocumentError(reply.invalid);
    throw new Error(`parser: ${reply.error}`);
  }

  /** Stops the worker thread; the next parse starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorkerThread(ENTRY);
    worker.on('message', (reply: ParseReply) => {
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive.
      if (this.pending.size === 0) worker.unref();
      resolve?.(reply);
    });
    const fail = (message: string) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, resolve] of this.pending) resolve({ id, error: message });
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`worker thread exited (${code})`));
    this.worker = worker;
    return worker;
  }
}
