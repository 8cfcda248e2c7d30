import type { PassageHit, QueryTerms, SearchIndex } from '../search/SearchIndex.ts';
import { MIN_TOPIC_RELATED_SIMILARITY } from './summaryOptions.ts';

/** What stands for one term of a topic or a message in a sentence. */
export interface TermForms {
  weight: number;
  /** The term itself (credit 1) and its close relatives (credit = similarity). */
  forms: Map<string, number>;
  /** Other names for the thing the term is part of ("csto" for the spelled-out name): each must appear whole. */
  alternatives: string[][];
}

/** How much of a topic or message a sentence covers. */
export interface Coverage {
  /** Share (0–1) of the weight of the terms, by rarity. */
  share: number;
  /** How many of the terms it covers. */
  covered: number;
  /** The sentence's terms that did the covering. */
  coveringTerms: Set<string>;
}

/** Which related words may stand for a query term. */
export interface RelatedPolicy {
  minSimilarity: number;
  /** Only for a term the corpus lacks: a paraphrase, never a second reading of a word the corpus has. */
  onlyForAbsent: boolean;
}

/** Topics are short and chosen: close relatives stand for their words. */
const TOPIC_RELATED: RelatedPolicy = {
  minSimilarity: MIN_TOPIC_RELATED_SIMILARITY,
  onlyForAbsent: false,
};

/**
 * For each query term, the corpus terms that stand for it: itself, another name the corpus gives it, and
 * close relatives by their similarity. Looser relatives count for nothing: "contest" is near "protest" in
 * word vectors, but a topic about a song contest is not about the protests.
 */
export function termFormsOf(
  query: QueryTerms,
  index: SearchIndex,
  related: RelatedPolicy = TOPIC_RELATED,
): Map<string, TermForms> {
  const forms = new Map<string, TermForms>();
  for (const term of query.terms) {
    forms.set(term, { weight: index.idf(term), forms: new Map([[term, 1]]), alternatives: [] });
  }
  for (const concept of query.concepts) {
    for (const term of concept.terms) forms.get(term)?.alternatives.push(...concept.alternatives);
  }
  for (const { term, for: queryTerm, similarity } of query.related) {
    if (similarity < related.minSimilarity || (related.onlyForAbsent && index.hasTerm(queryTerm))) continue;
    forms.get(queryTerm)?.forms.set(term, similarity);
  }
  return forms;
}

/** Whether the corpus holds anything that stands for the term. */
export function inCorpus(forms: TermForms, index: SearchIndex): boolean {
  return (
    [...forms.forms.keys()].some((term) => index.hasTerm(term)) ||
    forms.alternatives.some((alternative) => alternative.every((term) => index.hasTerm(term)))
  );
}

/**
 * How much of the query a sentence's terms cover. A query word the corpus lacks (a misspelling) is covered
 * by a fuzzy match the index made for it (`fuzzyForms`) that starts like it.
 */
export function coverageOf(
  terms: readonly string[],
  query: ReadonlyMap<string, TermForms>,
  fuzzyForms: ReadonlySet<string>,
  index: SearchIndex,
): Coverage {
  const present = new Set(terms);
  const coveringTerms = new Set<string>();
  let weightCovered = 0;
  let total = 0;
  let covered = 0;
  for (const [queryTerm, { weight, forms, alternatives }] of query) {
    total += weight;
    let credit = 0;
    for (const alternative of alternatives) {
      if (!alternative.every((term) => present.has(term))) continue;
      credit = 1;
      for (const term of alternative) coveringTerms.add(term);
    }
    for (const term of present) {
      let termCredit = forms.get(term) ?? 0;
      if (!index.hasTerm(queryTerm) && fuzzyForms.has(term) && term.slice(0, 2) === queryTerm.slice(0, 2)) {
        termCredit = 1;
      }
      if (termCredit > 0) coveringTerms.add(term);
      credit = Math.max(credit, termCredit);
    }
    weightCovered += weight * credit;
    if (credit > 0) covered++;
  }
  return { share: total === 0 ? 0 : weightCovered / total, covered, coveringTerms };
}

/** The corpus terms the index matched only by edit distance: misspellings of query words the corpus lacks. */
export function fuzzyFormsOf(hits: readonly PassageHit[], query: QueryTerms): Set<string> {
  const known = new Set([...query.terms, ...query.aliasTerms, ...query.related.map(({ term }) => term)]);
  const fuzzy = new Set<string>();
  for (const hit of hits) for (const term of hit.matchedTerms) if (!known.has(term)) fuzzy.add(term);
  return fuzzy;
}
