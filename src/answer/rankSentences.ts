import type { Span } from '../corpus/types.ts';
import { fuzzyDistanceFor } from '../search/indexOptions.ts';
import type { PassageHit, QueryTerms, SearchIndex } from '../search/SearchIndex.ts';
import { NEGATING_PREFIXES } from '../text/lexicon.ts';
import {
  type AnswerModel,
  type ScoredCandidate,
  scoreCandidates,
  shippedAnswerModel,
} from './answerModel.ts';
import { type AnswerType, evidenceFor, namesSomeoneElse } from './answerTypes.ts';
import {
  denies,
  type PassageReading,
  type PassageReadings,
  readingsOf,
  type TermMarks,
} from './passageReadings.ts';
import { FEATURE, FEATURE_NAMES, type FeatureVector, setAnswerTypeFeatures } from './sentenceFeatures.ts';

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
  index: SearchIndex,
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
function weightOf(term: string, query: QueryTerms, index: SearchIndex): number {
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

function questionUnits(query: QueryTerms, hits: readonly PassageHit[], index: SearchIndex): QuestionUnit[] {
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

/**
 * Where the words of each unit a sentence covers stand in it, by unit; none for a unit it does not cover or
 * whose words stand nowhere in it.
 */
type UnitPlaces = ReadonlyArray<readonly number[] | undefined>;

/** The shortest run of positions that contains one of each matched unit, as a 0–1 closeness. */
function proximity(positions: UnitPlaces): number {
  let matched = 0;
  let eventCount = 0;
  for (const places of positions) {
    if (!places) continue;
    matched++;
    eventCount += places.length;
  }
  if (matched < 2) return matched;
  // Each word's place, unit by unit, sorted by position and then by that order: as a stable sort would. Plain
  // arrays of small integers: a typed array costs more to make than these few entries cost to sort.
  const unitOf: number[] = [];
  const positionOf: number[] = [];
  const order: number[] = [];
  positions.forEach((places, unit) => {
    for (const position of places ?? []) {
      order.push(position * eventCount + unitOf.length);
      unitOf.push(unit);
      positionOf.push(position);
    }
  });
  order.sort((a, b) => a - b);
  const counts: number[] = new Array(positions.length).fill(0);
  let held = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const key of order) {
    const last = key % eventCount;
    const unit = unitOf[last] ?? 0;
    counts[unit] = (counts[unit] ?? 0) + 1;
    if (counts[unit] === 1) held++;
    while (held === matched) {
      const first = (order[left] ?? 0) % eventCount;
      best = Math.min(best, (positionOf[last] ?? 0) - (positionOf[first] ?? 0) + 1);
      const firstUnit = unitOf[first] ?? 0;
      counts[firstUnit] = (counts[firstUnit] ?? 0) - 1;
      if (counts[firstUnit] === 0) held--;
      left++;
    }
  }
  return matched / best;
}

/** The terms each unit stands for: its own forms and the words of its other names. */
function unitTermsOf(unit: QuestionUnit): Set<string> {
  return new Set([...unit.members.flatMap((forms) => [...forms.keys()]), ...unit.alternatives.flat()]);
}

/** What a document term does for the question. */
interface TermRole {
  term: string;
  /** The member slots (see `QuestionProfile.firstMember`) it stands for, each with the credit it earns. */
  credits: Array<[slot: number, credit: number]>;
  /** The units it belongs to, in order. */
  units: number[];
  /** Whether some feature asks if a sentence holds it. */
  watched: boolean;
  /** For a question term, the terms that follow it in the question. */
  followers: Set<string> | undefined;
}

/** What is known of the question before any sentence is looked at. */
interface QuestionProfile {
  units: QuestionUnit[];
  /** Every term any unit stands for or some feature asks about, with what it does for the question. */
  roles: Map<string, TermRole>;
  /** Where each unit's members start among the member slots, one slot per member of every unit in turn. */
  firstMember: number[];
  memberCount: number;
  /** Each question term with the forms that say its opposite (see `holdsOpposite`). */
  opposites: Array<[string, string[]]>;
  totalWeight: number;
  heaviest: number;
  terms: string[];
  names: string[];
  figures: string[];
  negated: boolean;
  unknownShare: number;
}

/**
 * What each term does for the question. `watched` are the terms whose presence in a sentence some feature asks
 * about: the names, figures and terms of the question, their opposites, and the words of other names.
 */
function rolesOf(
  units: readonly QuestionUnit[],
  unitTerms: ReadonlyArray<ReadonlySet<string>>,
  watched: Iterable<string>,
  followers: ReadonlyMap<string, Set<string>>,
) {
  const roles = new Map<string, TermRole>();
  const roleOf = (term: string) => {
    let role = roles.get(term);
    if (!role) {
      role = { term, credits: [], units: [], watched: false, followers: undefined };
      roles.set(term, role);
    }
    return role;
  };
  for (const term of watched) roleOf(term).watched = true;
  for (const [term, next] of followers) roleOf(term).followers = next;
  const firstMember: number[] = [];
  let slot = 0;
  units.forEach((unit, at) => {
    firstMember.push(slot);
    for (const forms of unit.members) {
      for (const [form, credit] of forms) roleOf(form).credits.push([slot, credit]);
      slot++;
    }
    for (const term of unitTerms[at] ?? []) roleOf(term).units.push(at);
  });
  return { roles, firstMember, memberCount: slot };
}

function profileOf(
  question: string,
  query: QueryTerms,
  hits: readonly PassageHit[],
  index: SearchIndex,
): QuestionProfile {
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
  const figures = query.terms.filter((term) => /^\d/.test(term));
  const opposites = query.terms.map((term): [string, string[]] => [term, oppositeForms(term)]);
  return {
    units,
    ...rolesOf(
      units,
      unitTerms,
      [
        ...query.terms,
        ...query.names,
        ...opposites.flatMap(([, forms]) => forms),
        ...units.flatMap((unit) => unit.alternatives.flat()),
      ],
      followers,
    ),
    opposites,
    totalWeight,
    heaviest: Math.max(...units.map((unit) => unit.weight), Number.MIN_VALUE),
    terms: query.terms,
    names: query.names,
    figures,
    negated: denies(question),
    unknownShare: unknownWeight / totalWeight,
  };
}

const SHORTEST_NEGATED_STEM = 4;

/** The forms that say the opposite of a term: it with a negating prefix removed ("tended") or added ("untended"). */
function oppositeForms(term: string): string[] {
  const forms: string[] = [];
  for (const prefix of NEGATING_PREFIXES) {
    if (term.startsWith(prefix) && term.length - prefix.length >= SHORTEST_NEGATED_STEM)
      forms.push(term.slice(prefix.length));
    if (term.length >= SHORTEST_NEGATED_STEM) forms.push(prefix + term);
  }
  return forms;
}

function holdsOppositeForm(
  opposites: ReadonlyArray<readonly [string, readonly string[]]>,
  present: ReadonlySet<string | null>,
): boolean {
  return opposites.some(([term, forms]) => !present.has(term) && forms.some((form) => present.has(form)));
}

/** Whether a question term the sentence lacks stands in it with a negating prefix added or removed. */
export function holdsOpposite(
  questionTerms: readonly string[],
  present: ReadonlySet<string | null>,
): boolean {
  return holdsOppositeForm(
    questionTerms.map((term) => [term, oppositeForms(term)]),
    present,
  );
}

function lowest(values: readonly number[]): number {
  let found = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < found) found = value;
  return found;
}

