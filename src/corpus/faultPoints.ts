import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Crash testing. With `DOSSIER_CRASH_AT` set, every point a change passes through is printed to stderr as
 * `at <point>#<n>` (the nth time this point was reached); when the value names one of them, the process is
 * killed there with SIGKILL, as a power cut or `kill -9` would. Unset, a point costs one comparison.
 */
const crashAt = process.env.DOSSIER_CRASH_AT;
const reached = new Map<string, number>();

/** Marks a point between two durable writes, where a crash test may stop the process. */
export function faultPoint(name: string): void {
  if (crashAt === undefined) return;
  // The indexing thread counts its own points, so its names are kept apart from the main thread's.
  const point = isMainThread ? name : `indexer:${name}`;
  const n = (reached.get(point) ?? 0) + 1;
  reached.set(point, n);
  const label = `${point}#${n}`;
  writeSync(2, `at ${label}\n`);
  if (label === crashAt) process.kill(process.pid, 'SIGKILL');
}
