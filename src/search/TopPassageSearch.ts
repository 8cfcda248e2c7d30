import type { InvertedIndex, SavedPostings } from './InvertedIndex.ts';

/** One term of a query, with how much it counts and how far a misspelling of it may reach. */
export interface WeightedTerm {
  term: string;
  boost: number;
  /** Edits a document term may differ by and still match; 0 matches the term exactly only. */
  fuzzyDistance: number;
}

export interface ScoringOptions {
  /** BM25 saturation (k), length normalisation (b) and the floor added to every match (d). */
  bm25: { k: number; b: number; d: number };
  /** What a fuzzy match counts for against an exact one, before its distance lowers it further. */
  fuzzyWeight: number;
}

export interface ScoredPassage {
  /** The passage's id in the index: its position in the corpus. */
  id: number;
  score: number;
  /** The document terms that matched: a query term itself, or its misspelt neighbours in the index. */
  terms: string[];
}

/** One document term a query term reached, with its postings in the searched field. */
interface Lookup {
  queryTerm: number;
  documentTerm: string;
  termId: number;
  /** What one occurrence weighs before BM25: fuzziness, the query term's boost and the term's rarity. */
  termWeight: number;
}

/** The lookups of one query term, with the most any passage can get from them. */
interface TermGroup {
  lookups: Lookup[];
  bound: number;
}

/** A passage's final score and where it was first met, which orders equal scores as MiniSearch does. */
interface Ranked {
  passage: number;
  score: number;
  firstLookup: number;
}

/**
 * Bounds and partial scores are sums taken in another order than the final score's, so they may differ from
 * it in the last bits; a passage is ruled out only when it falls short by more than this share.
 */
const ROUNDING_SLACK = 1e-9;

/**
 * An OR query scored the way MiniSearch's `search` scores it: BM25 for each matched term, fuzzy matches
 * weighted down by distance, and each passage's sum multiplied by how many query terms it matched. Unlike
 * `search`, it builds no result object for the thousand or so passages a question touches and sorts none of
 * them: scores add up in arrays indexed by passage id, and only the best `limit` are kept.
 *
 * `search` also skips most postings of common terms (MaxScore-style pruning): rare terms are scored first,
 * and once the best passages so far cannot be overtaken by a passage matching only the remaining terms, those
 * terms are looked up for the candidates alone. The result is the exhaustive one (`searchExhaustive`), to the
 * last bit of every score.
 *
 * The index never changes: a corpus change builds a new index and a new search over it.
 */
export class TopPassageSearch {
  private readonly postings: SavedPostings;
  /** By term id: the highest BM25 term-frequency part any of its postings reaches, or -1 until first used. */
  private readonly highestImpact: Float64Array;
  // Per-query scratch, indexed by passage id and cleared after each query for the passages it touched.
  private readonly scores: Float64Array;
  private readonly termsMatched: Uint16Array;
  private readonly lastQueryTerm: Int32Array;
  /**
   * By passage: BM25's saturation times its length normalisation, the part of `impact` that depends on the
   * passage alone, worked out once rather than for every posting of every query.
   */
  private readonly saturation: Float64Array;
  /** Scratch for `lowestOfBest`, kept between queries: a typed array costs more to make than to fill. */
  private highest = new Float64Array(0);

  constructor(
    private readonly index: InvertedIndex,
    private readonly options: ScoringOptions,
  ) {
    this.postings = index.save();
    this.highestImpact = new Float64Array(index.termCount).fill(-1);
    this.scores = new Float64Array(index.passageCount);
    this.termsMatched = new Uint16Array(index.passageCount);
    this.lastQueryTerm = new Int32Array(index.passageCount).fill(-1);
    const { k, b } = options.bm25;
    this.saturation = new Float64Array(index.passageCount);
    for (let passage = 0; passage < index.passageCount; passage++)
      this.saturation[passage] = k * (1 - b + (b * index.lengthOf(passage)) / index.averageLength);
  }

  /** How many passages use a term. */
  passagesWith(term: string): number {
    const termId = this.index.termId(term);
    return termId === undefined ? 0 : this.index.passagesWith(termId);
  }

