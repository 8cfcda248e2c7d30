import { termsOf } from '../text/textProcessing.ts';

/** The distinct terms of a list in code-unit order, and how often each occurs. */
export function countTerms(terms: readonly string[]): { distinct: string[]; counts: number[] } {
  const distinct: string[] = [];
  const counts: number[] = [];
  for (const term of [...terms].sort()) {
    const last = distinct.length - 1;
    if (distinct[last] === term) counts[last] = (counts[last] ?? 0) + 1;
    else {
      distinct.push(term);
      counts.push(1);
    }
  }
  return { distinct, counts };
}

/**
 * A text as idf-weighted term frequencies, with its length precomputed for cosines. Terms are kept sorted
 * in two plain arrays rather than a Map: a large corpus holds one vector per sentence, and a sorted merge is
 * as fast as hashing for vectors of a few dozen terms.
 */
export class TermVector {
  readonly norm: number;
  /** Sum of the weights of the distinct terms, for containment. */
  readonly mass: number;

  private constructor(
    /** Distinct terms, in code-unit order. */
    readonly terms: readonly string[],
    readonly weights: readonly number[],
  ) {
    let squares = 0;
    let mass = 0;
    for (const weight of weights) {
      squares += weight * weight;
      mass += weight;
    }
    this.norm = Math.sqrt(squares);
    this.mass = mass;
  }

  /** The vector of a text's index terms, each weighted by term frequency times `idf`. */
  static of(text: string, idf: (term: string) => number): TermVector {
    return TermVector.fromTerms(termsOf(text), idf);
  }

  static fromTerms(terms: readonly string[], idf: (term: string) => number): TermVector {
    const { distinct, counts } = countTerms(terms);
    return TermVector.fromCounts(distinct, counts, idf);
  }

  /** The vector of distinct terms in code-unit order, given how often each occurs, weighted by `idf`. */
  static fromCounts(
    terms: readonly string[],
    counts: readonly number[],
    idf: (term: string) => number,
  ): TermVector {
    return new TermVector(
      terms,
      terms.map((term, i) => (counts[i] ?? 0) * idf(term)),
    );
  }

  get size(): number {
    return this.terms.length;
  }

  /** Position of a term, or -1. */
  private indexOf(term: string): number {
    let low = 0;
    let high = this.terms.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.terms[middle] as string;
      if (found === term) return middle;
      if (found < term) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /**
   * Calls `shared` with this vector's and the other's weight for every term both hold: a merge of the two
   * sorted lists, or lookups of the shorter one's terms in the longer (a sentence against a centroid).
   */
  private eachShared(other: TermVector, shared: (mine: number, theirs: number) => void): void {
    const [short, long] = this.size <= other.size ? [this, other] : [other, this];
    if (short.size * Math.log2(long.size + 1) < short.size + long.size) {
      short.terms.forEach((term, i) => {
        const j = long.indexOf(term);
        if (j < 0) return;
        const [shortWeight, longWeight] = [short.weights[i] ?? 0, long.weights[j] ?? 0];
        if (short === this) shared(shortWeight, longWeight);
        else shared(longWeight, shortWeight);
      });
      return;
    }
    let i = 0;
    let j = 0;
    while (i < this.terms.length && j < other.terms.length) {
      const mine = this.terms[i] as string;
      const theirs = other.terms[j] as string;
      if (mine === theirs) shared(this.weights[i++] ?? 0, other.weights[j++] ?? 0);
      else if (mine < theirs) i++;
      else j++;
    }
  }

  cosine(other: TermVector): number {
    if (this.norm === 0 || other.norm === 0) return 0;
    let dot = 0;
    this.eachShared(other, (mine, theirs) => {
      dot += mine * theirs;
    });
    return dot / (this.norm * other.norm);
  }

  /** How much of the lighter vector's weight the other holds too (0–1): a short line inside a long one scores 1. */
  containment(other: TermVector): number {
    const lighter = Math.min(this.mass, other.mass);
    if (lighter === 0) return 0;
    const mineIsLighter = this.mass <= other.mass;
    let shared = 0;
    this.eachShared(other, (mine, theirs) => {
      shared += mineIsLighter ? mine : theirs;
    });
    return shared / lighter;
  }
}
