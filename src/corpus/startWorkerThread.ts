import { Worker } from 'node:worker_threads';

// Compiled to dist/, a thread runs its JavaScript entry directly. Run from sources (tsx, vitest), it starts with
// a bootstrap that registers tsx first, because worker threads do not inherit their parent's loader.
const COMPILED = import.meta.url.endsWith('.js');
const BOOTSTRAP = new URL('./workerBootstrap.mjs', import.meta.url);

/** Starts a worker thread on a module named by its TypeScript source (`new URL('./x.ts', import.meta.url)`). */
export function startWorkerThread(source: URL): Worker {
  if (!COMPILED) return new Worker(BOOTSTRAP, { workerData: { entry: source.href } });
  return new Worker(new URL(source.href.replace(/\.ts$/, '.js')));
}
