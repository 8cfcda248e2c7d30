import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Milliseconds since `start`, a `process.hrtime.bigint()` reading. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall-clock time of one call, in milliseconds. */
export async function timeMs(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return elapsedMs(start);
}

/** The median of `runs` timings of `run`: one slow run (a GC pause, a busy neighbour) does not skew it. */
export async function medianTimeMs(runs: number, run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(run));
  return percentile(times, 50);
}

/** The nearest-rank percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/**
 * Time of each call of `run` over `inputs`, in milliseconds: the median of `passes` timings per input,
 * after one untimed pass over `warmUp`. On a shared machine a single timing can catch another process's
 * burst; the median of interleaved passes keeps what the input itself costs.
 */
export function latenciesMs<T>(
  inputs: readonly T[],
  warmUp: readonly T[],
  passes: number,
  run: (input: T) => unknown,
): number[] {
  for (const input of warmUp) run(input);
  const timings = inputs.map((): number[] => []);
  for (let pass = 0; pass < passes; pass++) {
    inputs.forEach((input, position) => {
      const start = process.hrtime.bigint();
      run(input);
      timings[position]?.push(elapsedMs(start));
    });
  }
  return timings.map((times) => percentile(times, 50));
}

/**
 * A full garbage collection. `tsx bench/run.ts` starts Node without `--expose-gc`, so the flag is switched
 * on at run time and `gc` taken from a fresh context, where V8 installs it.
 */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** JavaScript heap in use plus the typed arrays' memory, which V8 keeps outside the heap but counts against the process. */
export function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Bytes of memory that the value `build` returns keeps alive (heap and typed arrays): memory in use after a
 * full GC with the value held, minus memory in use after a full GC before building it. Whatever existed before (the
 * corpus, the passage texts) is not counted; everything new that the value references is. Pass `keep` to
 * go on using the value; otherwise it is released before this returns.
 */
export async function retainedBytes<T>(
  build: () => T | Promise<T>,
  keep?: (value: T) => void,
): Promise<number> {
  // Only a number crosses back to the caller: a value returned through an async caller can linger in its
  // suspended frame and would be counted as "before" in the next measurement.
  collectGarbage();
  collectGarbage();
  const before = memoryInUse();
  let value: T | undefined = await build();
  collectGarbage();
  collectGarbage();
  const after = memoryInUse();
  keep?.(value);
  value = undefined;
  return after - before;
}
