import { answerPrecisionSection } from './answerPrecisionSection.ts';
import type { BenchSection } from './BenchSection.ts';
import { burstSection } from './burstSection.ts';
import { corpusPropagationSection } from './corpusPropagationSection.ts';
import { discordAskSection } from './discordAskSection.ts';
import { engineSection, TARGET_PASSAGES } from './engineSection.ts';
import { httpAskSection } from './httpAskSection.ts';
import { reloadAskSection } from './reloadAskSection.ts';
import { replicasAskSection } from './replicasAskSection.ts';
import { scaleSection } from './scaleSection.ts';
import { startupSection } from './startupSection.ts';
import { summarySection } from './summarySection.ts';

/**
 * Every part of `npm run bench`, in the order it runs. A new measurement is a new `BenchSection` here,
 * returning its own rows and target checks, with corpora and questions taken from the shared context.
 */
export const BENCH_SECTIONS: readonly BenchSection[] = [
  engineSection(1_000),
  engineSection(TARGET_PASSAGES),
  discordAskSection(TARGET_PASSAGES),
  httpAskSection(TARGET_PASSAGES),
  reloadAskSection(TARGET_PASSAGES),
  burstSection(TARGET_PASSAGES),
  replicasAskSection(TARGET_PASSAGES),
  corpusPropagationSection(TARGET_PASSAGES),
  answerPrecisionSection,
  summarySection(TARGET_PASSAGES),
  startupSection([TARGET_PASSAGES, 100_000]),
  scaleSection(100_000),
  scaleSection(1_000_000, { onRequest: true }),
];
