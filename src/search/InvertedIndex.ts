import { setImmediate as nextTurn } from 'node:timers/promises';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * What an inverted index is made of, in flat typed arrays: term `t` has the postings from `termStarts[t]` to
 * `termStarts[t + 1]`, each a passage id (ascending within a term) and how often the term occurs there.
 */
export interface SavedPostings {
  /** Every term, in term-id order. */
  terms: string[];
  termStarts: Uint32Array;
  postingPassages: Uint32Array;
  postingFrequencies: Uint16Array;
  /** By passage id: how many distinct tokens the passage has, MiniSearch's measure of a field's length. */
  lengths: Uint32Array;
  /** The mean of `lengths`, accumulated in passage order as MiniSearch accumulates it. */
  averageLength: number;
}

/** Turns a passage's text into tokens, and a token into an index term (`null` for a stop word). */
export interface TermProcessing {
  tokenize(text: string): string[];
  processTerm(token: string): string | null;
}

/** A saved index that does not hold together: it is rebuilt, never used. */
export class MalformedPostingsError extends Error {
  override name = 'MalformedPostingsError';
}

/** A term occurring more often than this in one passage counts as this often (a pasted wall of one word). */
const MAX_FREQUENCY = 0xffff;
/** Longest stretch of work between two event-loop turns while restoring on a thread that answers questions. */
const SLICE_MS = 1;

const malformed = (what: string) => new MalformedPostingsError(`index snapshot: ${what}`);

function checkShape(saved: SavedPostings, passageCount: number): void {
  const { terms, termStarts, postingPassages, postingFrequencies, lengths } = saved;
  if (lengths.length !== passageCount) {
    throw malformed(`${lengths.length} passage lengths for ${passageCount} passages`);
  }
  if (termStarts.length !== terms.length + 1 || termStarts[0] !== 0) {
    throw malformed('term offsets do not match the terms');
  }
  if (
    termStarts[terms.length] !== postingPassages.length ||
    postingFrequencies.length !== postingPassages.length
  ) {
    throw malformed('postings do not match the term offsets');
  }
}

/** Checks one term and its postings (passages in range and ascending, none empty); returns the term. */
function checkTerm(saved: SavedPostings, termId: number, passageCount: number): string {
  const term = saved.terms[termId] ?? '';
  const start = saved.termStarts[termId] ?? 0;
  const end = saved.termStarts[termId + 1] ?? 0;
  if (term === '' || end <= start) throw malformed(`term ${termId} is empty`);
  let previous = -1;
  for (let i = start; i < end; i++) {
    const passage = saved.postingPassages[i] ?? 0;
    if (passage <= previous || passage >= passageCount || saved.postingFrequencies[i] === 0) {
      throw malformed(`postings of "${term}" are out of order or range`);
    }
    previous = passage;
  }
  return term;
}

/** A typed array that doubles its capacity as values are appended. */
class GrowingUint32 {
  values = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Terms whose ids an index remembers at most; past it, it starts over. */
const MAX_RECENT_TERMS = 50_000;

/**
 * A term → passages index in a few typed arrays, with the terms in MiniSearch's radix tree for exact and fuzzy
 * look-ups. It scores as MiniSearch does (same tokens, same lengths, same BM25 inputs) at a fraction of the
 * memory: MiniSearch keeps a `Map` per term, about 60 bytes a posting, where this keeps 6. A snapshot is the
 * arrays themselves, so restoring one copies bytes instead of rebuilding millions of map entries.
 */
export class InvertedIndex {
  /**
   * Terms looked up lately, with their ids (-1 for a term the corpus lacks). A question looks each of its terms
   * up a dozen times (retrieval, weights, related words), the same words come back question after question, and
   * a walk down the radix tree costs several times a map look-up.
   */
  private readonly recentTermIds = new Map<string, number>();

  private constructor(
    private readonly saved: SavedPostings,
    private readonly termIds: SearchableMap<number>,
  ) {}

