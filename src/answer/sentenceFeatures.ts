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

/** A candidate's features by name; `toVector` puts them in the model's order. */
export type SentenceFeatures = Record<FeatureName, number>;

/** The features as a vector in FEATURE_NAMES order. */
export function toVector(features: SentenceFeatures): number[] {
  return Array.from(toFeatureArray(features));
}

/** The features as a typed array in FEATURE_NAMES order, which the tree walks read as plain doubles. */
export function toFeatureArray(features: SentenceFeatures): Float64Array {
  const vector = new Float64Array(FEATURE_NAMES.length);
  FEATURE_NAMES.forEach((name, at) => {
    vector[at] = features[name];
  });
  return vector;
}

// The names are made once: every candidate sentence of every question sets these features.
const TYPE_FEATURE_NAMES = ANSWER_TYPES.map((type) => ({
  type,
  typeName: `type:${type}` as const,
  evidenceName: type === 'any' ? undefined : (`evidence:${type}` as const),
}));

/** The one-hot answer type and per-type evidence features, which let each kind of question weigh evidence alike. */
export function answerTypeFeatures(
  type: AnswerType,
  evidence: number,
): Record<TypeFeature | TypeEvidenceFeature, number> {
  const features = {} as Record<TypeFeature | TypeEvidenceFeature, number>;
  for (const { type: each, typeName, evidenceName } of TYPE_FEATURE_NAMES) {
    features[typeName] = each === type ? 1 : 0;
    if (evidenceName) features[evidenceName] = each === type ? evidence : 0;
  }
  return features;
}
