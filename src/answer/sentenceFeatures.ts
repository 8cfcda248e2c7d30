import type { AnswerType } from './answerTypes.ts';

/** Answer types in a fixed order, for the one-hot and per-type evidence features. */
const ANSWER_TYPES: readonly AnswerType[] = [
  'person',
  'date',
  'number',
  'place',
  'list',
  'reason',
  'any',
] as const;

/**
 * What the answer model is told about one candidate sentence, in the order of its weights. Every signal is
 * scaled to roughly 0–1 so that one weight table serves corpora of any size.
 */
const SENTENCE_SIGNALS = [
  // How much of the question the sentence is about.
  'coverage',
  'exactCoverage',
  'namesHeld',
  'hasNames',
  'missingRarest',
  'unitsMissing',
  'unitsByRelatedWordsOnly',
  'missingFromPassage',
  'unknownToCorpus',
  'orderedPairs',
  'adjacentPairs',
  'oppositeWord',
  'proximity',
  'numbersMissing',
  'negationMismatch',
  // How well its passage ranked among the candidates.
  'passageScore',
  'passageRank',
  'coverageBehindBest',
  // What the sentence holds beyond the question.
  'novelTerms',
  'length',
  'evidence',
  // Where it stands.
  'leansOnPrevious',
  'firstInParagraph',
  'earlyInArticle',
  'questionUnits',
] as const;

type TypeFeature = `type:${AnswerType}`;
type TypeEvidenceFeature = `evidence:${Exclude<AnswerType, 'any'>}`;
export type FeatureName = (typeof SENTENCE_SIGNALS)[number] | TypeFeature | TypeEvidenceFeature;

/** Every feature, in the order of the model's weights. */
export const FEATURE_NAMES: readonly FeatureName[] = [
  ...SENTENCE_SIGNALS,
  ...ANSWER_TYPES.map((type): TypeFeature => `type:${type}`),
  ...ANSWER_TYPES.flatMap((type): TypeEvidenceFeature[] => (type === 'any' ? [] : [`evidence:${type}`])),
];

/** Where each feature stands in a feature vector. */
export const FEATURE = Object.fromEntries(FEATURE_NAMES.map((name, at) => [name, at])) as Record<
  FeatureName,
  number
>;

/**
 * A candidate's features in FEATURE_NAMES order, as the tree walks read them. Filled in place by position: a
 * record of forty named numbers built and then copied for every candidate sentence cost more than the trees.
 */
export type FeatureVector = Float64Array;

// The positions are worked out once: every candidate sentence of every question sets these features.
const TYPE_FEATURES = ANSWER_TYPES.map((type) => ({
  type,
  typeAt: FEATURE[`type:${type}`],
  evidenceAt: type === 'any' ? -1 : FEATURE[`evidence:${type}`],
}));

/** Sets the one-hot answer type and per-type evidence features, which let each kind of question weigh evidence alike. */
export function setAnswerTypeFeatures(vector: FeatureVector, type: AnswerType, evidence: number): void {
  for (const { type: each, typeAt, evidenceAt } of TYPE_FEATURES) {
    vector[typeAt] = each === type ? 1 : 0;
    if (evidenceAt >= 0) vector[evidenceAt] = each === type ? evidence : 0;
  }
}
