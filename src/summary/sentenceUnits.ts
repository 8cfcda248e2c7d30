import { setImmediate } from 'node:timers/promises';
import type { CorpusDocument, Passage, Span } from '../corpus/types.ts';
import type { PassageIndex } from '../search/PassageIndex.ts';
import { termsOf } from '../text/textProcessing.ts';
import { eventDateOf, mayMentionDate } from './eventDates.ts';
import { FACT_WEIGHTS, MAX_LINE_CHARS, MIN_LINE_TERMS, MIN_TERMS_OUTSIDE_QUOTES } from './summaryOptions.ts';
import { TermVector } from './TermVector.ts';
import type { EventDate } from './types.ts';

// A sentence opening with one of these leans on the one before it, and is quoted along with it.
const LEANS_ON_PREVIOUS = /^[“"‘]?(It|They|He|She|This|These|Those|His|Her|Their|Its|Such)\b/;
const QUOTE_MARK = /[“"«]/;
const QUOTATION = /“[^”]*”?|"[^"]*"?|«[^»]*»?/g;
const FIGURE = /\d/;
// A capitalised word that does not open the sentence or a quotation: most likely a name.
const NAME =
  /(?<![.!?:]\s|^|[“"‘«(]\s?)\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)\p{Lu}[\p{Ll}’'-]+/u;

/** Whether a sentence, once its quotations are set aside, still says who spoke and about what. */
function isMostlyQuotation(text: string): boolean {
  if (!QUOTE_MARK.test(text)) return false;
  return termsOf(text.replace(QUOTATION, ' ')).length < MIN_TERMS_OUTSIDE_QUOTES;
}

/** Kinds of fact: when (a dated event), how many (a figure other than the date), who or where (a name). */
function factsIn(text: string, event: EventDate | undefined): number {
  const rest = event ? text.replace(event.text, ' ') : text;
  return (
    (event ? FACT_WEIGHTS.date : 0) +
    (FIGURE.test(rest) ? FACT_WEIGHTS.figure : 0) +
    (NAME.test(rest) ? FACT_WEIGHTS.name : 0)
  );
}

/** A sentence that can stand as a line of a summary: verbatim, long enough, and readable on its own. */
export class SentenceUnit {
  /** Closeness (cosine) to the centroid of all the corpus's sentences; set once the whole corpus is read. */
  typicality = 0;
  private factsCache: number | undefined;

  constructor(
    readonly document: CorpusDocument,
    readonly passage: Passage,
    readonly span: Span,
    readonly vector: TermVector,
    /** Position across the corpus: articles by date, then sentences in reading order. */
    readonly order: number,
    /** The event date once read (`undefined` when the sentence names none); `null` until then. */
    private eventCache: EventDate | undefined | null,
  ) {}

  /** The event date if it has been read already: `null` when not, `undefined` when the sentence names none. */
  get eventIfRead(): EventDate | undefined | null {
    return this.eventCache;
  }

  get text(): string {
    return this.document.text.slice(this.span.start, this.span.end);
  }

  /**
   * When the sentence's event happened, if it says. Read on first use: parsing dates is the costliest step,
   * and a briefing of a large corpus needs the dates of its few hundred candidates only.
   */
  get event(): EventDate | undefined {
    if (this.eventCache === null) this.eventCache = eventDateOf(this.text, this.document.date);
    return this.eventCache;
  }

  /** The weight of the facts the sentence carries: a dated event, a figure, a name (see `FACT_WEIGHTS`). */
  get facts(): number {
    this.factsCache ??= factsIn(this.text, this.event);
    return this.factsCache;
  }

  /** `facts` as far as can be told without parsing dates, for narrowing a large corpus down to candidates. */
  get likelyFacts(): number {
    const text = this.text;
    return (
      (mayMentionDate(text) ? FACT_WEIGHTS.date : 0) +
      (FIGURE.test(text) ? FACT_WEIGHTS.figure : 0) +
      (NAME.test(text) ? FACT_WEIGHTS.name : 0)
    );
  }
}

/**
 * The sentences of a passage as lines. A sentence that leans on the one before it ("It left dozens dead")
 * is quoted with it, and that one then stands only in the pair, which says more than either alone.
 */
function unitsOfPassage(
  document: CorpusDocument,
  passage: Passage,
  idf: (term: string) => number,
  order: { next: number },
): SentenceUnit[] {
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
  const units: SentenceUnit[] = [];
  for (const span of spans) {
    const text = document.text.slice(span.start, span.end);
    const terms = termsOf(text);
    order.next++;
    if (terms.length < MIN_LINE_TERMS || isMostlyQuotation(text)) continue;
    units.push(new SentenceUnit(document, passage, span, TermVector.fromTerms(terms, idf), order.next, null));
  }
  return units;
}

const unitsByIndex = new WeakMap<PassageIndex, SentenceUnit[]>();

/**
 * The index's inverse document frequencies, each looked up once: a corpus of 100,000 sentences asks for the
 * same few thousand terms over and over, and a lookup walks MiniSearch's term tree.
 */
function memoizedIdf(index: PassageIndex): (term: string) => number {
  const known = new Map<string, number>();
  return (term) => {
    let weight = known.get(term);
    if (weight === undefined) {
      weight = index.idf(term);
      known.set(term, weight);
    }
    return weight;
  };
}

/** Documents by date, then id: the order of `SentenceUnit.order`. */
function documentsInOrder(index: PassageIndex): CorpusDocument[] {
  return [...index.corpus.documents].sort(
    (a, b) => (a.date || '9999').localeCompare(b.date || '9999') || a.id.localeCompare(b.id),
  );
}

/** Passages turned into sentence units between two turns of the event loop when preparing in the background. */
const PASSAGES_PER_SLICE = 500;

/** The work of `sentenceUnitsOf`, pausing after each slice of passages; it returns the units when done. */
function* unitsInSlices(index: PassageIndex): Generator<void, SentenceUnit[]> {
  const idf = memoizedIdf(index);
  const order = { next: 0 };
  const units: SentenceUnit[] = [];
  let sinceYield = 0;
  for (const document of documentsInOrder(index)) {
    for (const passage of document.passages) {
      units.push(...unitsOfPassage(document, passage, idf, order));
      if (++sinceYield >= PASSAGES_PER_SLICE) {
        sinceYield = 0;
        yield;
      }
    }
  }
  const centroid = TermVector.sum(units.map((unit) => unit.vector));
  for (const unit of units) unit.typicality = unit.vector.cosine(centroid);
  return units;
}

/**
 * Every sentence of the corpus that can stand as a summary line, in corpus order; computed once per index,
 * since an index never changes (a refresh builds a new one). Calling it after a refresh prepares the next
 * summary ahead of the first request.
 */
export function sentenceUnitsOf(index: PassageIndex): SentenceUnit[] {
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

const preparing = new WeakMap<PassageIndex, Promise<void>>();

/**
 * Works out the index's sentence units a slice at a time, letting other work run in between: the bot awaits it
 * before a briefing or timeline, so the first one on a large corpus does not hold up everyone else's questions.
 * Later calls share the same work; once it is done, `sentenceUnitsOf` returns at once.
 */
export function prepareSentenceUnits(index: PassageIndex): Promise<void> {
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

const datesReading = new WeakMap<PassageIndex, Promise<void>>();

/**
 * Reads the event date of every sentence unit a slice at a time, as a timeline needs them all; like
 * `prepareSentenceUnits`, it lets other interactions run between slices, and later calls share the work.
 */
export function prepareEventDates(index: PassageIndex): Promise<void> {
  let reading = datesReading.get(index);
  if (!reading) {
    reading = (async () => {
      await prepareSentenceUnits(index);
      const units = sentenceUnitsOf(index);
      for (let start = 0; start < units.length; start += SENTENCES_PER_SLICE) {
        for (const unit of units.slice(start, start + SENTENCES_PER_SLICE)) void unit.event;
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
export function eventsReadOf(index: PassageIndex): number {
  return unitsByIndex.get(index)?.filter((unit) => unit.eventIfRead !== null).length ?? -1;
}

/** The index's sentence units in saved form, or `undefined` when no summary has asked for them yet. */
export function saveSentenceUnits(index: PassageIndex): SavedSentenceUnits | undefined {
  const units = unitsByIndex.get(index);
  if (!units) return undefined;
  const idf = memoizedIdf(index);
  const documents = new Map(documentsInOrder(index).map((document, position) => [document, position]));
  const termPositions = new Map<string, number>();
  const positionOf = (term: string) => {
    let position = termPositions.get(term);
    if (position === undefined) {
      position = termPositions.size;
      termPositions.set(term, position);
    }
    return position;
  };
  const saved = units.map((unit): SavedUnit => {
    const { terms, weights } = unit.vector;
    const event = unit.eventIfRead;
    return [
      documents.get(unit.document) ?? -1,
      unit.document.passages.indexOf(unit.passage),
      unit.span.start,
      unit.span.end,
      unit.order,
      terms.map(positionOf),
      // A weight is its count times the idf, so the division gives the count back (to within rounding).
      terms.map((term, i) => Math.round((weights[i] ?? 0) / idf(term))),
      unit.typicality,
      event === undefined ? false : event,
    ];
  });
  const terms = [...termPositions.keys()];
  return { corpusVersion: index.corpus.version, terms, idf: terms.map(idf), units: saved };
}

/**
 * Takes sentence units saved for the same corpus version as the index's, instead of reading every sentence
 * again; returns whether they were taken. Units saved for another version, or that do not fit the corpus,
 * are ignored.
 */
export function restoreSentenceUnits(index: PassageIndex, saved: SavedSentenceUnits): boolean {
  if (saved.corpusVersion !== index.corpus.version || unitsByIndex.has(index)) return false;
  const weights = new Map(saved.terms.map((term, i) => [term, saved.idf[i] ?? 0]));
  const idf = (term: string) => weights.get(term) ?? index.idf(term);
  const documents = documentsInOrder(index);
  const units: SentenceUnit[] = [];
  for (const [docAt, passageAt, start, end, order, termsAt, counts, typicality, event] of saved.units) {
    const document = documents[docAt];
    const passage = document?.passages[passageAt];
    if (!document || !passage || start < passage.start || end > passage.end) return false;
    const terms = termsAt.map((position) => saved.terms[position] ?? '');
    const vector = TermVector.fromCounts(terms, counts, idf);
    const unit = new SentenceUnit(
      document,
      passage,
      { start, end },
      vector,
      order,
      event === false ? undefined : event,
    );
    unit.typicality = typicality;
    units.push(unit);
  }
  unitsByIndex.set(index, units);
  return true;
}

/** Whether two units overlap in the same article, so quoting both would repeat words. */
export function overlaps(a: SentenceUnit, b: SentenceUnit): boolean {
  return a.document === b.document && a.span.start < b.span.end && b.span.start < a.span.end;
}
