import type { CorpusDocument, Passage } from '../corpus/types.ts';
import type { PassageIndex } from '../search/PassageIndex.ts';
import { alternation, LEANING_OPENERS, LINKING_WORDS, NEGATION_WORDS } from '../text/lexicon.ts';
import { normalizeTerm, tokenize } from '../text/textProcessing.ts';

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
 * order, where each stands among all of the sentence's words (stop words count towards nearness), whether the
 * sentence leans on the one before it, and whether its quote denies something. The numbers sit in one flat
 * array, as a busy bot ends up holding a reading of most passages.
 */
export class PassageReading {
  private constructor(
    /** The content terms of every sentence, sentence after sentence. */
    readonly terms: readonly string[],
    /**
     * For `n` sentences: where each sentence's terms start in `terms` (n + 1 entries, the last one the end),
     * then each sentence's number of words, then each sentence's flags, then each term's place in its sentence.
     */
    private readonly numbers: Int32Array,
    readonly sentenceCount: number,
  ) {}

  static of(passage: Passage, text: string): PassageReading {
    const count = passage.sentences.length;
    const terms: string[] = [];
    const places: number[] = [];
    const numbers: number[] = new Array(3 * count + 1).fill(0);
    passage.sentences.forEach((sentence, at) => {
      numbers[at] = terms.length;
      const own = text.slice(sentence.start, sentence.end);
      const words = tokenize(own);
      words.forEach((word, place) => {
        const term = normalizeTerm(word);
        if (term === null) return;
        terms.push(term);
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
    return new PassageReading(terms, Int32Array.from([...numbers, ...places]), count);
  }

  /** Where a sentence's terms start in `terms`. */
  firstTerm(sentence: number): number {
    return this.numbers[sentence] ?? 0;
  }

  /** Where a sentence's terms end in `terms`. */
  endTerm(sentence: number): number {
    return this.numbers[sentence + 1] ?? 0;
  }

  /** A sentence's content terms, in order. */
  sentenceTerms(sentence: number): string[] {
    return this.terms.slice(this.firstTerm(sentence), this.endTerm(sentence));
  }

  /** How many words a sentence has, stop words included. */
  words(sentence: number): number {
    return this.numbers[this.sentenceCount + 1 + sentence] ?? 0;
  }

  /** A term's place among its sentence's words. */
  place(term: number): number {
    return this.numbers[3 * this.sentenceCount + 1 + term] ?? 0;
  }

  /** Whether a sentence leans on the one before it (see `leansOnPrevious`). */
  leaning(sentence: number): boolean {
    return ((this.numbers[2 * this.sentenceCount + 1 + sentence] ?? 0) & LEANING) !== 0;
  }

  /** Whether a sentence's quote, with the sentence before when it leans on it, denies something. */
  quoteDenies(sentence: number): boolean {
    return ((this.numbers[2 * this.sentenceCount + 1 + sentence] ?? 0) & DENYING) !== 0;
  }
}

/**
 * Passages read per index, at most: about 1 KB each, so a corpus of 100,000 passages that questions have
 * wandered all over holds about 50 MB. Past it, the readings start over.
 */
const MAX_READINGS = 50_000;

// Passages come back question after question, and reading one (tokens, lemmas, stems) costs more than ranking
// its sentences. An index never changes, so its readings last as long as it does; a reload's new index reads
// its own passages afresh.
const readingsByIndex = new WeakMap<PassageIndex, Map<Passage, PassageReading>>();

/** A passage of an index, read once and then kept while the index is. */
export function readingOf(index: PassageIndex, document: CorpusDocument, passage: Passage): PassageReading {
  let readings = readingsByIndex.get(index);
  if (!readings) {
    readings = new Map();
    readingsByIndex.set(index, readings);
  }
  let reading = readings.get(passage);
  if (!reading) {
    if (readings.size >= MAX_READINGS) readings.clear();
    reading = PassageReading.of(passage, document.text);
    readings.set(passage, reading);
  }
  return reading;
}
