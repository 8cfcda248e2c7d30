import type { CorpusDocument, Passage } from '../corpus/types.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import { alternation, LEANING_OPENERS, LINKING_WORDS, NEGATION_WORDS } from '../text/lexicon.ts';
import { normalizeTerm, tokenize } from '../text/textProcessing.ts';
import { peopleNamedIn } from './answerTypes.ts';

// A sentence opening with a leaning word, perhaps after a linking word ("Thus, he…"), leans on the one before
// it, which is quoted along with it.
const LEANING_START = new RegExp(
  `^[“"‘]?(?:(?:${alternation(LINKING_WORDS)}),?\\s+)?(?:${alternation(LEANING_OPENERS)})\\b`,
  'i',
);

/** Whether a sentence leans on the one before it for what it is about ("He called the rioters…"). */
export function leansOnPrevious(sentence: string): boolean {
  return LEANING_START.test(sentence);
}

// A question that denies something ("never", "not") is not answered by a sentence that asserts it, nor the
// other way round; both words are stop words, so they are looked for in the text itself.
const NEGATION = new RegExp(`\\b(?:${alternation(NEGATION_WORDS)})\\b|n[’']t\\b`, 'i');

/** Whether a text denies something: "never", "not", "didn't". */
export function denies(text: string): boolean {
  return NEGATION.test(text);
}

const LEANING = 1;
const DENYING = 2;

/**
 * A passage's sentences as the ranker reads them, whatever the question: each sentence's content terms in
 * order, as numbers (see `PassageReadings`), where each stands among all of the sentence's words (stop words
 * count towards nearness), whether the sentence leans on the one before it, and whether its quote denies
 * something. It all sits in one flat array, as a busy bot ends up holding a reading of most passages.
 */
export class PassageReading {
  /** By sentence, the people its quote names, once a "who" question has asked (see `peopleNamed`). */
  private people: Array<string[][] | undefined> | undefined;

  private constructor(
    private readonly passage: Passage,
    /** The article's text, which the corpus holds anyway. */
    private readonly text: string,
    /** The terms the numbers stand for. */
    private readonly vocabulary: readonly string[],
    /**
     * For `n` sentences holding `t` terms: where each sentence's terms start (n + 1 entries, the last one
     * `t`), then each sentence's number of words, then each sentence's flags; then each term's number, then
     * each term's place in its sentence.
     */
    private readonly numbers: Int32Array,
    readonly sentenceCount: number,
  ) {}

  static of(
    passage: Passage,
    text: string,
    vocabulary: readonly string[],
    numberOf: (term: string) => number,
  ): PassageReading {
    const count = passage.sentences.length;
    const terms: number[] = [];
    const places: number[] = [];
    const numbers: number[] = new Array(3 * count + 1).fill(0);
    passage.sentences.forEach((sentence, at) => {
      numbers[at] = terms.length;
      const own = text.slice(sentence.start, sentence.end);
      const words = tokenize(own);
      words.forEach((word, place) => {
        const term = normalizeTerm(word);
        if (term === null) return;
        terms.push(numberOf(term));
        places.push(place);
      });
      numbers[count + 1 + at] = words.length;
      const leaning = leansOnPrevious(own);
      // A leaning sentence is quoted with the one before it; a paragraph's first sentence is quoted alone.
      const previous = passage.sentences[at - 1];
      const quoted = leaning && previous ? text.slice(previous.start, sentence.end) : own;
      numbers[2 * count + 1 + at] = (leaning ? LEANING : 0) | (denies(quoted) ? DENYING : 0);
    });
    numbers[count] = terms.length;
    return new PassageReading(
      passage,
      text,
      vocabulary,
      Int32Array.from([...numbers, ...terms, ...places]),
      count,
    );
  }

  /** Where a sentence's terms start, counting the passage's terms from 0. */
  firstTerm(sentence: number): number {
    return this.numbers[sentence] ?? 0;
  }

  /** Where a sentence's terms end. */
  endTerm(sentence: number): number {
    return this.numbers[sentence + 1] ?? 0;
  }

  /** The number of the passage's `at`-th term. */
  termNumber(at: number): number {
    return this.numbers[3 * this.sentenceCount + 1 + at] ?? 0;
  }

  /** A sentence's content terms, in order. */
  sentenceTerms(sentence: number): string[] {
    const terms: string[] = [];
    for (let at = this.firstTerm(sentence); at < this.endTerm(sentence); at++)
      terms.push(this.vocabulary[this.termNumber(at)] ?? '');
    return terms;
  }

  /** How many words a sentence has, stop words included. */
  words(sentence: number): number {
    return this.numbers[this.sentenceCount + 1 + sentence] ?? 0;
  }

