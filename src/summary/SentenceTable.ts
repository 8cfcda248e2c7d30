import type { CorpusDocument, Passage, Span } from '../corpus/types.ts';
import { alternation, MONTHS, WEEKDAYS } from '../text/lexicon.ts';
import { eventMentionOf, mayMentionDate } from './eventDates.ts';
import { FACT_WEIGHTS } from './summaryOptions.ts';
import type { DatePrecision, EventDate } from './types.ts';

const FIGURE = /\d/;
const CALENDAR_WORDS = alternation([...MONTHS.map(([month]) => month), ...WEEKDAYS]);
// A capitalised word that does not open the sentence or a quotation, nor names a month or a day: most likely a
// name.
const NAME = new RegExp(
  `(?<![.!?:]\\s|^|[“"‘«(]\\s?)\\b(?!(?:${CALENDAR_WORDS})\\b)\\p{Lu}[\\p{Ll}’'-]+`,
  'u',
);

/** Kinds of fact: when (a dated event), how many (a figure other than the date), who or where (a name). */
function factsIn(text: string, event: EventDate | undefined): number {
  const rest = event ? text.replace(event.text, ' ') : text;
  return (
    (event ? FACT_WEIGHTS.date : 0) +
    (FIGURE.test(rest) ? FACT_WEIGHTS.figure : 0) +
    (NAME.test(rest) ? FACT_WEIGHTS.name : 0)
  );
}

const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * An append-only array of integers kept in fixed-size typed chunks: it grows without copying what it holds,
 * so a pool of tens of millions of entries never needs twice its size while it is filled.
 */
class ChunkedArray<T extends Int32Array | Uint8Array> {
  private readonly chunks: T[] = [];
  length = 0;

  constructor(private readonly create: (size: number) => T) {}

  push(value: number): void {
    const at = this.length & CHUNK_MASK;
    if (at === 0) this.chunks.push(this.create(CHUNK_SIZE));
    (this.chunks[this.chunks.length - 1] as T)[at] = value;
    this.length++;
  }

  at(position: number): number {
    return (this.chunks[position >>> CHUNK_BITS] as T)[position & CHUNK_MASK] as number;
  }

  set(position: number, value: number): void {
    (this.chunks[position >>> CHUNK_BITS] as T)[position & CHUNK_MASK] = value;
  }
}

/** A count too large for a byte is kept aside; the byte then holds this. */
const LARGE_COUNT = 255;

