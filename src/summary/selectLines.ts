import { lexRank, selectDiverse } from './rankCentral.ts';
import { overlaps, type SentenceUnit } from './sentenceUnits.ts';
import {
  LEAD_DECAY,
  MAX_GRAPH_CANDIDATES,
  NEAR_DUPLICATE_CONTAINMENT,
  NEAR_DUPLICATE_COSINE,
  TEMPORAL_REDUNDANCY,
} from './summaryOptions.ts';

/** A chosen unit and its centrality, scaled so the most central line scores 1. */
export interface RankedUnit {
  unit: SentenceUnit;
  score: number;
}

/** Whether two lines say nearly the same thing (also across articles repeating the same wire copy). */
export function nearDuplicate(a: SentenceUnit, b: SentenceUnit): boolean {
  return (
    overlaps(a, b) ||
    a.vector.cosine(b.vector) >= NEAR_DUPLICATE_COSINE ||
    a.vector.containment(b.vector) >= NEAR_DUPLICATE_CONTAINMENT
  );
}

/**
 * When a line's event happened, as finely as the line says: its event date at its precision, else its
 * article's day. "Last week" and "January 6" are different moments even when they resolve to the same day.
 */
function momentOf(unit: SentenceUnit): string {
  return unit.event ? `${unit.event.date}/${unit.event.precision}` : `${unit.document.date}/day`;
}

/** The prior weight of a sentence: leads and sentences carrying dates, figures and names weigh more. */
function priorOf(unit: SentenceUnit, relevance: number, facts = unit.facts): number {
  return (relevance * (1 + facts)) / unit.passage.paragraph ** LEAD_DECAY;
}

/**
 * Bounds the graph: past `MAX_GRAPH_CANDIDATES`, keeps the sentences closest to the corpus centroid, weighted
 * by their prior as far as it can be told without parsing dates; linear where the graph is quadratic.
 */
function boundCandidates(
  units: readonly SentenceUnit[],
  relevance: (unit: SentenceUnit) => number,
): number[] {
  const all = [...units.keys()];
  if (units.length <= MAX_GRAPH_CANDIDATES) return all;
  const cheap = units.map((unit) => unit.typicality * priorOf(unit, relevance(unit), unit.likelyFacts));
  return all
    .sort((a, b) => (cheap[b] ?? 0) - (cheap[a] ?? 0) || a - b)
    .slice(0, MAX_GRAPH_CANDIDATES)
    .sort((a, b) => a - b);
}

/**
 * Centrality of each sentence: biased LexRank over the similarity graph, times the prior. Sentences beyond
 * the bounded graph get no score (`undefined`).
 */
export function centralityOf(
  units: readonly SentenceUnit[],
  relevance: (unit: SentenceUnit) => number = () => 1,
): Array<number | undefined> {
  const kept = boundCandidates(units, relevance);
  const priors = kept.map((i) => priorOf(units[i] as SentenceUnit, relevance(units[i] as SentenceUnit)));
  const ranks = lexRank(
    kept.map((i) => (units[i] as SentenceUnit).vector),
    priors,
  );
  const scores: Array<number | undefined> = units.map(() => undefined);
  kept.forEach((i, k) => {
    scores[i] = (ranks[k] ?? 0) * (priors[k] ?? 0);
  });
  return scores;
}

/**
 * The `count` most central sentences that are not near-duplicates of one another: biased LexRank for
 * centrality, MMR for diversity. `relevance` weighs a unit's passage (a topic's search score), default 1.
 */
export function selectCentral(
  units: readonly SentenceUnit[],
  count: number,
  relevance: (unit: SentenceUnit) => number = () => 1,
): RankedUnit[] {
  const all = centralityOf(units, relevance);
  const candidates = units.filter((_, i) => all[i] !== undefined);
  const scores = all.filter((score): score is number => score !== undefined);
  const unit = (i: number) => candidates[i] as SentenceUnit;
  const picked = selectDiverse(scores, count, {
    redundancy: (a, b) =>
      Math.max(
        unit(a).vector.cosine(unit(b).vector),
        momentOf(unit(a)) === momentOf(unit(b)) ? TEMPORAL_REDUNDANCY : 0,
      ),
    conflicts: (a, b) => nearDuplicate(unit(a), unit(b)),
  });
  const top = Math.max(...picked.map((i) => scores[i] ?? 0), Number.MIN_VALUE);
  return picked.map((i) => ({ unit: unit(i), score: (scores[i] ?? 0) / top }));
}

/** An undated article sorts after every date. */
const UNDATED = '\uffff';

/**
 * Chronology of the events: event date (the article's date when the sentence names none; lines of an undated
 * article that name no date come last); on one day, exact dates before approximate ones, then article date
 * (a plan reads before the report of its fulfilment), then position.
 */
export function byChronology(a: SentenceUnit, b: SentenceUnit): number {
  const published = (unit: SentenceUnit) => unit.document.date || UNDATED;
  const when = (unit: SentenceUnit) => unit.event?.date ?? published(unit);
  return (
    when(a).localeCompare(when(b)) ||
    Number(a.event?.approximate ?? true) - Number(b.event?.approximate ?? true) ||
    published(a).localeCompare(published(b)) ||
    a.order - b.order
  );
}
