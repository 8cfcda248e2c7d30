import fitted from './answerModel.json' with { type: 'json' };
import { FEATURE_NAMES, type FeatureVector } from './sentenceFeatures.ts';

/**
 * One regression tree, as a flat list of nodes `[feature, threshold, left, right, value]`: a node with
 * feature -1 is a leaf worth `value`; otherwise a vector goes to `left` when its feature is below `threshold`.
 */
export type DecisionTree = Array<[number, number, number, number, number]>;

/** Boosted trees whose summed output, from `base`, is a log-odds. */
export interface BoostedTrees {
  base: number;
  trees: readonly DecisionTree[];
}

/**
 * The answer model, fitted offline by `scripts/fitAnswerModel.ts` on labelled questions, in two stages: the
 * ranker scores every candidate sentence on its own features; the verifier then judges a ranked sentence
 * beside its best rival, and its probability that the sentence answers the question is the confidence.
 */
export interface AnswerModel {
  features: readonly string[];
  ranker: BoostedTrees;
  verifier: BoostedTrees;
  /** The confidence below which Dossier abstains, chosen for precision on held-out articles. */
  threshold: number;
}

/** Checks that a model was fitted on the features the engine computes, in the same order. */
export function checkModel(model: AnswerModel): AnswerModel {
  if (model.features.join(',') !== FEATURE_NAMES.join(','))
    throw new Error(
      `answer model: fitted on features [${model.features.join(', ')}], but the engine computes [${FEATURE_NAMES.join(', ')}]; run scripts/fitAnswerModel.ts`,
    );
  const width = { ranker: FEATURE_NAMES.length, verifier: FEATURE_NAMES.length + VERIFIER_EXTRAS };
  for (const stage of ['ranker', 'verifier'] as const)
    for (const tree of model[stage].trees)
      for (const [feature, , left, right] of tree)
        if (feature >= width[stage] || (feature >= 0 && (!tree[left] || !tree[right])))
          throw new Error(`answer model: a ${stage} tree refers to a feature or node that does not exist`);
  return model;
}

let shipped: AnswerModel | undefined;

/** The model shipped in `answerModel.json`, checked on first use, so that refitting can run when it is stale. */
export function shippedAnswerModel(): AnswerModel {
  shipped ??= checkModel(fitted as unknown as AnswerModel);
  return shipped;
}

/**
 * Trees made complete to one depth, a leaf above it standing in for every leaf below it, and laid out level by
 * level: a vector then goes down every tree by arithmetic on node numbers, with no branch for the processor
 * to mispredict, which makes the walk several times faster. Node `n`'s children are `2n + 1` and `2n + 2`.
 */
interface CompleteTrees {
  base: number;
  count: number;
  depth: number;
  /** Inner nodes per tree, `2^depth - 1`; each tree has one more leaf. */
  inner: number;
  feature: Int32Array;
  threshold: Float64Array;
  leaf: Float64Array;
}

const compiled = new WeakMap<BoostedTrees, (vector: ArrayLike<number>) => number>();

function depthOf(tree: DecisionTree, node = 0): number {
  const [feature, , left, right] = tree[node] ?? [-1, 0, 0, 0, 0];
  return feature < 0 ? 0 : 1 + Math.max(depthOf(tree, left), depthOf(tree, right));
}

function compile(model: BoostedTrees): CompleteTrees {
  const depth = Math.max(0, ...model.trees.map((tree) => depthOf(tree)));
  const inner = 2 ** depth - 1;
  const count = model.trees.length;
  const trees: CompleteTrees = {
    base: model.base,
    count,
    depth,
    inner,
    feature: new Int32Array(count * inner),
    threshold: new Float64Array(count * inner),
    leaf: new Float64Array(count * (inner + 1)),
  };
  model.trees.forEach((tree, at) => {
    // A leaf above the last level becomes a test whose two sides lead to the same value.
    const place = (node: number, slot: number, level: number) => {
      const [feature, threshold, left, right, value] = tree[node] ?? [-1, 0, 0, 0, 0];
      if (level === depth) {
        trees.leaf[at * (inner + 1) + slot - inner] = value;
        return;
      }
      if (feature >= 0) {
        trees.feature[at * inner + slot] = feature;
        trees.threshold[at * inner + slot] = threshold;
      }
      place(feature >= 0 ? left : node, 2 * slot + 1, level + 1);
      place(feature >= 0 ? right : node, 2 * slot + 2, level + 1);
    };
    place(0, 0, 0);
  });
  return trees;
}

