import { termsOf } from '../search/textProcessing.ts';

/** A text as idf-weighted term frequencies, with its length precomputed for cosines. */
export class TermVector {
  readonly norm: number;
  /** Sum of the weights of the distinct terms, for containment. */
  readonly mass: number;

  private constructor(readonly weights: ReadonlyMap<string, number>) {
    let squares = 0;
    let mass = 0;
    for (const weight of weights.values()) {
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
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const weights = new Map<string, number>();
    for (const [term, count] of counts) weights.set(term, count * idf(term));
    return new TermVector(weights);
  }

  get size(): number {
    return this.weights.size;
  }

  has(term: string): boolean {
    return this.weights.has(term);
  }

  cosine(other: TermVector): number {
    if (this.norm === 0 || other.norm === 0) return 0;
    const [small, large] = this.size <= other.size ? [this, other] : [other, this];
    let dot = 0;
    for (const [term, weight] of small.weights) dot += weight * (large.weights.get(term) ?? 0);
    return dot / (this.norm * other.norm);
  }

  /** How much of the lighter vector's weight the other holds too (0–1): a short line inside a long one scores 1. */
  containment(other: TermVector): number {
    const [light, heavy] = this.mass <= other.mass ? [this, other] : [other, this];
    if (light.mass === 0) return 0;
    let shared = 0;
    for (const [term, weight] of light.weights) if (heavy.has(term)) shared += weight;
    return shared / light.mass;
  }

  /** Adds another vector's weights into a running total (the centroid of many sentences). */
  static sum(vectors: Iterable<TermVector>): TermVector {
    const total = new Map<string, number>();
    for (const vector of vectors) {
      for (const [term, weight] of vector.weights) total.set(term, (total.get(term) ?? 0) + weight);
    }
    return new TermVector(total);
  }
}
