import type { Passage, Span } from '../corpus/types.ts';
import { fuzzyDistanceFor } from '../search/indexOptions.ts';
import type { PassageHit, PassageIndex, QueryTerms } from '../search/PassageIndex.ts';
import { normalizeTerm, tokenize } from '../search/textProcessing.ts';
import { type AnswerType, answerEvidence } from './answerTypes.ts';

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
 * A "who", "when", "how many", "where" or "why" question is not answered by a sentence with no name, date,
 * figure, place or cause in it, however many of the question's words it repeats. Measured on paraphrased
 * questions over three corpora: 0.6 answers 4 more of 200 than 0.8, and 0.5 no more than 0.6.
 */
const MISSING_EVIDENCE_FACTOR = 0.6;
/** The weight of a common word the corpus never uses, as a share of a word it uses once. */
const UNKNOWN_WORD_SHARE = 0.5;
/** How much a match through a misspelling counts, against the question's own word. */
const FUZZY_CREDIT = 0.9;
/** The corpus's other name for something the question names ("CSTO" for the spelled-out name). */
const ALTERNATIVE_NAME_CREDIT = 0.95;

// A sentence opening with one of these, perhaps after a linking word ("Thus, he…"), leans on the one before
// it, which is quoted along with it.
const LEANS_ON_PREVIOUS =
  /^[“"‘]?(?:(?:Thus|However|But|And|So|Also|Yet|Still|Meanwhile|Instead|Then|Later|Earlier|Moreover|Furthermore|Nevertheless|In addition|At the same time),?\s+)?(?:it|they|he|she|this|these|those|his|her|their|its|such)\b/i;

/**
 * How much a match through a related word counts. Close relations are paraphrases ("troops" and "soldiers",
 * 0.90), loose ones only share a topic ("election" and "presidential", 0.82): credit falls fast below 0.9.
 */
function relatedCredit(similarity: number): number {
  return Math.min(0.85, Math.max(0, (similarity - 0.6) / 0.36));
}

/**
 * One thing the question asks about: a word, or a name spelled out in several words. Each unit counts once
 * towards coverage, so "Collective Security Treaty Organization" weighs as much as "CSTO", not four times.
 */
interface QuestionUnit {
  weight: number;
  /** For each of the question's own terms, the document terms that stand for it and how much each counts. */
  members: Array<Map<string, number>>;
  /** Other names for the unit, each a set of document terms that must all appear. */
  alternatives: string[][];
}

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

/**
 * The document terms that stand for a question term: itself; the fuzzy matches the index found for a term
 * the corpus lacks (a misspelt name); and related words, each with the credit it earns.
 */
function formsOf(
  term: string,
  query: QueryTerms,
  matched: ReadonlySet<string>,
  index: PassageIndex,
): Map<string, number> {
  const forms = new Map([[term, 1]]);
  if (!index.hasTerm(term)) {
    const limit = fuzzyDistanceFor(term);
    for (const candidate of matched)
      if (editDistanceAtMost(term, candidate, limit)) forms.set(candidate, FUZZY_CREDIT);
  }
  for (const related of query.related) {
    if (related.for === term && (forms.get(related.term) ?? 0) < relatedCredit(related.similarity)) {
      forms.set(related.term, relatedCredit(related.similarity));
    }
  }
  return forms;
}

/**
 * How much a question term weighs: its rarity in the corpus. A term the corpus lacks may still be a
 * paraphrase of a corpus word, as likely as their relation is close: it weighs the blend, so "troops" weighs
 * about what "soldiers" does while "election" keeps most of the weight of a word the corpus never uses.
 */
function weightOf(term: string, query: QueryTerms, index: PassageIndex): number {
  if (index.hasTerm(term)) return index.idf(term);
  let best: { idf: number; credit: number } | undefined;
  for (const related of query.related) {
    const credit = relatedCredit(related.similarity);
    if (related.for === term && (!best || credit > best.credit))
      best = { idf: index.idf(related.term), credit };
  }
  if (!best) {
    // A common word the corpus never uses is as likely the asker's wording ("headed", "size") as a sign
    // that the corpus is about something else; a name the corpus lacks always is.
    const wordOfTheAsker = !query.names.includes(term) && !/^\d/.test(term);
    return index.idf(term) * (wordOfTheAsker ? UNKNOWN_WORD_SHARE : 1);
  }
  const likelihood = best.credit / relatedCredit(1);
  return likelihood * best.idf + (1 - likelihood) * index.idf(term);
}

function questionUnits(query: QueryTerms, hits: readonly PassageHit[], index: PassageIndex): QuestionUnit[] {
  const matched = new Set(hits.flatMap((hit) => hit.matchedTerms));
  const inConcept = new Set(query.concepts.flatMap((concept) => concept.terms));
  const groups = [
    ...query.concepts,
    ...query.terms
      .filter((term) => !inConcept.has(term))
      .map((term) => ({ terms: [term], alternatives: [] })),
  ];
  return groups.map(({ terms, alternatives }) => ({
    weight: Math.max(...terms.map((term) => weightOf(term, query, index))),
    members: terms.map((term) => formsOf(term, query, matched, index)),
    alternatives,
  }));
}

/** The shortest run of positions that contains one of each matched unit, as a 0–1 closeness. */
function proximity(positions: ReadonlyMap<number, number[]>): number {
  if (positions.size < 2) return positions.size;
  const events = [...positions].flatMap(([unit, at]) => at.map((position) => ({ unit, position })));
  events.sort((a, b) => a.position - b.position);
  const counts = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const event of events) {
    counts.set(event.unit, (counts.get(event.unit) ?? 0) + 1);
    while (counts.size === positions.size) {
      const first = events[left];
      if (!first) break;
      best = Math.min(best, event.position - first.position + 1);
      const remaining = (counts.get(first.unit) ?? 1) - 1;
      if (remaining === 0) counts.delete(first.unit);
      else counts.set(first.unit, remaining);
      left++;
    }
  }
  return positions.size / best;
}