  /** Indexes passage texts; the n-th text gets passage id n. */
  static build(texts: Iterable<string>, processing: TermProcessing): InvertedIndex {
    const termIds = new Map<string, number>();
    const postingTerms = new GrowingUint32();
    const postingPassages = new GrowingUint32();
    const postingFrequencies = new GrowingUint32();
    const lengths = new GrowingUint32();
    let averageLength = 0;
    for (const text of texts) {
      const passage = lengths.length;
      const tokens = processing.tokenize(text);
      const length = new Set(tokens).size;
      averageLength = (averageLength * passage + length) / (passage + 1);
      lengths.push(length);
      const frequencies = new Map<string, number>();
      for (const token of tokens) {
        const term = processing.processTerm(token);
        if (term) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      for (const [term, frequency] of frequencies) {
        let termId = termIds.get(term);
        if (termId === undefined) {
          termId = termIds.size;
          termIds.set(term, termId);
        }
        postingTerms.push(termId);
        postingPassages.push(passage);
        postingFrequencies.push(Math.min(frequency, MAX_FREQUENCY));
      }
    }
    // A counting sort by term keeps each term's passages in the ascending order they were added in.
    const termStarts = new Uint32Array(termIds.size + 1);
    for (let i = 0; i < postingTerms.length; i++) {
      const after = (postingTerms.values[i] ?? 0) + 1;
      termStarts[after] = (termStarts[after] ?? 0) + 1;
    }
    for (let t = 0; t < termIds.size; t++)
      termStarts[t + 1] = (termStarts[t + 1] ?? 0) + (termStarts[t] ?? 0);
    const next = termStarts.slice(0, termIds.size);
    const passages = new Uint32Array(postingTerms.length);
    const frequencies = new Uint16Array(postingTerms.length);
    for (let i = 0; i < postingTerms.length; i++) {
      const termId = postingTerms.values[i] ?? 0;
      const at = next[termId] ?? 0;
      next[termId] = at + 1;
      passages[at] = postingPassages.values[i] ?? 0;
      frequencies[at] = postingFrequencies.values[i] ?? 0;
    }
    return new InvertedIndex(
      {
        terms: [...termIds.keys()],
        termStarts,
        postingPassages: passages,
        postingFrequencies: frequencies,
        lengths: lengths.values.slice(0, lengths.length),
        averageLength,
      },
      SearchableMap.from<number>(termIds),
    );
  }

  /**
   * Restores a saved index after checking that it holds together, or throws `MalformedPostingsError`. With
   * `yielding`, other work gets a turn after every millisecond of it.
   */
  static async restore(
    saved: SavedPostings,
    passageCount: number,
    { yielding = false } = {},
  ): Promise<InvertedIndex> {
    checkShape(saved, passageCount);
    const termIds = new SearchableMap<number>();
    let sliceEnds = performance.now() + SLICE_MS;
    for (let termId = 0; termId < saved.terms.length; termId++) {
      // One walk of the tree both finds a repeated term and adds a new one.
      termIds.update(checkTerm(saved, termId, passageCount), (known) => {
        if (known !== undefined) throw malformed(`term ${termId} is repeated`);
        return termId;
      });
      if (yielding && performance.now() >= sliceEnds) {
        await nextTurn();
        sliceEnds = performance.now() + SLICE_MS;
      }
    }
    return new InvertedIndex(saved, termIds);
  }

  /** The arrays a snapshot holds; they stay owned by this index and must not be changed. */
  save(): SavedPostings {
    return this.saved;
  }

  get termCount(): number {
    return this.saved.terms.length;
  }

  get passageCount(): number {
    return this.saved.lengths.length;
  }

  get averageLength(): number {
    return this.saved.averageLength;
  }

  termId(term: string): number | undefined {
    let termId = this.recentTermIds.get(term);
    if (termId === undefined) {
      if (this.recentTermIds.size >= MAX_RECENT_TERMS) this.recentTermIds.clear();
      termId = this.termIds.get(term) ?? -1;
      this.recentTermIds.set(term, termId);
    }
    return termId < 0 ? undefined : termId;
  }

  /** Every term within `maxDistance` edits of `term`, with its id and its distance. */
  fuzzyTermIds(term: string, maxDistance: number): Map<string, [number, number]> {
    return this.termIds.fuzzyGet(term, maxDistance);
  }

  /** How many passages use a term. */
  passagesWith(termId: number): number {
    return (this.saved.termStarts[termId + 1] ?? 0) - (this.saved.termStarts[termId] ?? 0);
  }

  lengthOf(passage: number): number {
    return this.saved.lengths[passage] ?? 0;
  }

  /** Calls `visit` for each passage using the term, in passage-id order. */
  forEachPosting(termId: number, visit: (passage: number, frequency: number) => void): void {
    const { termStarts, postingPassages, postingFrequencies } = this.saved;
    const end = termStarts[termId + 1] ?? 0;
    for (let i = termStarts[termId] ?? 0; i < end; i++)
      visit(postingPassages[i] ?? 0, postingFrequencies[i] ?? 0);
  }

  /** How often a term occurs in a passage, 0 when it does not; a binary search of the term's postings. */
  frequencyIn(termId: number, passage: number): number {
    const { termStarts, postingPassages, postingFrequencies } = this.saved;
    let low = termStarts[termId] ?? 0;
    let high = (termStarts[termId + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = postingPassages[middle] ?? 0;
      if (found === passage) return postingFrequencies[middle] ?? 0;
      if (found < passage) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }
}
