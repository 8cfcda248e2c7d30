import { setImmediate } from 'node:timers/promises';
import type { CorpusDocument, Passage, Span } from '../corpus/types.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import { termsOf } from '../text/textProcessing.ts';
import { SentenceTable } from './SentenceTable.ts';
import { MAX_LINE_CHARS, MIN_LINE_TERMS, MIN_TERMS_OUTSIDE_QUOTES } from './summaryOptions.ts';
import { countTerms } from './TermVector.ts';
import type { EventDate } from './types.ts';

// A sentence opening with one of these leans on the one before it, and is quoted along with it.
const LEANS_ON_PREVIOUS = /^[“"‘]?(It|They|He|She|This|These|Those|His|Her|Their|Its|Such)\b/;
const QUOTE_MARK = /[“"«]/;
const QUOTATION = /“[^”]*”?|"[^"]*"?|«[^»]*»?/g;

/** Whether a sentence, once its quotations are set aside, still says who spoke and about what. */
function isMostlyQuotation(text: string): boolean {
  if (!QUOTE_MARK.test(text)) return false;
  return termsOf(text.replace(QUOTATION, ' ')).length < MIN_TERMS_OUTSIDE_QUOTES;
}

/**
 * Adds the sentences of a passage that can stand as lines. A sentence that leans on the one before it ("It
 * left dozens dead") is quoted with it, and that one then stands only in the pair, which says more than
 * either alone.
 */
function addUnitsOfPassage(
  table: SentenceTable,
  document: CorpusDocument,
  passage: Passage,
  passageNumber: number,
  idf: (term: string) => number,
  order: { next: number },
): void {
  const spans: Span[] = [];
  for (const sentence of passage.sentences) {
    const previous = spans[spans.length - 1];
    const own = document.text.slice(sentence.start, sentence.end);
    if (previous && LEANS_ON_PREVIOUS.test(own) && sentence.end - previous.start <= MAX_LINE_CHARS) {
      spans[spans.length - 1] = { start: previous.start, end: sentence.end };
    } else {
      spans.push(sentence);
    }
  }
  for (const span of spans) {
    const text = document.text.slice(span.start, span.end);
    const terms = termsOf(text);
    order.next++;
    if (terms.length < MIN_LINE_TERMS || isMostlyQuotation(text)) continue;
    const { distinct, counts } = countTerms(terms);
    table.add(passageNumber, span, order.next, distinct, counts, idf);
  }
}

const unitsByIndex = new WeakMap<SearchIndex, SentenceTable>();

/** Documents by date, then id: the order of the table's sentences. */
function documentsInOrder(index: SearchIndex): CorpusDocument[] {
  return [...index.corpus.documents].sort(
    (a, b) => (a.date || '9999').localeCompare(b.date || '9999') || a.id.localeCompare(b.id),
  );
}

/** Passages turned into sentence units between two turns of the event loop when preparing in the background. */
const PASSAGES_PER_SLICE = 500;

/** The work of `sentenceUnitsOf`, pausing after each slice of passages; it returns the table when done. */
function* unitsInSlices(index: SearchIndex): Generator<void, SentenceTable> {
  const documents = documentsInOrder(index);
  let sentences = 0;
  for (const document of documents)
    for (const passage of document.passages) sentences += passage.sentences.length;
  // A line is one sentence or two joined, so there are never more lines than sentences.
  const table = new SentenceTable(documents, sentences);
  const idf = (term: string) => index.idf(term);
  const order = { next: 0 };
  let passageNumber = 0;
  let sinceYield = 0;
  for (const document of documents) {
    for (const passage of document.passages) {
      addUnitsOfPassage(table, document, passage, passageNumber++, idf, order);
      if (++sinceYield >= PASSAGES_PER_SLICE) {
        sinceYield = 0;
        yield;
      }
    }
  }
  table.finish({ typical: true });
  return table;
}

/**
 * Every sentence of the corpus that can stand as a summary line, in corpus order; computed once per index,
 * since an index never changes (a refresh builds a new one). Calling it after a refresh prepares the next
 * summary ahead of the first request.
 */
export function sentenceUnitsOf(index: SearchIndex): SentenceTable {
  let units = unitsByIndex.get(index);
  if (!units) {
    const slices = unitsInSlices(index);
    let step = slices.next();
    while (!step.done) step = slices.next();
    units = step.value;
    unitsByIndex.set(index, units);
  }
  return units;
}

const preparing = new WeakMap<SearchIndex, Promise<void>>();

/**
 * Works out the index's sentence units a slice at a time, letting other work run in between: the bot awaits it
 * before a briefing or timeline, so the first one on a large corpus does not hold up everyone else's questions.
 * Later calls share the same work; once it is done, `sentenceUnitsOf` returns at once.
 */
export function prepareSentenceUnits(index: SearchIndex): Promise<void> {
  if (unitsByIndex.has(index)) return Promise.resolve();
  let prepared = preparing.get(index);
  if (!prepared) {
    prepared = (async () => {
      const slices = unitsInSlices(index);
      let step = slices.next();
      while (!step.done) {
        await setImmediate();
        // A summary computed meanwhile on this thread, or restored from its cache, already holds them.
        if (unitsByIndex.has(index)) return;
        step = slices.next();
      }
      unitsByIndex.set(index, step.value);
    })();
    preparing.set(index, prepared);
  }
  return prepared;
}

/** Sentences whose event date is read between two turns of the event loop when preparing a timeline. */
const SENTENCES_PER_SLICE = 2000;

const datesReading = new WeakMap<SearchIndex, Promise<void>>();

/**
 * Reads the event date of every sentence unit a slice at a time, as a timeline needs them all; like
 * `prepareSentenceUnits`, it lets other interactions run between slices, and later calls share the work.
 */
export function prepareEventDates(index: SearchIndex): Promise<void> {
  let reading = datesReading.get(index);
  if (!reading) {
    reading = (async () => {
      await prepareSentenceUnits(index);
      const units = sentenceUnitsOf(index);
      for (let start = 0; start < units.size; start += SENTENCES_PER_SLICE) {
        for (let unit = start; unit < Math.min(start + SENTENCES_PER_SLICE, units.size); unit++)
          units.isDated(unit);
        await setImmediate();
      }
    })();
    datesReading.set(index, reading);
  }
  return reading;
}

/** A sentence unit as saved: where it is, its terms and how often each occurs, and what was read of it. */
type SavedUnit = [
  document: number,
  passage: number,
  start: number,
  end: number,
  order: number,
  /** Positions in `SavedSentenceUnits.terms`, in code-unit order of the terms. */
  terms: number[],
  counts: number[],
  typicality: number,
  /** The event date; `false` when the sentence names none, `null` when it was never read. */
  event: EventDate | false | null,
];

/** The sentence units of one corpus version, in a form that JSON keeps exactly. */
export interface SavedSentenceUnits {
  corpusVersion: string;
  /** Every term the units use, each with its inverse document frequency. */
  terms: string[];
  idf: number[];
  units: SavedUnit[];
}

/** How many sentences have had their event date read: a timeline reads them all, a briefing a few hundred. */
export function eventsReadOf(index: SearchIndex): number {
  return unitsByIndex.get(index)?.eventsRead ?? -1;
}

/** The index's sentence units in saved form, or `undefined` when no summary has asked for them yet. */
export function saveSentenceUnits(index: SearchIndex): SavedSentenceUnits | undefined {
  const table = unitsByIndex.get(index);
  if (!table) return undefined;
  const termPositions = new Map<number, number>();
  const positionOf = (id: number) => {
    let position = termPositions.get(id);
    if (position === undefined) {
      position = termPositions.size;
      termPositions.set(id, position);
    }
    return position;
  };
  const saved: SavedUnit[] = [];
  for (let unit = 0; unit < table.size; unit++) {
    const { start, end } = table.span(unit);
    const event = table.eventIfRead(unit);
    saved.push([
      table.documentPosition(unit),
      table.passageInDocument(unit),
      start,
      end,
      table.order(unit),
      table.termIdsOf(unit).map(positionOf),
      table.counts(unit),
      table.typicality(unit),
      event === undefined ? false : event,
    ]);
  }
  const ids = [...termPositions.keys()];
  return {
    corpusVersion: index.corpus.version,
    terms: ids.map((id) => table.termOf(id)),
    idf: ids.map((id) => table.idfOf(id)),
    units: saved,
  };
}

const PRECISIONS = new Set(['day', 'week', 'month', 'year']);

/**
 * Takes sentence units saved for the same corpus version as the index's, instead of reading every sentence
 * again; returns whether they were taken. Units saved for another version, or that do not fit the corpus,
 * are ignored.
 */
export function restoreSentenceUnits(index: SearchIndex, saved: SavedSentenceUnits): boolean {
  if (saved.corpusVersion !== index.corpus.version || unitsByIndex.has(index)) return false;
  const weights = new Map(saved.terms.map((term, i) => [term, saved.idf[i] ?? 0]));
  const idf = (term: string) => weights.get(term) ?? index.idf(term);
  const documents = documentsInOrder(index);
  const table = new SentenceTable(documents, saved.units.length);
  let lastPassage = 0;
  for (const [docAt, passageAt, start, end, order, termsAt, counts, typicality, event] of saved.units) {
    const document = documents[docAt];
    const passage = document?.passages[passageAt];
    if (!document || !passage || start < passage.start || end > passage.end) return false;
    const terms = termsAt.map((position) => saved.terms[position] ?? '');
    // The table keeps sentences in corpus order and each one's terms in code-unit order.
    const passageNumber = table.passageNumber(docAt, passageAt);
    if (passageNumber < lastPassage || terms.some((term, k) => k > 0 && !((terms[k - 1] as string) < term)))
      return false;
    if (event && !PRECISIONS.has(event.precision)) return false;
    lastPassage = passageNumber;
    const unit = table.add(passageNumber, { start, end }, order, terms, counts, idf);
    table.setTypicality(unit, typicality);
    if (event !== null) {
      const at = event ? document.text.slice(start, end).indexOf(event.text) : -1;
      table.setEvent(unit, event === false ? undefined : event, at);
    }
  }
  table.finish({ typical: false });
  unitsByIndex.set(index, table);
  return true;
}