function highest(values: readonly number[]): number {
  let found = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > found) found = value;
  return found;
}

/** Share of the question's adjacent unit pairs that the sentence holds in the question's order. */
function orderedPairs(positions: UnitPlaces, unitCount: number): number {
  let pairs = 0;
  let inOrder = 0;
  for (let unit = 0; unit + 1 < unitCount; unit++) {
    pairs++;
    const first = positions[unit];
    const second = positions[unit + 1];
    if (first && second && lowest(first) < highest(second)) inOrder++;
  }
  return pairs === 0 ? 0 : inOrder / pairs;
}

/**
 * What one candidate sentence holds of the question, read term by term: its terms are those of the sentence it
 * leans on, if any, then its own. One is kept per question and reset for each sentence.
 */
class SentenceMatch {
  /** For each member slot, the best credit a term of the sentence earns it. */
  private readonly best: Float64Array;
  /** How well the sentence covers each unit, 0–1, once `cover` has worked it out. */
  readonly strength: Float64Array;
  /** For each unit, where its terms stand among the sentence's words. */
  private readonly places: number[][];
  /** `places` for the units the sentence covers, as `positions` last gave them. */
  private readonly placesHeld: Array<number[] | undefined> = [];
  /** The watched terms the sentence holds. */
  readonly present = new Set<string>();
  /** The question's adjacent term pairs that stand next to each other, in order, in the sentence. */
  readonly heldPairs = new Set<string>();
  /** Content terms, and those of them no unit stands for. */
  termCount = 0;
  novelCount = 0;
  private previousRole: TermRole | undefined;
  private wordsBefore = 0;
  /** The units that some sentence of the passage read with `ofPassage` has a term of. */
  private readonly inPassage: Uint8Array;