/** The trees' probability, 0–1, for one vector of features. */
export function treesProbability(model: BoostedTrees, vector: ArrayLike<number>): number {
  let probability = compiled.get(model);
  if (!probability) {
    probability = walker(compile(model));
    compiled.set(model, probability);
  }
  return probability(vector);
}

/**
 * The walk over one model's trees. Its arrays and sizes are constants of the closure, which the compiler
 * can keep in registers rather than load from an object on every call.
 */
function walker({ base, count, depth, inner, feature, threshold, leaf }: CompleteTrees) {
  return (vector: ArrayLike<number>): number => {
    let logit = base;
    for (let tree = 0; tree < count; tree++) {
      const first = tree * inner;
      let node = 0;
      // Left when the feature is below the threshold, right otherwise (and when it is NaN), as in the fitted trees.
      for (let level = 0; level < depth; level++)
        node =
          2 * node + 2 - Number((vector[feature[first + node] ?? 0] ?? 0) < (threshold[first + node] ?? 0));
      logit += leaf[tree * (inner + 1) + node - inner] ?? 0;
    }
    return 1 / (1 + Math.exp(-logit));
  };
}

/** What the verifier adds to a sentence's features: its ranker score, its best rival's, and the margin. */
const VERIFIER_EXTRAS = 3;

/** The verifier's input: a sentence's features, its ranker score, and its best rival's score. */
export function verifierVector(features: ArrayLike<number>, score: number, rival: number): number[] {
  return Array.from(
    verifierInput(features, score, rival, new Float64Array(features.length + VERIFIER_EXTRAS)),
  );
}

/** `verifierVector` written into a typed array, as the tree walks read it best. */
function verifierInput(
  features: ArrayLike<number>,
  score: number,
  rival: number,
  input: Float64Array,
): Float64Array {
  input.set(features);
  input[features.length] = score;
  input[features.length + 1] = rival;
  input[features.length + 2] = score - rival;
  return input;
}

/** A candidate as the model sees it: its features, then (once ranked) its score and confidence. */
export interface ScoredCandidate {
  features: FeatureVector;
  /** The ranker's probability that the sentence answers, judged alone; candidates are ranked by it. */
  rankScore: number;
  /** The verifier's probability that the sentence answers, judged beside its best rival. */
  confidence: number;
}

/** Only the best-ranked few can be quoted; the rest keep confidence 0 and cost no verifier time. */
export const VERIFIED_CANDIDATES = 8;

/**
 * Ranks candidates by the ranker and sets the best-ranked ones' confidence by the verifier: the lead is judged
 * against the runner-up, every other sentence against the lead.
 */
export function scoreCandidates<Candidate extends ScoredCandidate>(
  candidates: Candidate[],
  model: AnswerModel,
): Candidate[] {
  for (const candidate of candidates)
    candidate.rankScore = treesProbability(model.ranker, candidate.features);
  const order = candidates
    .map((_, at) => at)
    .sort((a, b) => (candidates[b]?.rankScore ?? 0) - (candidates[a]?.rankScore ?? 0));
  const lead = candidates[order[0] ?? -1]?.rankScore ?? 0;
  const runnerUp = candidates[order[1] ?? -1]?.rankScore ?? 0;
  const verified = order.slice(0, VERIFIED_CANDIDATES);
  // One input serves every verified candidate in turn: the walk keeps nothing of it.
  const input = new Float64Array(FEATURE_NAMES.length + VERIFIER_EXTRAS);
  verified.forEach((at, rank) => {
    const candidate = candidates[at] as Candidate;
    const rival = rank === 0 ? runnerUp : lead;
    candidate.confidence = treesProbability(
      model.verifier,
      verifierInput(candidate.features, candidate.rankScore, rival, input),
    );
  });
  // Each of the best-ranked few is judged beside its rival, which the ranker never saw: the verifier decides.
  verified.sort((a, b) => (candidates[b]?.confidence ?? 0) - (candidates[a]?.confidence ?? 0));
  return [...verified, ...order.slice(VERIFIED_CANDIDATES)].map((at) => candidates[at] as Candidate);
}
