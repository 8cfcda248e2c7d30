import { quoteOf } from '../answer/citation.ts';
import type { Corpus } from '../corpus/types.ts';
import type { PassageIndex } from '../search/PassageIndex.ts';
import { byChronology, centralityOf, nearDuplicate, selectCentral } from './selectLines.ts';
import type { SentenceUnit } from './sentenceUnits.ts';
import { indexOf } from './summarizeCorpus.ts';
import { DEFAULT_TIMELINE_EVENTS, MAX_TIMELINE_EVENTS, REPEAT_KEY_TERMS } from './summaryOptions.ts';
import type { EventDate, Timeline, TimelineEvent } from './types.ts';
import { unitsAbout } from './unitsAbout.ts';

export interface TimelineOptions {
  topic?: string;
  /** At most this many events; past it, the most central ones are kept. */
  limit?: number;
}

/** Exact dates before approximate ones, then the earliest article: the report a repeat is measured against. */
function byAuthority(a: SentenceUnit, b: SentenceUnit): number {
  return (
    Number(a.event?.approximate) - Number(b.event?.approximate) ||
    a.document.date.localeCompare(b.document.date) ||
    a.order - b.order
  );
}

/** The terms of a sentence that weigh most (rarest first): copies of one sentence share them. */
function rarestTerms(unit: SentenceUnit): string[] {
  const { terms, weights } = unit.vector;
  return [...terms.keys()]
    .sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b)
    .slice(0, REPEAT_KEY_TERMS)
    .map((i) => terms[i] as string);
}

/**
 * Drops sentences that repeat an earlier report of the same event (wire copy carried by several outlets),
 * keeping the first. Only sentences of the same date that share one of their rarest terms are compared, so
 * the check stays near linear on a large corpus.
 */
function withoutRepeats(units: readonly SentenceUnit[]): SentenceUnit[] {
  const keptByKey = new Map<string, SentenceUnit[]>();
  const kept: SentenceUnit[] = [];
  for (const unit of [...units].sort(byAuthority)) {
    const keys = rarestTerms(unit).map((term) => `${unit.event?.date}\u0000${term}`);
    const earlier = keys.flatMap((key) => keptByKey.get(key) ?? []);
    if (earlier.some((other) => nearDuplicate(unit, other))) continue;
    for (const key of keys) {
      const bucket = keptByKey.get(key);
      if (bucket) bucket.push(unit);
      else keptByKey.set(key, [unit]);
    }
    kept.push(unit);
  }
  return kept;
}

/**
 * The dated events of the corpus in the order they happened, each the sentence that reports it, verbatim,
 * with its citation and its date resolved against the article's date.
 */
export function buildTimeline(source: Corpus | PassageIndex, options: TimelineOptions = {}): Timeline {
  const index = indexOf(source);
  const topic = options.topic?.trim() || undefined;
  const limit = Math.min(options.limit ?? DEFAULT_TIMELINE_EVENTS, MAX_TIMELINE_EVENTS);
  const base = topic ? { topic } : {};
  const selection = unitsAbout(index, topic);
  if ('reason' in selection) return { ...base, found: false, events: [], reason: selection.reason };
  const dated = withoutRepeats(selection.units.filter((unit) => unit.event));
  if (dated.length === 0) {
    const reason = topic
      ? `No dated events about “${topic}” in the corpus.`
      : 'No sentence of the corpus dates an event.';
    return { ...base, found: false, events: [], reason };
  }
  let chosen: Array<{ unit: SentenceUnit; score: number }>;
  if (dated.length > limit) {
    chosen = selectCentral(dated, limit, selection.relevance);
  } else {
    const scores = centralityOf(dated, selection.relevance);
    const top = Math.max(...scores.map((score) => score ?? 0), Number.MIN_VALUE);
    chosen = dated.map((unit, i) => ({ unit, score: (scores[i] ?? 0) / top }));
  }
  const events = chosen
    .sort((a, b) => byChronology(a.unit, b.unit))
    .map(
      ({ unit, score }): TimelineEvent => ({
        ...quoteOf(unit.document, unit.passage, unit.span, score),
        event: unit.event as EventDate,
      }),
    );
  return { ...base, found: true, events };
}