  constructor(
    private readonly profile: QuestionProfile,
    private readonly roles: TermMarks<TermRole>,
  ) {
    this.best = new Float64Array(profile.memberCount);
    this.places = profile.units.map(() => []);
    this.inPassage = new Uint8Array(profile.units.length);
    this.strength = new Float64Array(profile.units.length);
  }

  /** Starts on a new passage. */
  resetPassage(): void {
    this.inPassage.fill(0);
  }

  /** Share of the question's weight that no sentence of the passage read so far has a term of. */
  missingFromPassage(): number {
    let missing = 0;
    this.profile.units.forEach((unit, at) => {
      if (!this.inPassage[at]) missing += unit.weight;
    });
    return missing / this.profile.totalWeight;
  }

  reset(): void {
    this.best.fill(0);
    for (const places of this.places) places.length = 0;
    this.present.clear();
    this.heldPairs.clear();
    this.termCount = 0;
    this.novelCount = 0;
    this.previousRole = undefined;
    this.wordsBefore = 0;
  }

  /**
   * Reads one sentence of a passage, after whatever was read since the last reset; `ofPassage` when it is a
   * sentence of the passage being ranked, not one read along from the paragraph before.
   */
  read(reading: PassageReading, sentence: number, ofPassage: boolean): void {
    const end = reading.endTerm(sentence);
    for (let at = reading.firstTerm(sentence); at < end; at++) {
      this.termCount++;
      const role = this.roles.at(reading.termNumber(at));
      // Only question terms follow question terms, and every question term has a role.
      if (role && this.previousRole?.followers?.has(role.term))
        this.heldPairs.add(`${this.previousRole.term} ${role.term}`);
      this.previousRole = role;
      if (!role || role.units.length === 0) this.novelCount++;
      if (!role) continue;
      if (role.watched) this.present.add(role.term);
      for (const [slot, credit] of role.credits)
        if (credit > (this.best[slot] ?? 0)) this.best[slot] = credit;
      const place = this.wordsBefore + reading.place(at);
      for (const unit of role.units) {
        this.places[unit]?.push(place);
        if (ofPassage) this.inPassage[unit] = 1;
      }
    }
    this.wordsBefore += reading.words(sentence);
  }

  /** How well the sentence covers each unit, 0–1, and says how many it covers at all. */
  cover(): number {
    const { units, firstMember } = this.profile;
    let covering = 0;
    units.forEach((unit, at) => {
      const first = firstMember[at] ?? 0;
      let credits = 0;
      for (let member = 0; member < unit.members.length; member++) credits += this.best[first + member] ?? 0;
      const ownWords = credits / unit.members.length;
      let otherName = 0;
      for (const alternative of unit.alternatives)
        if (alternative.every((term) => this.present.has(term))) otherName = ALTERNATIVE_NAME_CREDIT;
      const covered = Math.max(ownWords, otherName);
      this.strength[at] = covered;
      if (covered !== 0) covering++;
    });
    return covering;
  }