// Passages come back question after question; their sentences are reduced to terms once and kept as long as
// the passage is: at most every sentence of the corpus as terms (about 35 MB at 20k passages), gone with the
// corpus after a reload.
const sentenceTermCache = new WeakMap<Passage, Array<Array<string | null>>>();

/** Each sentence of a passage as its index terms (null for stop words), in order. */
function sentenceTermsOf(passage: Passage, text: string): Array<Array<string | null>> {
  let terms = sentenceTermCache.get(passage);
  if (!terms) {
    terms = passage.sentences.map((sentence) =>
      tokenize(text.slice(sentence.start, sentence.end)).map(normalizeTerm),
    );
    sentenceTermCache.set(passage, terms);
  }
  return terms;
}

/** The terms of the last sentence of the paragraph before a hit's, in the same article. */
function lastSentenceTermsBefore(hit: PassageHit): Array<string | null> {
  const before = hit.document.passages[hit.passage.paragraph - 2];
  if (!before || before.paragraph !== hit.passage.paragraph - 1) return [];
  return sentenceTermsOf(before, hit.document.text).at(-1) ?? [];
}

/** How well a sentence's terms cover each unit (0–1), and where each unit's words stand in it. */
function matchUnits(units: readonly QuestionUnit[], sentenceTerms: ReadonlyArray<string | null>) {
  const strength = new Map<number, number>();
  const positions = new Map<number, number[]>();
  const present = new Set(sentenceTerms);
  units.forEach((unit, unitIndex) => {
    const memberCredits = unit.members.map((forms) => {
      let best = 0;
      for (const [form, credit] of forms) if (credit > best && present.has(form)) best = credit;
      return best;
    });
    const ownWords = memberCredits.reduce((sum, credit) => sum + credit, 0) / unit.members.length;
    const otherName = unit.alternatives.some((alternative) => alternative.every((term) => present.has(term)))
      ? ALTERNATIVE_NAME_CREDIT
      : 0;
    const covered = Math.max(ownWords, otherName);
    if (covered === 0) return;
    strength.set(unitIndex, covered);
    const unitTerms = new Set([
      ...unit.members.flatMap((forms) => [...forms.keys()]),
      ...unit.alternatives.flat(),
    ]);
    sentenceTerms.forEach((term, position) => {
      if (term && unitTerms.has(term))
        positions.set(unitIndex, [...(positions.get(unitIndex) ?? []), position]);
    });
  });
  return { strength, positions };
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
  const units = questionUnits(query, hits, index);
  const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0) || 1;
  const topScore = hits[0]?.score ?? 1;
  const candidates: SentenceCandidate[] = [];

  for (const hit of hits) {
    const text = hit.document.text;
    const termsBySentence = sentenceTermsOf(hit.passage, text);
    hit.passage.sentences.forEach((sentence, position) => {
      const sentenceText = text.slice(sentence.start, sentence.end);
      const previous = hit.passage.sentences[position - 1];
      const leansOnPrevious = LEANS_ON_PREVIOUS.test(sentenceText);
      const leans = previous !== undefined && leansOnPrevious;
      // A sentence quoted with the one it leans on is judged on both: "He called the rioters…" answers
      // what Tokayev called them when the sentence before names Tokayev. A paragraph that opens leaning
      // ("These men were sent…") is judged with the last sentence of the paragraph before, but quoted alone.
      const leanedOn = leans
        ? (termsBySentence[position - 1] ?? [])
        : leansOnPrevious && position === 0
          ? lastSentenceTermsBefore(hit)
          : [];
      const judgedTerms = [...leanedOn, ...(termsBySentence[position] ?? [])];
      const { strength, positions } = matchUnits(units, judgedTerms);
      if (strength.size === 0) return;
      const coveredWeight = [...strength].reduce(
        (sum, [unit, credit]) => sum + (units[unit]?.weight ?? 0) * credit,
        0,
      );
      const coverage = Math.min(1, coveredWeight / totalWeight);
      const span = leans ? { start: previous.start, end: sentence.end } : sentence;
      const evidence = answerEvidence(text.slice(span.start, span.end), answerType, question);
      const score =
        (WEIGHTS.coverage * coverage +
          WEIGHTS.passage * (hit.score / topScore) +
          WEIGHTS.proximity * proximity(positions) +
          WEIGHTS.evidence * evidence) *
        (answerType === 'any' || evidence > 0 ? 1 : MISSING_EVIDENCE_FACTOR);
      candidates.push({ hit, span, score, coverage, evidence: evidence > 0 });
    });
  }
  return candidates.sort((a, b) => b.score - a.score);
}
