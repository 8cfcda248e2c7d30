import { lexRank, selectDiverse } from './rankCentral.ts';
import type { SentenceTable } from './SentenceTable.ts';
import {
  LEAD_DECAY,
  MAX_GRAPH_CANDIDATES,
  NEAR_DUPLICATE_CONTAINMENT,
  NEAR_DUPLICATE_COSINE,
  TEMPORAL_REDUNDANCY,
} from './summaryOptions.ts';

/** A chosen sentence, by its number in the table, and its centrality, scaled so the most central scores 1. */
export interface RankedUnit {
  unit: number;
  score: number;
}

/** How relevant a sentence's passage is to the topic (0–1]. */
export type Relevance = (unit: number) => number;

const EVERY_PASSAGE: Relevance = () => 1;

/** Whether two lines say nearly the same thing (also across articles repeating the same wire copy). */
export function nearDuplicate(table: SentenceTable, a: number, b: number): boolean {
  return (
    table.overlaps(a, b) ||
    table.cosine(a, b) >= NEAR_DUPLICATE_COSINE ||
    table.containment(a, b) >= NEAR_DUPLICATE_CONTAINMENT
  );
}

/**
 * When a line's event happened, as finely as the line says: its event date at its precision, else its
 * article's day. "Last week" and "January 6" are different moments even when they resolve to the same day.
 */
function momentOf(table: SentenceTable, unit: number): string {
  const event = table.event(unit);
  return event ? `${event.date}/${event.precision}` : `${table.document(unit).date}/day`;
}

/** The prior weight of a sentence: leads and sentences carrying dates, figures and names weigh more. */
function priorOf(table: SentenceTable, unit: number, relevance: number, facts = table.facts(unit)): number {
  return (relevance * (1 + facts)) / table.passage(unit).paragraph ** LEAD_DECAY;
}

/**
 * Bounds the graph: past `MAX_GRAPH_CANDIDATES`, keeps the sentences closest to the corpus centroid, weighted
 * by their prior as far as it can be told without parsing dates; linear where the graph is quadratic, and
 * holding only the best so far, as `units` may be every sentence of a large corpus. Returns positions in
 * `units`, in order; on equal weight the earlier sentence is kept.
 */
function boundCandidates(table: SentenceTable, units: ArrayLike<number>, relevance: Relevance): number[] {
  if (units.length <= MAX_GRAPH_CANDIDATES) return Array.from({ length: units.length }, (_, k) => k);
  const best: number[] = [];
  const bestWeights: number[] = [];
  for (let k = 0; k < units.length; k++) {
    const unit = units[k] as number;
    const weight = table.typicality(unit) * priorOf(table, unit, relevance(unit), table.likelyFacts(unit));
    if (best.length === MAX_GRAPH_CANDIDATES && !(weight > (bestWeights[best.length - 1] ?? 0))) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((bestWeights[middle] ?? 0) >= weight) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, k);
    bestWeights.splice(low, 0, weight);
    if (best.length > MAX_GRAPH_CANDIDATES) {
      best.pop();
      bestWeights.pop();
    }
  }
  return best.sort((a, b) => a - b);
}

/**
 * Centrality of sentences: biased LexRank over the similarity graph, times the prior. Only the sentences of
 * the bounded graph are scored: `units` holds them in their order in `units`, `scores` their centrality.
 */
export function centralityOf(
  table: SentenceTable,
  units: ArrayLike<number>,
  relevance: Relevance = EVERY_PASSAGE,
): { units: number[]; scores: number[] } {
  const kept = boundCandidates(table, units, relevance).map((k) => units[k] as number);
  const priors = kept.map((unit) => priorOf(table, unit, relevance(unit)));
  const ranks = lexRank(kept.length, (a, b) => table.cosine(kept[a] as number, kept[b] as number), priors);
  return { units: kept, scores: kept.map((_, k) => (ranks[k] ?? 0) * (priors[k] ?? 0)) };
}

/**
 * The `count` most central sentences that are not near-duplicates of one another: biased LexRank for
 * centrality, MMR for diversity. `relevance` weighs a sentence's passage (a topic's search score), default 1.
 */
export function selectCentral(
  table: SentenceTable,
  units: ArrayLike<number>,
  count: number,
  relevance: Relevance = EVERY_PASSAGE,
): RankedUnit[] {
  const { units: candidates, scores } = centralityOf(table, units, relevance);
  const unit = (i: number) => candidates[i] as number;
  const moments: string[] = [];
  const moment = (i: number) => {
    moments[i] ??= momentOf(table, unit(i));
    return moments[i];
  };
  const picked = selectDiverse(scores, count, {
    redundancy: (a, b) =>
      Math.max(table.cosine(unit(a), unit(b)), moment(a) === moment(b) ? TEMPORAL_REDUNDANCY : 0),
    conflicts: (a, b) => nearDuplicate(table, unit(a), unit(b)),
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
export function byChronology(table: SentenceTable): (a: number, b: number) => number {
  const published = (unit: number) => table.document(unit).date || UNDATED;
  const when = (unit: number) => table.event(unit)?.date ?? published(unit);
  return (a, b) =>
    when(a).localeCompare(when(b)) ||
    Number(table.event(a)?.approximate ?? true) - Number(table.event(b)?.approximate ?? true) ||
    published(a).localeCompare(published(b)) ||
    table.order(a) - table.order(b);
}