  /** Where the words of each unit the sentence covers stand in it; only after `cover`. */
  positions(): UnitPlaces {
    this.placesHeld.length = 0;
    this.places.forEach((places, at) => {
      this.placesHeld.push(this.strength[at] !== 0 && places.length > 0 ? places : undefined);
    });
    return this.placesHeld;
  }
}

/** How many of `terms` a sentence holds. */
function countIn(terms: readonly string[], present: ReadonlySet<string>): number {
  let count = 0;
  for (const term of terms) if (present.has(term)) count++;
  return count;
}

/** Candidates that share a block per this many: making a typed array costs more than filling its 38 numbers. */
const VECTORS_PER_BLOCK = 64;

/** Feature vectors for one question's candidates, handed out as views of shared blocks. */
class FeatureVectors {
  private block = new Float64Array(0);
  private used = 0;

  next(): FeatureVector {
    const width = FEATURE_NAMES.length;
    if (this.used + width > this.block.length) {
      this.block = new Float64Array(VECTORS_PER_BLOCK * width);
      this.used = 0;
    }
    this.used += width;
    return this.block.subarray(this.used - width, this.used);
  }
}

/** The reading of the passage before a hit's, when it is the paragraph just before in the same article. */
function readingBefore(readings: PassageReadings, hit: PassageHit): PassageReading | undefined {
  const before = hit.document.passages[hit.passage.paragraph - 2];
  if (!before || before.paragraph !== hit.passage.paragraph - 1) return undefined;
  return readings.reading(hit.document, before);
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
  index: SearchIndex,
  model: AnswerModel = shippedAnswerModel(),
): SentenceCandidate[] {
  const profile = profileOf(question, query, hits, index);
  const candidates: SentenceCandidate[] = [];

  const readings = readingsOf(index);
  readings.startQuestion();
  // Every passage is read before the question's terms are marked: the marks cover the terms read so far.
  const read = hits.map((hit) => {
    const reading = readings.reading(hit.document, hit.passage);
    return { reading, before: reading.leaning(0) ? readingBefore(readings, hit) : undefined };
  });
  const roles = readings.mark(profile.roles);
  try {
    rankInPassages(profile, hits, read, new SentenceMatch(profile, roles), answerType, question, candidates);
  } finally {
    roles.release();
  }
  let bestCoverage = 0;
  for (const { features } of candidates)
    bestCoverage = Math.max(bestCoverage, features[FEATURE.coverage] ?? 0);
  for (const { features } of candidates)
    features[FEATURE.coverageBehindBest] = bestCoverage - (features[FEATURE.coverage] ?? 0);
  return scoreCandidates(candidates, model);
}

