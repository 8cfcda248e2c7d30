import type { Passage, Span } from '../corpus/types.ts';
import { fuzzyDistanceFor } from '../search/indexOptions.ts';
import type { PassageHit, PassageIndex, QueryTerms } from '../search/PassageIndex.ts';
import {
  alternation,
  LEANING_OPENERS,
  LINKING_WORDS,
  NEGATING_PREFIXES,
  NEGATION_WORDS,
} from '../text/lexicon.ts';
import { normalizeTerm, tokenize } from '../text/textProcessing.ts';
import {
  type AnswerModel,
  type ScoredCandidate,
  scoreCandidates,
  shippedAnswerModel,
} from './answerModel.ts';
import { type AnswerType, answerEvidence } from './answerTypes.ts';
import { answerTypeFeatures, type SentenceFeatures } from './sentenceFeatures.ts';

/** A sentence (or two adjacent ones) considered as an answer, with what the answer model made of it. */
export interface SentenceCandidate extends ScoredCandidate {
  hit: PassageHit;
  span: Span;
}

/** The weight of a common word the corpus never uses, as a share of a word it uses once. */
const UNKNOWN_WORD_SHARE = 0.5;
/** How much a match through a misspelling counts, against the question's own word. */
const FUZZY_CREDIT = 0.9;
/** The corpus's other name for something the question names ("CSTO" for the spelled-out name). */
const ALTERNATIVE_NAME_CREDIT = 0.95;

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
function matchUnits(profile: QuestionProfile, sentenceTerms: ReadonlyArray<string | null>) {
  const strength = new Map<number, number>();
  const positions = new Map<number, number[]>();
  const present = new Set(sentenceTerms);
  profile.units.forEach((unit, unitIndex) => {
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
    const unitTerms = profile.unitTerms[unitIndex];
    sentenceTerms.forEach((term, position) => {
      if (term && unitTerms?.has(term))
        positions.set(unitIndex, [...(positions.get(unitIndex) ?? []), position]);
    });
  });
  return { strength, positions };
}

/** The terms each unit stands for: its own forms and the words of its other names. */
function unitTermsOf(unit: QuestionUnit): Set<string> {
  return new Set([...unit.members.flatMap((forms) => [...forms.keys()]), ...unit.alternatives.flat()]);
}

// A question that denies something ("never", "not") is not answered by a sentence that asserts it, nor the
// other way round; both words are stop words, so they are looked for in the text itself.
const NEGATION = new RegExp(`\\b(?:${alternation(NEGATION_WORDS)})\\b|n[’']t\\b`, 'i');

/** Whether a text denies something: "never", "not", "didn't". */
export function denies(text: string): boolean {
  return NEGATION.test(text);
}

/** What is known of the question before any sentence is looked at. */
interface QuestionProfile {
  units: QuestionUnit[];
  unitTerms: Array<Set<string>>;
  /** Every term any unit stands for. */
  anyUnitTerm: Set<string>;
  /** For each question term, the terms that follow it in the question. */
  followers: Map<string, Set<string>>;
  totalWeight: number;
  heaviest: number;
  terms: string[];
  names: string[];
  figures: string[];
  negated: boolean;
  unknownShare: number;
}

function profileOf(question: string, query: QueryTerms, hits: readonly PassageHit[], index: PassageIndex) {
  const units = questionUnits(query, hits, index);
  const unitTerms = units.map(unitTermsOf);
  const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0) || 1;
  // A unit the corpus has no word for at all: a near miss often asks about something the articles never name.
  const unknownWeight = units.reduce(
    (sum, unit, at) =>
      sum + ([...(unitTerms[at] ?? [])].some((term) => index.hasTerm(term)) ? 0 : unit.weight),
    0,
  );
  const followers = new Map<string, Set<string>>();
  query.terms.forEach((term, at) => {
    const next = query.terms[at + 1];
    if (next) followers.set(term, (followers.get(term) ?? new Set()).add(next));
  });
  return {
    units,
    unitTerms,
    anyUnitTerm: new Set(unitTerms.flatMap((terms) => [...terms])),
    followers,
    totalWeight,
    heaviest: Math.max(...units.map((unit) => unit.weight), Number.MIN_VALUE),
    terms: query.terms,
    names: query.names,
    figures: query.terms.filter((term) => /^\d/.test(term)),
    negated: denies(question),
    unknownShare: unknownWeight / totalWeight,
  } satisfies QuestionProfile;
}

