import { quoteOf } from '../answer/citation.ts';
import type { Corpus, CorpusDocument } from '../corpus/types.ts';
import { PassageIndex } from '../search/PassageIndex.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import type { SentenceTable } from './SentenceTable.ts';
import { byChronology, type RankedUnit, selectCentral } from './selectLines.ts';
import { sentenceUnitsOf } from './sentenceUnits.ts';
import { DEFAULT_LENGTH, LINES_FOR_LENGTH } from './summaryOptions.ts';
import type { Briefing, SummaryLength, SummaryLine } from './types.ts';
import { unitsAbout } from './unitsAbout.ts';

export interface SummaryOptions {
  /** Narrows the briefing to passages about this topic. */
  topic?: string;
  length?: SummaryLength;
}

/** The index of a corpus, built when the caller has only the corpus. */
export function indexOf(source: Corpus | SearchIndex): SearchIndex {
  return 'search' in source ? source : PassageIndex.build(source);
}

/** A chosen sentence as a summary line: a quote in the shape of an answer, with its event date. */
function lineOf(table: SentenceTable, { unit, score }: RankedUnit): SummaryLine {
  const event = table.event(unit);
  return {
    ...quoteOf(table.document(unit), table.passage(unit), table.span(unit), score),
    ...(event ? { event } : {}),
  };
}

function linesFrom(table: SentenceTable, ranked: RankedUnit[]): SummaryLine[] {
  const chronology = byChronology(table);
  return ranked.sort((a, b) => chronology(a.unit, b.unit)).map((line) => lineOf(table, line));
}

/**
 * A briefing of the corpus, or of one topic in it: its most central sentences that do not repeat one
 * another, each quoted verbatim with its citation, in the order the events happened.
 */
export function summarizeCorpus(source: Corpus | SearchIndex, options: SummaryOptions = {}): Briefing {
  const index = indexOf(source);
  const length = options.length ?? DEFAULT_LENGTH;
  const topic = options.topic?.trim() || undefined;
  const base = { ...(topic ? { topic } : {}), length };
  const selection = unitsAbout(index, topic);
  if ('reason' in selection)
    return { ...base, found: false, lines: [], reason: selection.reason, candidates: 0 };
  const { table, units, relevance } = selection;
  const ranked = selectCentral(table, units, LINES_FOR_LENGTH[length], relevance);
  return { ...base, found: true, lines: linesFrom(table, ranked), candidates: units.length };
}

/** Two or three quoted lines that sum up one article, for "what is new" posts. */
export function summarizeDocument(document: CorpusDocument, index: SearchIndex, lines = 3): SummaryLine[] {
  const table = sentenceUnitsOf(index);
  return linesFrom(table, selectCentral(table, table.unitsOfDocument(document.id), lines));
}
