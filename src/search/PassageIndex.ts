import type { Corpus, CorpusDocument, Passage } from '../corpus/types.ts';
import { findAcronyms } from '../text/findAcronyms.ts';
import { PHRASAL_SIMILARITY, phrasalEquivalents } from '../text/phrasalVerbs.ts';
import { type RelatedTerm, relatedTermsOf } from '../text/relatedTerms.ts';
import { normalizeTerm, STOP_WORDS, tokenize } from '../text/textProcessing.ts';
import { InvertedIndex, type SavedPostings } from './InvertedIndex.ts';
import {
  ALIAS_TERM_WEIGHT,
  fuzzyDistanceFor,
  INDEX_FORMAT,
  MAX_RELATED_TERM_SHARE,
  MIN_RELATED_SIMILARITY,
  PASSAGE_SCORING,
  RELATED_PER_TERM,
  RELATED_TERM_PASSAGES_FLOOR,
  RELATED_TERM_WEIGHT,
  TERM_PROCESSING,
} from './indexOptions.ts';
import type { PassageHit, QueryConcept, QueryTerms, RelatedQueryTerm, SearchIndex } from './SearchIndex.ts';
import { TopPassageSearch } from './TopPassageSearch.ts';

/** A question longer than this many distinct words is a paste, not a question; the rest is ignored. */
const MAX_QUERY_TERMS = 40;

/**
 * The parts of an index that are costly to compute and are saved in a snapshot; exported in parsed form for
 * callers that assemble it in pieces rather than parse one long string on a busy thread.
 */
export interface IndexSnapshot {
  format: string;
  corpusVersion: string;
  aliases: Array<[string, string[]]>;
  postings: SavedPostings;
}

/** How many passages a corpus has: the ids an index over it uses. */
function passageCountOf(corpus: Corpus): number {
  return corpus.documents.reduce((sum, document) => sum + document.passages.length, 0);
}

/**
 * Names the corpus defines for one another, each name as space-joined terms: "csto" → ["collect secur treati
 * organ"], and the spelled-out name → ["cto", "csto"].
 */
function collectAliases(documents: readonly CorpusDocument[]): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const known = aliases.get(from) ?? [];
    if (!known.includes(to)) aliases.set(from, [...known, to]);
  };
  for (const document of documents) {
    for (const { acronym, expansion } of findAcronyms(document.text)) {
      const acronymTerm = normalizeTerm(acronym);
      const expansionTerms = expansion.map(normalizeTerm).filter((term): term is string => term !== null);
      if (!acronymTerm || expansionTerms.length === 0) continue;
      link(acronymTerm, expansionTerms.join(' '));
      link(expansionTerms.join(' '), acronymTerm);
    }
  }
  return aliases;
}

/**
 * The inverted index over a corpus's passages. It keeps only passage ids; passage text and offsets stay in
 * the corpus, so every hit can be quoted verbatim.
 */
export class PassageIndex implements SearchIndex {
  private readonly passages: Passage[];
  private readonly documents: Map<string, CorpusDocument>;
  private readonly topPassages: TopPassageSearch;

  private constructor(
    readonly corpus: Corpus,
    private readonly postings: InvertedIndex,
    private readonly aliases: Map<string, string[]>,
  ) {
    this.passages = corpus.documents.flatMap((document) => document.passages);
    this.documents = new Map(corpus.documents.map((document) => [document.id, document]));
    this.topPassages = new TopPassageSearch(postings, PASSAGE_SCORING);
  }

  /** Indexes every passage of the corpus. */
  static build(corpus: Corpus): PassageIndex {
    const texts = corpus.documents.flatMap((document) =>
      document.passages.map((passage) => document.text.slice(passage.start, passage.end)),
    );
    return new PassageIndex(
      corpus,
      InvertedIndex.build(texts, TERM_PROCESSING),
      collectAliases(corpus.documents),
    );
  }

  /**
   * Restores an index saved by `snapshot`, or returns `undefined` if it was built from other content or code.
   * A snapshot that does not hold together throws `MalformedPostingsError`. A caller on a busy event loop
   * asks for `yielding`, which is slower overall but lets other work run in between.
   */
  static async fromSnapshot(
    corpus: Corpus,
    snapshot: IndexSnapshot,
    options: { yielding?: boolean } = {},
  ): Promise<PassageIndex | undefined> {
    if (!PassageIndex.isSnapshotOf(snapshot, corpus)) return undefined;
    const postings = await InvertedIndex.restore(snapshot.postings, passageCountOf(corpus), {
      yielding: options.yielding ?? false,
    });
    return new PassageIndex(corpus, postings, new Map(snapshot.aliases));
  }

  /** Whether a snapshot was saved for this corpus content by code that makes the same terms. */
  static isSnapshotOf(snapshot: IndexSnapshot, corpus: Corpus): boolean {
    return snapshot.format === INDEX_FORMAT && snapshot.corpusVersion === corpus.version;
  }

  /** The key a snapshot of this corpus is stored under: content and text processing both change it. */
  static snapshotKey(corpus: Corpus): string {
    return `${corpus.version}-${INDEX_FORMAT}`;
  }

  /** What a snapshot holds; its arrays are the index's own and must not be changed. */
  snapshot(): IndexSnapshot {
    return {
      format: INDEX_FORMAT,
      corpusVersion: this.corpus.version,
      aliases: [...this.aliases],
      postings: this.postings.save(),
    };
  }