const SHORTEST_NEGATED_STEM = 4;

/** Whether a question term the sentence lacks stands in it with a negating prefix added or removed. */
export function holdsOpposite(
  questionTerms: readonly string[],
  present: ReadonlySet<string | null>,
): boolean {
  return questionTerms.some(
    (term) =>
      !present.has(term) &&
      NEGATING_PREFIXES.some(
        (prefix) =>
          (term.startsWith(prefix) &&
            term.length - prefix.length >= SHORTEST_NEGATED_STEM &&
            present.has(term.slice(prefix.length))) ||
          (term.length >= SHORTEST_NEGATED_STEM && present.has(prefix + term)),
      ),
  );
}

/** Share of the question's adjacent term pairs that stand next to each other, in order, in the sentence. */
function adjacentPairs(profile: QuestionProfile, sentenceTerms: readonly string[]): number {
  if (profile.terms.length < 2) return 0;
  const held = new Set<string>();
  for (let at = 0; at + 1 < sentenceTerms.length; at++) {
    const term = sentenceTerms[at] ?? '';
    const next = sentenceTerms[at + 1] ?? '';
    if (profile.followers.get(term)?.has(next)) held.add(`${term} ${next}`);
  }
  return Math.min(1, held.size / (profile.terms.length - 1));
}

/** Share of the question's adjacent unit pairs that the sentence holds in the question's order. */
function orderedPairs(positions: ReadonlyMap<number, number[]>, unitCount: number): number {
  let pairs = 0;
  let inOrder = 0;
  for (let unit = 0; unit + 1 < unitCount; unit++) {
    pairs++;
    const first = positions.get(unit);
    const second = positions.get(unit + 1);
    if (first && second && Math.min(...first) < Math.max(...second)) inOrder++;
  }
  return pairs === 0 ? 0 : inOrder / pairs;
}

// Every term of a passage, kept as long as the passage is, like its sentences' terms.
const passageTermCache = new WeakMap<Passage, Set<string | null>>();

/** Share of the question's weight that no sentence of the passage covers. */
function missingFromPassage(
  profile: QuestionProfile,
  hit: PassageHit,
  passageTerms: ReadonlyArray<ReadonlyArray<string | null>>,
): number {
  let present = passageTermCache.get(hit.passage);
  if (!present) {
    present = new Set(passageTerms.flat());
    passageTermCache.set(hit.passage, present);
  }
  let missing = 0;
  profile.units.forEach((unit, at) => {
    for (const term of profile.unitTerms[at] ?? []) if (present.has(term)) return;
    missing += unit.weight;
  });
  return missing / profile.totalWeight;
}

/**
 * Every sentence of the best passages that shares a word with the question, with what the answer model is
 * told about it and what it made of it, best ranked first.
 */