  /**
   * The best `limit` passages for the query, best first; equal scores keep the order MiniSearch gives them
   * (the first query term that reaches the passage, then the order passages were indexed in).
   */
  search(query: readonly WeightedTerm[], limit: number): ScoredPassage[] {
    const lookups = this.lookUp(query);
    if (limit <= 0 || lookups.length === 0) return [];
    const groups = this.groupsByBound(lookups);
    // After group i, what a passage can still gain: the bounds of the groups left, and how many there are.
    const boundLeft = new Float64Array(groups.length + 1);
    for (let i = groups.length - 1; i >= 0; i--)
      boundLeft[i] = (boundLeft[i + 1] ?? 0) + (groups[i]?.bound ?? 0);
    const touched: number[] = [];
    let next = 0;
    let threshold = 0;
    // Every passage the groups reach is scored until one that none of them reached could no longer get in.
    while (next < groups.length && !this.below((boundLeft[next] ?? 0) * (groups.length - next), threshold)) {
      for (const lookup of groups[next]?.lookups ?? []) this.scoreAll(lookup, touched);
      next++;
      threshold = this.lowestOfBest(touched, limit);
    }
    // The remaining groups are looked up only for passages that could still reach the best.
    let candidates = touched;
    while (next < groups.length) {
      candidates = this.reaching(candidates, boundLeft[next] ?? 0, groups.length - next, threshold);
      for (const lookup of groups[next]?.lookups ?? []) this.scoreCandidates(lookup, candidates);
      next++;
      threshold = this.lowestOfBest(candidates, limit);
    }
    const finalists = this.reaching(candidates, 0, 0, threshold);
    const ranked = finalists.map((passage) => this.exactScore(lookups, passage));
    this.clear(touched);
    return this.results(lookups, best(ranked, limit));
  }

  /** The same passages as `search`, found by scoring every posting of every query term. */
  searchExhaustive(query: readonly WeightedTerm[], limit: number): ScoredPassage[] {
    const lookups = this.lookUp(query);
    const touched: number[] = [];
    for (const lookup of lookups) this.scoreAll(lookup, touched);
    const ranked = touched.map((passage) => ({
      passage,
      score: (this.scores[passage] ?? 0) * (this.termsMatched[passage] ?? 0),
      firstLookup: lookups.findIndex(({ termId }) => this.index.frequencyIn(termId, passage) > 0),
    }));
    this.clear(touched);
    return this.results(lookups, best(ranked, limit));
  }

  private lookUp(query: readonly WeightedTerm[]): Lookup[] {
    const lookups: Lookup[] = [];
    const add = (queryTerm: number, documentTerm: string, termId: number | undefined, weight: number) => {
      if (termId === undefined) return;
      const matching = this.index.passagesWith(termId);
      const documents = this.index.passageCount;
      const inverseFrequency = Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
      const termWeight = weight * (query[queryTerm]?.boost ?? 1) * inverseFrequency;
      lookups.push({ queryTerm, documentTerm, termId, termWeight });
    };
    query.forEach(({ term, fuzzyDistance }, queryTerm) => {
      add(queryTerm, term, this.index.termId(term), 1);
      if (fuzzyDistance <= 0) return;
      for (const [documentTerm, [termId, distance]] of this.index.fuzzyTermIds(term, fuzzyDistance)) {
        if (distance === 0) continue;
        const weight = (this.options.fuzzyWeight * documentTerm.length) / (documentTerm.length + distance);
        add(queryTerm, documentTerm, termId, weight);
      }
    });
    return lookups;
  }

  /** The lookups gathered by query term, the group that can add most to a passage first. */
  private groupsByBound(lookups: readonly Lookup[]): TermGroup[] {
    const groups: TermGroup[] = [];
    for (const lookup of lookups) {
      const bound = lookup.termWeight * (this.options.bm25.d + this.impactBound(lookup.termId));
      const last = groups[groups.length - 1];
      if (last && last.lookups[0]?.queryTerm === lookup.queryTerm) {
        last.lookups.push(lookup);
        last.bound += bound;
      } else {
        groups.push({ lookups: [lookup], bound });
      }
    }
    return groups.sort((a, b) => b.bound - a.bound);
  }

  /** BM25's term-frequency part for one posting: more occurrences count for more, in a longer passage for less. */
  private impact(passage: number, frequency: number): number {
    return (frequency * (this.options.bm25.k + 1)) / (frequency + (this.saturation[passage] ?? 0));
  }

  private impactBound(termId: number): number {
    let highest = this.highestImpact[termId] ?? 0;
    if (highest >= 0) return highest;
    const { termStarts, postingPassages, postingFrequencies } = this.postings;
    const end = termStarts[termId + 1] ?? 0;
    highest = 0;
    for (let i = termStarts[termId] ?? 0; i < end; i++) {
      highest = Math.max(highest, this.impact(postingPassages[i] ?? 0, postingFrequencies[i] ?? 0));
    }
    this.highestImpact[termId] = highest;
    return highest;
  }

  /**
   * The passages that may still reach `threshold` if they gain up to `gain` from `termsLeft` more query terms,
   * in their order.
   */
  private reaching(
    passages: readonly number[],
    gain: number,
    termsLeft: number,
    threshold: number,
  ): number[] {
    const { scores, termsMatched } = this;
    const reaching: number[] = [];
    for (const passage of passages) {
      const bound = ((scores[passage] ?? 0) + gain) * ((termsMatched[passage] ?? 0) + termsLeft);
      if (!this.below(bound, threshold)) reaching.push(passage);
    }
    return reaching;
  }