/** The candidates among the sentences of the hits, added to `candidates` with their features. */
function rankInPassages(
  profile: QuestionProfile,
  hits: readonly PassageHit[],
  read: ReadonlyArray<{ reading: PassageReading; before: PassageReading | undefined }>,
  match: SentenceMatch,
  answerType: AnswerType,
  question: string,
  candidates: SentenceCandidate[],
): void {
  const topScore = hits[0]?.score || 1;
  const vectors = new FeatureVectors();
  const askedLowerCase = question.toLowerCase();
  const evidenceOf = evidenceFor(answerType, question);
  hits.forEach((hit, rank) => {
    const text = hit.document.text;
    const reading = read[rank]?.reading;
    if (!reading) return;
    const fromPassage = candidates.length;
    match.resetPassage();
    hit.passage.sentences.forEach((sentence, position) => {
      const previous = hit.passage.sentences[position - 1];
      const leaning = reading.leaning(position);
      const leans = previous !== undefined && leaning;
      // A sentence quoted with the one it leans on is judged on both: "He called the rioters…" answers
      // what Tokayev called them when the sentence before names Tokayev. A paragraph that opens leaning
      // ("These men were sent…") is judged with the last sentence of the paragraph before, but quoted alone.
      match.reset();
      if (leans) match.read(reading, position - 1, true);
      else if (leaning && position === 0) {
        const before = read[rank]?.before;
        if (before && before.sentenceCount > 0) match.read(before, before.sentenceCount - 1, false);
      }
      match.read(reading, position, true);
      if (match.cover() === 0) return;
      const positions = match.positions();
      let coveredWeight = 0;
      let exactWeight = 0;
      let heaviestMissing = 0;
      let unitsMissing = 0;
      let relatedOnly = 0;
      profile.units.forEach((unit, at) => {
        const credit = match.strength[at] ?? 0;
        coveredWeight += unit.weight * credit;
        if (credit >= 1) exactWeight += unit.weight;
        else if (credit > 0) relatedOnly++;
        else {
          unitsMissing++;
          heaviestMissing = Math.max(heaviestMissing, unit.weight);
        }
      });
      const present = match.present;
      const span = leans ? { start: previous.start, end: sentence.end } : sentence;
      // Who a quote names is read once per passage; whether the question names them too, for each question.
      const evidence =
        answerType === 'person'
          ? namesSomeoneElse(reading.peopleNamed(position), askedLowerCase)
            ? 1
            : 0
          : evidenceOf(text.slice(span.start, span.end));
      const features = vectors.next();
      features[FEATURE.coverage] = Math.min(1, coveredWeight / profile.totalWeight);
      features[FEATURE.exactCoverage] = Math.min(1, exactWeight / profile.totalWeight);
      features[FEATURE.namesHeld] =
        profile.names.length === 0 ? 0 : countIn(profile.names, present) / profile.names.length;
      features[FEATURE.hasNames] = profile.names.length > 0 ? 1 : 0;
      features[FEATURE.missingRarest] = heaviestMissing / profile.heaviest;
      features[FEATURE.unitsMissing] = Math.min(1, unitsMissing / 4);
      features[FEATURE.unitsByRelatedWordsOnly] = relatedOnly / profile.units.length;
      // missingFromPassage is set once every sentence of the passage is read, coverageBehindBest once every
      // passage is.
      features[FEATURE.unknownToCorpus] = profile.unknownShare;
      features[FEATURE.orderedPairs] = orderedPairs(positions, profile.units.length);
      features[FEATURE.adjacentPairs] =
        profile.terms.length < 2 ? 0 : Math.min(1, match.heldPairs.size / (profile.terms.length - 1));
      features[FEATURE.oppositeWord] = holdsOppositeForm(profile.opposites, present) ? 1 : 0;
      features[FEATURE.proximity] = proximity(positions);
      features[FEATURE.numbersMissing] =
        profile.figures.length === 0
          ? 0
          : (profile.figures.length - countIn(profile.figures, present)) / profile.figures.length;
      features[FEATURE.negationMismatch] = profile.negated === reading.quoteDenies(position) ? 0 : 1;
      features[FEATURE.passageScore] = hit.score / topScore;
      features[FEATURE.passageRank] = 1 / (1 + rank);
      features[FEATURE.novelTerms] = match.termCount === 0 ? 0 : match.novelCount / match.termCount;
      features[FEATURE.length] = Math.min(1, match.termCount / 40);
      features[FEATURE.evidence] = evidence;
      setAnswerTypeFeatures(features, answerType, evidence);
      features[FEATURE.leansOnPrevious] = leaning ? 1 : 0;
      features[FEATURE.firstInParagraph] = position === 0 ? 1 : 0;
      features[FEATURE.earlyInArticle] = 1 / hit.passage.paragraph;
      features[FEATURE.questionUnits] = Math.min(1, profile.units.length / 10);
      candidates.push({ hit, span, features, rankScore: 0, confidence: 0 });
    });
    const absentFromPassage = match.missingFromPassage();
    for (let at = fromPassage; at < candidates.length; at++) {
      const features = candidates[at]?.features;
      if (features) features[FEATURE.missingFromPassage] = absentFromPassage;
    }
  });
}