export function rankSentences(
  question: string,
  query: QueryTerms,
  answerType: AnswerType,
  hits: readonly PassageHit[],
  index: PassageIndex,
  model: AnswerModel = shippedAnswerModel(),
): SentenceCandidate[] {
  const profile = profileOf(question, query, hits, index);
  const topScore = hits[0]?.score || 1;
  const candidates: SentenceCandidate[] = [];

  hits.forEach((hit, rank) => {
    const text = hit.document.text;
    const termsBySentence = sentenceTermsOf(hit.passage, text);
    const absentFromPassage = missingFromPassage(profile, hit, termsBySentence);
    hit.passage.sentences.forEach((sentence, position) => {
      const sentenceText = text.slice(sentence.start, sentence.end);
      const previous = hit.passage.sentences[position - 1];
      const leaning = leansOnPrevious(sentenceText);
      const leans = previous !== undefined && leaning;
      // A sentence quoted with the one it leans on is judged on both: "He called the rioters…" answers
      // what Tokayev called them when the sentence before names Tokayev. A paragraph that opens leaning
      // ("These men were sent…") is judged with the last sentence of the paragraph before, but quoted alone.
      const leanedOn = leans
        ? (termsBySentence[position - 1] ?? [])
        : leaning && position === 0
          ? lastSentenceTermsBefore(hit)
          : [];
      const judgedTerms = [...leanedOn, ...(termsBySentence[position] ?? [])];
      const { strength, positions } = matchUnits(profile, judgedTerms);
      if (strength.size === 0) return;
      let coveredWeight = 0;
      let exactWeight = 0;
      let heaviestMissing = 0;
      let unitsMissing = 0;
      let relatedOnly = 0;
      profile.units.forEach((unit, at) => {
        const credit = strength.get(at) ?? 0;
        coveredWeight += unit.weight * credit;
        if (credit >= 1) exactWeight += unit.weight;
        else if (credit > 0) relatedOnly++;
        else {
          unitsMissing++;
          heaviestMissing = Math.max(heaviestMissing, unit.weight);
        }
      });
      const present = new Set(judgedTerms);
      const sentenceTerms = judgedTerms.filter((term): term is string => term !== null);
      const novel = sentenceTerms.filter((term) => !profile.anyUnitTerm.has(term));
      const span = leans ? { start: previous.start, end: sentence.end } : sentence;
      const quoted = text.slice(span.start, span.end);
      const evidence = answerEvidence(quoted, answerType, question);
      const features: SentenceFeatures = {
        coverage: Math.min(1, coveredWeight / profile.totalWeight),
        exactCoverage: Math.min(1, exactWeight / profile.totalWeight),
        namesHeld:
          profile.names.length === 0
            ? 0
            : profile.names.filter((name) => present.has(name)).length / profile.names.length,
        hasNames: profile.names.length > 0 ? 1 : 0,
        missingRarest: heaviestMissing / profile.heaviest,
        unitsMissing: Math.min(1, unitsMissing / 4),
        unitsByRelatedWordsOnly: relatedOnly / profile.units.length,
        missingFromPassage: absentFromPassage,
        unknownToCorpus: profile.unknownShare,
        orderedPairs: orderedPairs(positions, profile.units.length),
        adjacentPairs: adjacentPairs(profile, sentenceTerms),
        oppositeWord: holdsOpposite(profile.terms, present) ? 1 : 0,
        proximity: proximity(positions),
        numbersMissing:
          profile.figures.length === 0
            ? 0
            : profile.figures.filter((figure) => !present.has(figure)).length / profile.figures.length,
        negationMismatch: profile.negated === denies(quoted) ? 0 : 1,
        passageScore: hit.score / topScore,
        passageRank: 1 / (1 + rank),
        coverageBehindBest: 0,
        novelTerms: sentenceTerms.length === 0 ? 0 : novel.length / sentenceTerms.length,
        length: Math.min(1, sentenceTerms.length / 40),
        evidence,
        ...answerTypeFeatures(answerType, evidence),
        leansOnPrevious: leaning ? 1 : 0,
        firstInParagraph: position === 0 ? 1 : 0,
        earlyInArticle: 1 / hit.passage.paragraph,
        questionUnits: Math.min(1, profile.units.length / 10),
      };
      candidates.push({ hit, span, features, rankScore: 0, confidence: 0 });
    });
  });
  const bestCoverage = Math.max(0, ...candidates.map((candidate) => candidate.features.coverage));
  for (const candidate of candidates)
    candidate.features.coverageBehindBest = bestCoverage - candidate.features.coverage;
  return scoreCandidates(candidates, model);
}
