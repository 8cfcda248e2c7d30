import type { Span } from '../corpus/types.ts';
import { fuzzyDistanceFor } from '../search/indexOptions.ts';
import type { PassageHit, PassageIndex, QueryTerms } from '../search/PassageIndex.ts';
import { normalizeTerm, tokenizeWithOffsets } from '../search/textProcessing.ts';
import { type AnswerType, hasAnswerEvidence } from './answerTypes.ts';

/** A sentence (or two adjacent ones) considered as an answer. */
export interface SentenceCandidate {
  hit: PassageHit;
  span: Span;
  score: number;
  /** Share of the question's weight (by term rarity) the sentence covers, 0–1. */
  coverage: number;
  /** Whether the sentence holds the kind of information asked for (a name, date, figure, place). */
  evidence: boolean;
}

/** How much each signal counts; coverage dominates because an answer must be about what was asked. */
const WEIGHTS = { coverage: 0.6, passage: 0.2, proximity: 0.1, evidence: 0.15 };
/**
 * A "who", "when", "how many" or "where" question is not answered by a sentence with no name, date, figure or
 * place in it, however many of the question's words it repeats.
 */
const MISSING_EVIDENCE_FACTOR = 0.8;

// A sentence opening with one of these leans on the one before it, which is quoted along with it.
const LEANS_ON_PREVIOUS = /^[“"‘]?(It|They|He|She|This|These|Those|His|Her|Their|Its|Such)\b/;

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    if (Math.min(...current) > limit) return false;
    previous = current;
  }
  return (previous[b.length] ?? limit + 1) <= limit;
}

/** How much a match through a misspelling counts, against the question's own word. */
const FUZZY_CREDIT = 0.9;

/**
 * How much a match through a related word counts. Close relations are paraphrases ("troops" and "soldiers",
 * 0.90), loose ones only share a topic ("election" and "presidential", 0.82): credit falls fast below 0.9.
 */
function relatedCredit(similarity: number): number {
  return Math.min(0.85, Math.max(0, (similarity - 0.6) / 0.36));
}

/**
 * Maps each question term to the document terms that stand for it, with how much each counts: itself; the
 * fuzzy matches the index found for a term the corpus lacks (a misspelt name); and related words.
 */
function termVariants(
  query: QueryTerms,
  hits: readonly PassageHit[],
  index: PassageIndex,
): Map<string, Map<string, number>> {
  const matched = new Set(hits.flatMap((hit) => hit.matchedTerms));
  const variants = new Map<string, Map<string, number>>();
  for (const term of [...query.terms, ...query.aliasTerms]) {
    const forms = new Map([[term, 1]]);
    if (!index.hasTerm(term)) {
      for (const candidate of matched) {
        if (editDistanceAtMost(term, candidate, fuzzyDistanceFor(term))) forms.set(candidate, FUZZY_CREDIT);
      }
    }
    variants.set(term, forms);
  }
  for (const related of query.related) {
    const forms = variants.get(related.for);
    const credit = relatedCredit(related.similarity);
    if (forms && (forms.get(related.term) ?? 0) < credit) forms.set(related.term, credit);
  }
  return variants;
}

/** The shortest run of positions that contains one of each matched term, as a 0–1 closeness. */
function proximity(positions: Map<string, number[]>): number {
  const events = [...positions].flatMap(([term, at]) => at.map((position) => ({ term, position })));
  if (positions.size < 2) return positions.size;
  events.sort((a, b) => a.position - b.position);
  const counts = new Map<string, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    counts.set(event.term, (counts.get(event.term) ?? 0) + 1);
    while (counts.size === positions.size) {
      const first = events[left];
      if (!first) break;
      best = Math.min(best, event.position - first.position + 1);
      const remaining = (counts.get(first.term) ?? 1) - 1;
      if (remaining === 0) counts.delete(first.term);
      else counts.set(first.term, remaining);
      left++;
    }
  }
  return positions.size / best;
}

/**
 * Scores every sentence of the best passages: how much of the question's weight it covers, how well its
 * passage ranked, how close together the matched words stand, and whether it holds the kind of
 * information the question asks for (a name, a date, a number, a place).
 */
export function rankSentences(
  question: string,
  query: QueryTerms,
  answerType: AnswerType,
  hits: readonly PassageHit[],
  index: PassageIndex,
): SentenceCandidate[] {
  const variants = termVariants(query, hits, index);
  const aliasTerms = new Set(query.aliasTerms);
  // A question word the corpus lacks may be a paraphrase of a corpus word (as likely as the two are similar)
  // or a subject foreign to the corpus: it weighs the blend, so "troops" weighs about what "soldiers" does
  // while "election" keeps most of the weight of a word the corpus never uses.
  const closest = new Map<string, { idf: number; similarity: number }>();
  for (const related of query.related) {
    const known = closest.get(related.for);
    if (!known || related.similarity > known.similarity) {
      closest.set(related.for, { idf: index.idf(related.term), similarity: related.similarity });
    }
  }
  const idfOf = (term: string) => {
    const counterpart = closest.get(term);
    if (index.hasTerm(term) || !counterpart) return index.idf(term);
    return counterpart.similarity * counterpart.idf + (1 - counterpart.similarity) * index.idf(term);
  };
  const weightOf = (term: string) => idfOf(term) * (aliasTerms.has(term) ? 0.5 : 1);
  // An alias stands in for the question's own words, so it adds reach, not weight to cover.
  const totalWeight = query.terms.reduce((sum, term) => sum + weightOf(term), 0) || 1;
  const topScore = hits[0]?.score ?? 1;
  const candidates: SentenceCandidate[] = [];

  for (const hit of hits) {
    const text = hit.document.text;
    hit.passage.sentences.forEach((sentence, position) => {
      const positions = new Map<string, number[]>();
      const strength = new Map<string, number>();
      tokenizeWithOffsets(text.slice(sentence.start, sentence.end)).forEach((token, tokenPosition) => {
        const term = normalizeTerm(token.surface);
        if (!term) return;
        for (const [queryTerm, forms] of variants) {
          const credit = forms.get(term);
          if (credit === undefined) continue;
          positions.set(queryTerm, [...(positions.get(queryTerm) ?? []), tokenPosition]);
          strength.set(queryTerm, Math.max(strength.get(queryTerm) ?? 0, credit));
        }
      });
      if (positions.size === 0) return;
      const coveredWeight = [...strength].reduce((sum, [term, credit]) => sum + weightOf(term) * credit, 0);
      const covered = Math.min(1, coveredWeight / totalWeight);
      const sentenceText = text.slice(sentence.start, sentence.end);
      const evidence = hasAnswerEvidence(sentenceText, answerType, question) ? 1 : 0;
      const score =
        (WEIGHTS.coverage * covered +
          WEIGHTS.passage * (hit.score / topScore) +
          WEIGHTS.proximity * proximity(positions) +
          WEIGHTS.evidence * evidence) *
        (answerType === 'any' || answerType === 'reason' || evidence ? 1 : MISSING_EVIDENCE_FACTOR);
      const previous = hit.passage.sentences[position - 1];
      const span =
        previous && LEANS_ON_PREVIOUS.test(sentenceText)
          ? { start: previous.start, end: sentence.end }
          : sentence;
      candidates.push({ hit, span, score, coverage: covered, evidence: evidence === 1 });
    });
  }
  return candidates.sort((a, b) => b.score - a.score);
}