  get passageCount(): number {
    return this.passages.length;
  }

  get termCount(): number {
    return this.postings.termCount;
  }

  document(id: string): CorpusDocument | undefined {
    return this.documents.get(id);
  }

  passageText(passage: Passage): string {
    return this.documents.get(passage.docId)?.text.slice(passage.start, passage.end) ?? '';
  }

  /** Inverse document frequency, smoothed so a term the corpus lacks weighs the most. */
  idf(term: string): number {
    const frequency = this.topPassages.passagesWith(term);
    return Math.log(1 + (this.passages.length + 1) / (frequency + 0.5));
  }

  hasTerm(term: string): boolean {
    return this.topPassages.passagesWith(term) > 0;
  }

  /**
   * Reduces free text to index terms, and adds the acronym aliases the corpus defines and the corpus terms
   * closest in meaning to the question's common words. Names are never widened: "France" must mean France.
   */
  queryTerms(text: string): QueryTerms {
    const terms: string[] = [];
    const widenable = new Set<string>();
    tokenize(text).forEach((surface, position) => {
      const term = normalizeTerm(surface);
      if (!term || terms.includes(term) || terms.length >= MAX_QUERY_TERMS) return;
      terms.push(term);
      if (position === 0 || !/^\p{Lu}/u.test(surface)) widenable.add(term);
    });
    const concepts = this.conceptsIn(terms);
    const aliasTerms = new Set(concepts.flatMap((concept) => concept.alternatives.flat()));
    for (const term of terms) aliasTerms.delete(term);
    return {
      terms,
      concepts,
      aliasTerms: [...aliasTerms],
      related: this.relatedInCorpus([...widenable], terms, text),
      names: terms.filter((term) => !widenable.has(term)),
    };
  }

  /** The names in a question that the corpus also writes another way (an acronym, or its spelled-out name). */
  private conceptsIn(terms: readonly string[]): QueryConcept[] {
    const concepts: QueryConcept[] = [];
    for (const [name, alternatives] of this.aliases) {
      const nameTerms = name.split(' ');
      if (!nameTerms.every((term) => terms.includes(term))) continue;
      if (concepts.some((concept) => nameTerms.some((term) => concept.terms.includes(term)))) continue;
      concepts.push({
        terms: nameTerms,
        alternatives: alternatives.map((alternative) => alternative.split(' ')),
      });
    }
    return concepts;
  }

  private relatedInCorpus(
    widenable: readonly string[],
    terms: readonly string[],
    text: string,
  ): RelatedQueryTerm[] {
    // A related word most passages use tells little and costs the most to look up: leave it out.
    const mostPassages = Math.max(RELATED_TERM_PASSAGES_FLOOR, this.passages.length * MAX_RELATED_TERM_SHARE);
    const useful = (candidate: RelatedTerm) => {
      const passages = this.topPassages.passagesWith(candidate.term);
      return (
        candidate.similarity >= MIN_RELATED_SIMILARITY &&
        !terms.includes(candidate.term) &&
        !STOP_WORDS.has(candidate.term) &&
        passages > 0 &&
        passages <= mostPassages
      );
    };
    // A phrasal verb's single-verb equivalents come first: "pull out" means "withdraw" more surely than
    // anything near "pull" alone.
    const phrasal = new Map(
      phrasalEquivalents(text).map(({ term, equivalents }) => [
        term,
        equivalents.map((equivalent) => ({ term: equivalent, similarity: PHRASAL_SIMILARITY })),
      ]),
    );
    return widenable.flatMap((term) =>
      [...(phrasal.get(term) ?? []), ...relatedTermsOf(term)]
        .filter(useful)
        .filter((candidate, rank, all) => all.findIndex((other) => other.term === candidate.term) === rank)
        .slice(0, RELATED_PER_TERM)
        .map((candidate) => ({ term: candidate.term, for: term, similarity: candidate.similarity })),
    );
  }

  /**
   * Ranks passages for a query; fuzzy matching applies only to terms the corpus does not contain. `exhaustive`
   * scores every posting instead of pruning, for the same result: a reference to measure against.
   */
  search(query: QueryTerms, limit: number, { exhaustive = false } = {}): PassageHit[] {
    const boosts = new Map<string, number>(query.terms.map((term) => [term, 1]));
    for (const alias of query.aliasTerms) boosts.set(alias, ALIAS_TERM_WEIGHT);
    for (const { term, similarity } of query.related) {
      boosts.set(term, Math.max(boosts.get(term) ?? 0, similarity * RELATED_TERM_WEIGHT));
    }
    const lookedUp = [...boosts].map(([term, boost]) => ({
      term,
      boost,
      fuzzyDistance: this.hasTerm(term) ? 0 : fuzzyDistanceFor(term),
    }));
    const found = exhaustive
      ? this.topPassages.searchExhaustive(lookedUp, limit)
      : this.topPassages.search(lookedUp, limit);
    return found.flatMap((result) => {
      const passage = this.passages[result.id];
      const document = passage && this.documents.get(passage.docId);
      if (!passage || !document) return [];
      return [{ passage, document, score: result.score, matchedTerms: result.terms }];
    });
  }
}