// An event date packed into a byte of flags: whether it was read, whether there is one, and its kind.
const READ = 1;
const DATED = 2;
const PRECISION_SHIFT = 2;
const APPROXIMATE = 16;
const UPCOMING = 32;
/** The date's words are not a slice of the sentence at the recorded place; they are kept aside. */
const TEXT_ASIDE = 64;
const PRECISIONS: readonly DatePrecision[] = ['day', 'week', 'month', 'year'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayCode(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

function dayOfCode(code: number): string {
  const year = String(Math.floor(code / 10_000)).padStart(4, '0');
  const month = String(Math.floor(code / 100) % 100).padStart(2, '0');
  return `${year}-${month}-${String(code % 100).padStart(2, '0')}`;
}

/**
 * Every sentence of a corpus that can stand as a summary line, kept in flat typed arrays rather than one
 * object per sentence: a corpus of a million passages holds about five million of them. Sentences are
 * numbered 0..size-1 in corpus order (articles by date, then reading order); everything about one is asked
 * of the table by that number. Each sentence's distinct terms sit in one shared pool, as term ids in
 * code-unit order of the terms with their counts, so its idf-weighted vector is read without building one.
 */
export class SentenceTable {
  /** Every passage, article by article in the table's order, and the article each belongs to. */
  private readonly passages: Passage[];
  private readonly passageDocument: Int32Array;
  private readonly documentFirstPassage: Int32Array;
  /** The first sentence of each passage (and the size of the table last): a passage's sentences follow it. */
  private readonly passageFirstUnit: Int32Array;
  private readonly documentById = new Map<string, number>();
  /** Each article's place among the distinct dates of the articles, in `localeCompare` order. */
  private dateRanks: Int32Array | undefined;
  private passagesFilled = 0;
  size = 0;

  private readonly unitPassage: Int32Array;
  private readonly unitStart: Int32Array;
  private readonly unitEnd: Int32Array;
  private readonly unitOrder: Int32Array;
  private readonly typicalities: Float64Array;
  private readonly termsFrom: Int32Array;
  private readonly termIds = new ChunkedArray((size) => new Int32Array(size));
  private readonly termCounts = new ChunkedArray((size) => new Uint8Array(size));
  private readonly largeCounts = new Map<number, number>();
  /** Terms by id: in first-seen order while the table fills, in code-unit order once it is finished. */
  private vocabulary: string[] = [];
  private idfs: number[] = [];
  private termIdOf: Map<string, number> | undefined = new Map();

  private readonly eventFlags: Uint8Array;
  /** `YYYYMMDD`, or minus one more than the position in `otherDates` of a date written otherwise. */
  private readonly eventDays: Int32Array;
  private readonly eventTextStart: Uint16Array;
  private readonly eventTextLength: Uint16Array;
  private readonly otherDates: string[] = [];
  private readonly eventTexts = new Map<number, string>();
  /** How many sentences have had their event date read. */
  eventsRead = 0;

  /** A table for at most `capacity` sentences of these articles, in this order. */
  constructor(
    private readonly documents: readonly CorpusDocument[],
    capacity: number,
  ) {
    this.passages = documents.flatMap((document) => document.passages);
    this.passageDocument = new Int32Array(this.passages.length);
    this.documentFirstPassage = new Int32Array(documents.length + 1);
    let passage = 0;
    documents.forEach((document, position) => {
      this.documentById.set(document.id, position);
      this.documentFirstPassage[position] = passage;
      this.passageDocument.fill(position, passage, passage + document.passages.length);
      passage += document.passages.length;
    });
    this.documentFirstPassage[documents.length] = passage;
    this.passageFirstUnit = new Int32Array(this.passages.length + 1);
    this.unitPassage = new Int32Array(capacity);
    this.unitStart = new Int32Array(capacity);
    this.unitEnd = new Int32Array(capacity);
    this.unitOrder = new Int32Array(capacity);
    this.typicalities = new Float64Array(capacity);
    this.termsFrom = new Int32Array(capacity + 1);
    this.eventFlags = new Uint8Array(capacity);
    this.eventDays = new Int32Array(capacity);
    this.eventTextStart = new Uint16Array(capacity);
    this.eventTextLength = new Uint16Array(capacity);
  }

  /** Passage number `passage` (in table order) of article `document`, across the corpus. */
  passageNumber(document: number, passage: number): number {
    return (this.documentFirstPassage[document] ?? 0) + passage;
  }

  /**
   * Appends a sentence of passage number `passage`, which must not come before the last one's. `terms` are
   * its distinct terms in code-unit order and `counts` how often each occurs; `idf` is asked once per term.
   */
  add(
    passage: number,
    span: Span,
    order: number,
    terms: readonly string[],
    counts: readonly number[],
    idf: (term: string) => number,
  ): number {
    const unit = this.size++;
    for (; this.passagesFilled <= passage; this.passagesFilled++)
      this.passageFirstUnit[this.passagesFilled] = unit;
    this.unitPassage[unit] = passage;
    this.unitStart[unit] = span.start;
    this.unitEnd[unit] = span.end;
    this.unitOrder[unit] = order;
    const ids = this.termIdOf as Map<string, number>;
    terms.forEach((term, k) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = this.vocabulary.length;
        ids.set(term, id);
        this.vocabulary.push(term);
        this.idfs.push(idf(term));
      }
      const count = counts[k] ?? 0;
      if (count >= LARGE_COUNT) this.largeCounts.set(this.termIds.length, count);
      this.termCounts.push(Math.min(count, LARGE_COUNT));
      this.termIds.push(id);
    });
    this.termsFrom[unit + 1] = this.termIds.length;
    return unit;
  }

  /**
   * Ends the filling: term ids are renumbered in code-unit order of their terms, so comparing two sentences'
   * terms is comparing numbers; with `typical`, each sentence's closeness to the centroid is worked out.
   */
  finish({ typical }: { typical: boolean }): void {
    for (; this.passagesFilled <= this.passages.length; this.passagesFilled++)
      this.passageFirstUnit[this.passagesFilled] = this.size;
    const old = this.vocabulary;
    const byTerm = [...old.keys()].sort((a, b) => {
      const [x, y] = [old[a] as string, old[b] as string];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const renumbered = new Int32Array(old.length);
    byTerm.forEach((id, rank) => {
      renumbered[id] = rank;
    });
    for (let p = 0; p < this.termIds.length; p++) this.termIds.set(p, renumbered[this.termIds.at(p)] ?? 0);
    const idfs = this.idfs;
    this.vocabulary = byTerm.map((id) => old[id] as string);
    this.idfs = byTerm.map((id) => idfs[id] ?? 0);
    this.termIdOf = undefined;
    if (typical) this.computeTypicality();
  }

  /** Closeness (cosine) of each sentence to the sum of all of them, the centroid. */
  private computeTypicality(): void {
    const centroid = new Float64Array(this.vocabulary.length);
    for (let p = 0; p < this.termIds.length; p++) {
      const id = this.termIds.at(p);
      centroid[id] = (centroid[id] ?? 0) + this.weightAt(p);
    }
    let squares = 0;
    for (const weight of centroid) squares += weight * weight;
    const centroidNorm = Math.sqrt(squares);
    for (let unit = 0; unit < this.size; unit++) {
      const norm = this.norm(unit);
      if (norm === 0 || centroidNorm === 0) continue;
      let dot = 0;
      for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
        dot += this.weightAt(p) * (centroid[this.termIds.at(p)] ?? 0);
      this.typicalities[unit] = dot / (norm * centroidNorm);
    }
  }

  private countAt(position: number): number {
    const count = this.termCounts.at(position);
    return count === LARGE_COUNT ? (this.largeCounts.get(position) ?? count) : count;
  }

  /** A term's weight in its sentence: its count times its idf. */
  private weightAt(position: number): number {
    return this.countAt(position) * (this.idfs[this.termIds.at(position)] ?? 0);
  }

  document(unit: number): CorpusDocument {
    return this.documents[this.documentPosition(unit)] as CorpusDocument;
  }

  /** The article's place in the table's order. */
  documentPosition(unit: number): number {
    return this.passageDocument[this.unitPassage[unit] ?? 0] ?? 0;
  }

  passage(unit: number): Passage {
    return this.passages[this.unitPassage[unit] ?? 0] as Passage;
  }

  /** Orders sentences as their articles' dates do under `localeCompare`; equal for the same date. */
  documentDateRank(unit: number): number {
    if (!this.dateRanks) {
      const dates = [...new Set(this.documents.map((document) => document.date))].sort((a, b) =>
        a.localeCompare(b),
      );
      const rankOf = new Map<string, number>();
      dates.forEach((date, rank) => {
        const previous = dates[rank - 1];
        rankOf.set(
          date,
          previous !== undefined && previous.localeCompare(date) === 0
            ? (rankOf.get(previous) ?? rank)
            : rank,
        );
      });
      this.dateRanks = Int32Array.from(this.documents, (document) => rankOf.get(document.date) ?? 0);
    }
    return this.dateRanks[this.documentPosition(unit)] ?? 0;
  }

  /** The passage's place within its article. */
  passageInDocument(unit: number): number {
    const passage = this.unitPassage[unit] ?? 0;
    return passage - (this.documentFirstPassage[this.passageDocument[passage] ?? 0] ?? 0);
  }

  span(unit: number): Span {
    return { start: this.unitStart[unit] ?? 0, end: this.unitEnd[unit] ?? 0 };
  }

  text(unit: number): string {
    return this.document(unit).text.slice(this.unitStart[unit], this.unitEnd[unit]);
  }

  /** Position across the corpus: articles by date, then sentences in reading order. */
  order(unit: number): number {
    return this.unitOrder[unit] ?? 0;
  }

  typicality(unit: number): number {
    return this.typicalities[unit] ?? 0;
  }

  setTypicality(unit: number, typicality: number): void {
    this.typicalities[unit] = typicality;
  }

  /** The sentence's distinct terms, in code-unit order. */
  terms(unit: number): string[] {
    const terms: string[] = [];
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
      terms.push(this.vocabulary[this.termIds.at(p)] as string);
    return terms;
  }

  /** How often each of `terms(unit)` occurs in the sentence. */
  counts(unit: number): number[] {
    const counts: number[] = [];
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
      counts.push(this.countAt(p));
    return counts;
  }

  /** The idf-weighted frequency of each of `terms(unit)`. */
  weights(unit: number): number[] {
    const weights: number[] = [];
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
      weights.push(this.weightAt(p));
    return weights;
  }

  /** Term ids of `terms(unit)`: equal ids are equal terms, and ids follow the terms' code-unit order. */
  termIdsOf(unit: number): number[] {
    const ids: number[] = [];
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
      ids.push(this.termIds.at(p));
    return ids;
  }

  termOf(id: number): string {
    return this.vocabulary[id] as string;
  }

  idfOf(id: number): number {
    return this.idfs[id] ?? 0;
  }

  private norm(unit: number): number {
    let squares = 0;
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++) {
      const weight = this.weightAt(p);
      squares += weight * weight;
    }
    return Math.sqrt(squares);
  }

  /** Sum of the weights of the distinct terms, for containment. */
  private mass(unit: number): number {
    let mass = 0;
    for (let p = this.termsFrom[unit] ?? 0; p < (this.termsFrom[unit + 1] ?? 0); p++)
      mass += this.weightAt(p);
    return mass;
  }

  /**
   * Calls `shared` with both sentences' weights of every term they share, in code-unit order of the terms:
   * sums taken in that order come out exactly as they always have.
   */
  private eachShared(a: number, b: number, shared: (mine: number, theirs: number) => void): void {
    let i = this.termsFrom[a] ?? 0;
    let j = this.termsFrom[b] ?? 0;
    const [iEnd, jEnd] = [this.termsFrom[a + 1] ?? 0, this.termsFrom[b + 1] ?? 0];
    while (i < iEnd && j < jEnd) {
      const [mine, theirs] = [this.termIds.at(i), this.termIds.at(j)];
      if (mine === theirs) shared(this.weightAt(i++), this.weightAt(j++));
      else if (mine < theirs) i++;
      else j++;
    }
  }

  /** Cosine of the two sentences' idf-weighted term vectors. */
  cosine(a: number, b: number): number {
    const [normA, normB] = [this.norm(a), this.norm(b)];
    if (normA === 0 || normB === 0) return 0;
    let dot = 0;
    this.eachShared(a, b, (mine, theirs) => {
      dot += mine * theirs;
    });
    return dot / (normA * normB);
  }

  /** How much of the lighter sentence's weight the other holds too (0–1): a short line inside a long one scores 1. */
  containment(a: number, b: number): number {
    const [massA, massB] = [this.mass(a), this.mass(b)];
    const lighter = Math.min(massA, massB);
    if (lighter === 0) return 0;
    const aIsLighter = massA <= massB;
    let shared = 0;
    this.eachShared(a, b, (mine, theirs) => {
      shared += aIsLighter ? mine : theirs;
    });
    return shared / lighter;
  }

  /** Whether two sentences overlap in the same article, so quoting both would repeat words. */
  overlaps(a: number, b: number): boolean {
    return (
      this.document(a) === this.document(b) &&
      (this.unitStart[a] ?? 0) < (this.unitEnd[b] ?? 0) &&
      (this.unitStart[b] ?? 0) < (this.unitEnd[a] ?? 0)
    );
  }

  /** The sentences of passage number `passage`. */
  unitsOfPassage(passage: number): number[] {
    const units: number[] = [];
    for (
      let unit = this.passageFirstUnit[passage] ?? 0;
      unit < (this.passageFirstUnit[passage + 1] ?? 0);
      unit++
    )
      units.push(unit);
    return units;
  }

  /** The passage number of a passage of the corpus, or -1 when the table does not hold it. */
  passageNumberOf(passage: Passage): number {
    const document = this.documentById.get(passage.docId);
    if (document === undefined) return -1;
    const within = this.documents[document]?.passages.indexOf(passage) ?? -1;
    return within < 0 ? -1 : this.passageNumber(document, within);
  }

  /** The sentences of the article with this id. */
  unitsOfDocument(id: string): number[] {
    const document = this.documentById.get(id);
    if (document === undefined) return [];
    const first = this.passageFirstUnit[this.documentFirstPassage[document] ?? 0] ?? 0;
    const end = this.passageFirstUnit[this.documentFirstPassage[document + 1] ?? 0] ?? 0;
    return Array.from({ length: end - first }, (_, k) => first + k);
  }

  /** The event date if it has been read already: `null` when not, `undefined` when the sentence names none. */
  eventIfRead(unit: number): EventDate | undefined | null {
    const flags = this.eventFlags[unit] ?? 0;
    if (!(flags & READ)) return null;
    if (!(flags & DATED)) return undefined;
    const code = this.eventDays[unit] ?? 0;
    const start = this.eventTextStart[unit] ?? 0;
    return {
      date: code >= 0 ? dayOfCode(code) : (this.otherDates[-code - 1] as string),
      precision: PRECISIONS[(flags >> PRECISION_SHIFT) & 3] as DatePrecision,
      approximate: Boolean(flags & APPROXIMATE),
      upcoming: Boolean(flags & UPCOMING),
      text:
        flags & TEXT_ASIDE
          ? (this.eventTexts.get(unit) as string)
          : this.text(unit).slice(start, start + (this.eventTextLength[unit] ?? 0)),
    };
  }

  /**
   * When the sentence's event happened, if it says. Read on first use: parsing dates is the costliest step,
   * and a briefing of a large corpus needs the dates of its few hundred candidates only.
   */
  event(unit: number): EventDate | undefined {
    this.readEvent(unit);
    return this.eventIfRead(unit) ?? undefined;
  }

  /** Whether the sentence dates its event, read on first use like `event`. */
  isDated(unit: number): boolean {
    this.readEvent(unit);
    return Boolean((this.eventFlags[unit] ?? 0) & DATED);
  }

  /** The event's day as a number: equal for equal dates. The sentence must be dated. */
  eventDay(unit: number): number {
    return this.eventDays[unit] ?? 0;
  }

  /** Whether the dated event's day is approximate ("last week", "in December"). */
  isApproximate(unit: number): boolean {
    return Boolean((this.eventFlags[unit] ?? 0) & APPROXIMATE);
  }

  private readEvent(unit: number): void {
    if ((this.eventFlags[unit] ?? 0) & READ) return;
    const text = this.text(unit);
    const mention = eventMentionOf(text, this.document(unit).date);
    this.setEvent(
      unit,
      mention,
      mention && text.slice(mention.index, mention.index + mention.text.length) === mention.text
        ? mention.index
        : -1,
    );
  }

  /** Records the event date read for a sentence; `at` is where its words stand in the sentence, or -1. */
  setEvent(unit: number, event: EventDate | undefined, at: number): void {
    if (!((this.eventFlags[unit] ?? 0) & READ)) this.eventsRead++;
    if (!event) {
      this.eventFlags[unit] = READ;
      return;
    }
    let flags = READ | DATED | (PRECISIONS.indexOf(event.precision) << PRECISION_SHIFT);
    if (event.approximate) flags |= APPROXIMATE;
    if (event.upcoming) flags |= UPCOMING;
    if (at >= 0 && at <= 0xffff && event.text.length <= 0xffff) {
      this.eventTextStart[unit] = at;
      this.eventTextLength[unit] = event.text.length;
    } else {
      flags |= TEXT_ASIDE;
      this.eventTexts.set(unit, event.text);
    }
    if (ISO_DAY.test(event.date) && dayOfCode(dayCode(event.date)) === event.date) {
      this.eventDays[unit] = dayCode(event.date);
    } else {
      let other = this.otherDates.indexOf(event.date);
      if (other < 0) other = this.otherDates.push(event.date) - 1;
      this.eventDays[unit] = -other - 1;
    }
    this.eventFlags[unit] = flags;
  }

  /** The weight of the facts the sentence carries: a dated event, a figure, a name (see `FACT_WEIGHTS`). */
  facts(unit: number): number {
    return factsIn(this.text(unit), this.event(unit));
  }

  /** `facts` as far as can be told without parsing dates, for narrowing a large corpus down to candidates. */
  likelyFacts(unit: number): number {
    const text = this.text(unit);
    return (
      (mayMentionDate(text) ? FACT_WEIGHTS.date : 0) +
      (FIGURE.test(text) ? FACT_WEIGHTS.figure : 0) +
      (NAME.test(text) ? FACT_WEIGHTS.name : 0)
    );
  }
}
