import { quoteOf } from '../answer/citation.ts';
import type { Corpus } from '../corpus/types.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import type { SentenceTable } from './SentenceTable.ts';
import { byChronology, centralityOf, nearDuplicate, type RankedUnit, selectCentral } from './selectLines.ts';
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
function byAuthority(table: SentenceTable): (a: number, b: number) => number {
  return (a, b) =>
    Number(table.isApproximate(a)) - Number(table.isApproximate(b)) ||
    table.documentDateRank(a) - table.documentDateRank(b) ||
    table.order(a) - table.order(b);
}

/** The terms of a sentence that weigh most (rarest first), by id: copies of one sentence share them. */
function rarestTerms(table: SentenceTable, unit: number): number[] {
  const weights = table.weights(unit);
  const ids = table.termIdsOf(unit);
  return [...ids.keys()]
    .sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b)
    .slice(0, REPEAT_KEY_TERMS)
    .map((k) => ids[k] as number);
}

/**
 * Drops dated sentences that repeat an earlier report of the same event (wire copy carried by several
 * outlets), keeping the first. Only sentences of the same date that share one of their rarest terms are
 * compared, so the check stays near linear on a large corpus; it goes one date at a time, holding only
 * that date's sentences, and returns the rest in order of authority.
 */
function withoutRepeats(table: SentenceTable, units: readonly number[]): number[] {
  const authority = byAuthority(table);
  const byDate = Int32Array.from(units).sort(
    (a, b) => table.eventDay(a) - table.eventDay(b) || authority(a, b),
  );
  const kept: number[] = [];
  let keptByTerm = new Map<number, number[]>();
  let date: number | undefined;
  for (const unit of byDate) {
    if (table.eventDay(unit) !== date) {
      date = table.eventDay(unit);
      keptByTerm = new Map();
    }
    const keys = rarestTerms(table, unit);
    const earlier = keys.flatMap((key) => keptByTerm.get(key) ?? []);
    if (earlier.some((other) => nearDuplicate(table, unit, other))) continue;
    for (const key of keys) {
      const bucket = keptByTerm.get(key);
      if (bucket) bucket.push(unit);
      else keptByTerm.set(key, [unit]);
    }
    kept.push(unit);
  }
  return kept.sort(authority);
}

/**
 * The dated events of the corpus in the order they happened, each the sentence that reports it, verbatim,
 * with its citation and its date resolved against the article's date.
 */
export function buildTimeline(source: Corpus | SearchIndex, options: TimelineOptions = {}): Timeline {
  const index = indexOf(source);
  const topic = options.topic?.trim() || undefined;
  const limit = Math.min(options.limit ?? DEFAULT_TIMELINE_EVENTS, MAX_TIMELINE_EVENTS);
  const base = topic ? { topic } : {};
  const selection = unitsAbout(index, topic);
  if ('reason' in selection) return { ...base, found: false, events: [], reason: selection.reason };
  const { table, units, relevance } = selection;
  const datedUnits: number[] = [];
  for (let k = 0; k < units.length; k++) {
    const unit = units[k] as number;
    if (table.isDated(unit)) datedUnits.push(unit);
  }
  const dated = withoutRepeats(table, datedUnits);
  if (dated.length === 0) {
    const reason = topic
      ? `No dated events about “${topic}” in the corpus.`
      : 'No sentence of the corpus dates an event.';
    return { ...base, found: false, events: [], reason };
  }
  let chosen: RankedUnit[];
  if (dated.length > limit) {
    chosen = selectCentral(table, dated, limit, relevance);
  } else {
    const { scores } = centralityOf(table, dated, relevance);
    const top = Math.max(...scores, Number.MIN_VALUE);
    chosen = dated.map((unit, i) => ({ unit, score: (scores[i] ?? 0) / top }));
  }
  const chronology = byChronology(table);
  const events = chosen
    .sort((a, b) => chronology(a.unit, b.unit))
    .map(
      ({ unit, score }): TimelineEvent => ({
        ...quoteOf(table.document(unit), table.passage(unit), table.span(unit), score),
        event: table.event(unit) as EventDate,
      }),
    );
  return { ...base, found: true, events };
}
