import type { BenchSection } from './BenchSection.ts';
import { engineSection, TARGET_PASSAGES } from './engineSection.ts';

/**
 * Every part of `npm run bench`, in the order it runs. A new measurement is a new `BenchSection` here:
 * the Discord path (time from INTERACTION_CREATE to the first response for /ask, through the loopback
 * stand-in in tests/discord/) and /ask latency while a corpus is re-indexed belong in this list, each
 * returning its own rows and target checks, with corpora and questions taken from the shared context.
 */
export const BENCH_SECTIONS: readonly BenchSection[] = [engineSection(1_000), engineSection(TARGET_PASSAGES)];