  /** The place of the passage's `at`-th term among its sentence's words. */
  place(at: number): number {
    const termCount = this.numbers[this.sentenceCount] ?? 0;
    return this.numbers[3 * this.sentenceCount + 1 + termCount + at] ?? 0;
  }

  /** Whether a sentence leans on the one before it (see `leansOnPrevious`). */
  leaning(sentence: number): boolean {
    return ((this.numbers[2 * this.sentenceCount + 1 + sentence] ?? 0) & LEANING) !== 0;
  }

  /**
   * The people a sentence's quote names (see `peopleNamedIn`), the sentence before included when it leans on
   * it: worked out for the first question that asks who, and kept for the rest.
   */
  peopleNamed(sentence: number): readonly string[][] {
    this.people ??= [];
    let people = this.people[sentence];
    if (!people) {
      const own = this.passage.sentences[sentence];
      const previous = this.passage.sentences[sentence - 1];
      const start = this.leaning(sentence) && previous ? previous.start : (own?.start ?? 0);
      people = peopleNamedIn(this.text.slice(start, own?.end ?? 0));
      this.people[sentence] = people;
    }
    return people;
  }

  /** Whether a sentence's quote, with the sentence before when it leans on it, denies something. */
  quoteDenies(sentence: number): boolean {
    return ((this.numbers[2 * this.sentenceCount + 1 + sentence] ?? 0) & DENYING) !== 0;
  }
}

/**
 * Terms marked with values for one question, by number, so that a passage's terms are looked up by reading
 * an array: no string is hashed, and no term's characters are fetched from wherever they sit in memory.
 */
export class TermMarks<Value> {
  constructor(
    private readonly slots: Int32Array,
    private readonly values: readonly Value[],
    /** Takes the marks off, for the next question. */
    readonly release: () => void,
  ) {}

  /** The value marked on a term number, if any. */
  at(number: number): Value | undefined {
    const slot = this.slots[number] ?? 0;
    return slot === 0 ? undefined : this.values[slot - 1];
  }
}

/**
 * Passages read per index, at most: about 1 KB each, so a corpus of 100,000 passages that questions have
 * wandered all over holds about 50 MB. Past it, the readings start over.
 */
const MAX_READINGS = 50_000;

/**
 * The passages of one index read so far, and a number for every term met in them. An index never changes,
 * so its readings last as long as it does; a reload's new index reads its own passages afresh.
 */
export class PassageReadings {
  private readings = new Map<Passage, PassageReading>();
  private numbers = new Map<string, number>();
  private vocabulary: string[] = [];
  /** A slot for every term number, 0 unless marked (see `mark`). */
  private slots = new Int32Array(1024);

  /** Starts on a question: readings of one question share one numbering, so they are dropped only here. */
  startQuestion(): void {
    if (this.readings.size < MAX_READINGS) return;
    this.readings = new Map();
    this.numbers = new Map();
    this.vocabulary = [];
  }

  /** A passage of the index, read once and then kept. */
  reading(document: CorpusDocument, passage: Passage): PassageReading {
    let reading = this.readings.get(passage);
    if (!reading) {
      reading = PassageReading.of(passage, document.text, this.vocabulary, (term) => this.numberFor(term));
      this.readings.set(passage, reading);
    }
    return reading;
  }

  /** Marks the terms read so far with values; terms no passage read so far holds are left out. */
  mark<Value>(values: ReadonlyMap<string, Value>): TermMarks<Value> {
    const kept: Value[] = [];
    const marked: number[] = [];
    for (const [term, value] of values) {
      const number = this.numbers.get(term);
      if (number === undefined) continue;
      kept.push(value);
      marked.push(number);
      this.slots[number] = kept.length;
    }
    // Terms numbered meanwhile are never marked; the slots may have grown, marks and all, in the meantime.
    return new TermMarks(this.slots, kept, () => {
      for (const number of marked) this.slots[number] = 0;
    });
  }

  private numberFor(term: string): number {
    let number = this.numbers.get(term);
    if (number === undefined) {
      number = this.vocabulary.length;
      this.numbers.set(term, number);
      this.vocabulary.push(term);
      if (number >= this.slots.length) {
        const slots = new Int32Array(2 * this.slots.length);
        slots.set(this.slots);
        this.slots = slots;
      }
    }
    return number;
  }
}

const readingsByIndex = new WeakMap<SearchIndex, PassageReadings>();

/** The passages of an index read so far. */
export function readingsOf(index: SearchIndex): PassageReadings {
  let readings = readingsByIndex.get(index);
  if (!readings) {
    readings = new PassageReadings();
    readingsByIndex.set(index, readings);
  }
  return readings;
}