  /** Whether `bound` falls short of `threshold` by more than rounding could explain. */
  private below(bound: number, threshold: number): boolean {
    return bound * (1 + ROUNDING_SLACK) < threshold * (1 - ROUNDING_SLACK);
  }

  private add(lookup: Lookup, passage: number, frequency: number, touched: number[] | undefined): void {
    this.scores[passage] =
      (this.scores[passage] ?? 0) +
      lookup.termWeight * (this.options.bm25.d + this.impact(passage, frequency));
    if (this.lastQueryTerm[passage] === lookup.queryTerm) return;
    const termsMatched = this.termsMatched[passage] ?? 0;
    if (termsMatched === 0) touched?.push(passage);
    this.lastQueryTerm[passage] = lookup.queryTerm;
    this.termsMatched[passage] = termsMatched + 1;
  }

  /** Scores every posting of a lookup, recording passages met for the first time in `touched`. */
  private scoreAll(lookup: Lookup, touched: number[]): void {
    const { termStarts, postingPassages, postingFrequencies } = this.postings;
    const end = termStarts[lookup.termId + 1] ?? 0;
    for (let i = termStarts[lookup.termId] ?? 0; i < end; i++) {
      this.add(lookup, postingPassages[i] ?? 0, postingFrequencies[i] ?? 0, touched);
    }
  }

  /** Scores a lookup for the candidates alone, through whichever is shorter: them or its postings. */
  private scoreCandidates(lookup: Lookup, candidates: readonly number[]): void {
    const size = this.index.passagesWith(lookup.termId);
    if (candidates.length * Math.log2(size + 1) <= size) {
      for (const passage of candidates) {
        const frequency = this.index.frequencyIn(lookup.termId, passage);
        if (frequency > 0) this.add(lookup, passage, frequency, undefined);
      }
      return;
    }
    // Passages touched earlier but no longer candidates gain too; they are never read again.
    const { termStarts, postingPassages, postingFrequencies } = this.postings;
    const end = termStarts[lookup.termId + 1] ?? 0;
    for (let i = termStarts[lookup.termId] ?? 0; i < end; i++) {
      const passage = postingPassages[i] ?? 0;
      if ((this.termsMatched[passage] ?? 0) > 0)
        this.add(lookup, passage, postingFrequencies[i] ?? 0, undefined);
    }
  }

  /** The `limit`-th highest score so far among `passages`, which every final best score reaches; 0 if fewer. */
  private lowestOfBest(passages: readonly number[], limit: number): number {
    if (passages.length < limit) return 0;
    const { scores, termsMatched } = this;
    // Highest first; most passages fall below the last of them and cost one comparison.
    if (this.highest.length < limit) this.highest = new Float64Array(limit);
    const { highest } = this;
    let count = 0;
    for (const passage of passages) {
      const score = (scores[passage] ?? 0) * (termsMatched[passage] ?? 0);
      if (count === limit && score <= (highest[limit - 1] ?? 0)) continue;
      let position = Math.min(count, limit - 1);
      for (; position > 0 && score > (highest[position - 1] ?? 0); position--)
        highest[position] = highest[position - 1] ?? 0;
      highest[position] = score;
      if (count < limit) count++;
    }
    return highest[limit - 1] ?? 0;
  }

  /** A passage's score summed in the order of the query's lookups, as `searchExhaustive` sums it. */
  private exactScore(lookups: readonly Lookup[], passage: number): Ranked {
    let sum = 0;
    let matched = 0;
    let lastQueryTerm = -1;
    let firstLookup = -1;
    lookups.forEach((lookup, position) => {
      const frequency = this.index.frequencyIn(lookup.termId, passage);
      if (frequency === 0) return;
      sum += lookup.termWeight * (this.options.bm25.d + this.impact(passage, frequency));
      if (firstLookup < 0) firstLookup = position;
      if (lookup.queryTerm === lastQueryTerm) return;
      lastQueryTerm = lookup.queryTerm;
      matched++;
    });
    return { passage, score: sum * matched, firstLookup };
  }

  private clear(touched: readonly number[]): void {
    for (const passage of touched) {
      this.scores[passage] = 0;
      this.termsMatched[passage] = 0;
      this.lastQueryTerm[passage] = -1;
    }
  }

  private results(lookups: readonly Lookup[], ranked: readonly Ranked[]): ScoredPassage[] {
    return ranked.map(({ passage, score }) => ({
      id: passage,
      score,
      terms: [
        ...new Set(
          lookups
            .filter(({ termId }) => this.index.frequencyIn(termId, passage) > 0)
            .map(({ documentTerm }) => documentTerm),
        ),
      ],
    }));
  }
}

/** The `limit` best, highest score first; equal scores in the order their passages were first reached. */
function best(ranked: Ranked[], limit: number): Ranked[] {
  return ranked
    .sort((a, b) => b.score - a.score || a.firstLookup - b.firstLookup || a.passage - b.passage)
    .slice(0, limit);
}
