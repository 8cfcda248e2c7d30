import type { DecisionTree } from '../src/answer/answerModel.ts';

/** Rows of features with a 0/1 label and a weight each. */
export interface TrainingRows {
  features: number[][];
  labels: number[];
  weights: number[];
}

export interface BoostingOptions {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values, as in XGBoost's lambda. */
  l2: number;
  /** A split leaves at least this much hessian weight on each side. */
  minChildWeight: number;
  /** Candidate split points per feature, at quantiles of its values. */
  bins: number;
}

export const DEFAULT_BOOSTING: BoostingOptions = {
  trees: 150,
  depth: 3,
  learningRate: 0.1,
  l2: 1,
  minChildWeight: 0.5,
  bins: 32,
};

/** Split points of one feature: distinct values at evenly spaced quantiles. */
function splitPoints(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const points = new Set<number>();
  for (let bin = 1; bin < bins; bin++) points.add(sorted[Math.floor((bin * sorted.length) / bins)] ?? 0);
  return [...points].sort((a, b) => a - b);
}

/** For each row, the first split point its value lies below (so `value < points[bin]`), else points.length. */
function binsOf(values: Float64Array, points: readonly number[]): Uint8Array {
  const bins = new Uint8Array(values.length);
  values.forEach((value, row) => {
    let bin = 0;
    while (bin < points.length && value >= (points[bin] ?? 0)) bin++;
    bins[row] = bin;
  });
  return bins;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

/**
 * Fits gradient-boosted regression trees on the logistic loss (second-order, as XGBoost does), with
 * quantile split points. Returns the trees and the starting log-odds.
 */
export function fitBoostedTrees(
  rows: TrainingRows,
  options: BoostingOptions = DEFAULT_BOOSTING,
): { base: number; trees: DecisionTree[] } {
  const count = rows.labels.length;
  const width = rows.features[0]?.length ?? 0;
  const columns = Array.from({ length: width }, (_, feature) =>
    Float64Array.from(rows.features, (row) => row[feature] ?? 0),
  );
  const points = columns.map((column) => splitPoints(column, options.bins));
  const bins = columns.map((column, feature) => binsOf(column, points[feature] ?? []));
  const weights = Float64Array.from(rows.weights);
  const labels = Float64Array.from(rows.labels);
  let positive = 0;
  let total = 0;
  for (let row = 0; row < count; row++) {
    positive += (weights[row] ?? 0) * (labels[row] ?? 0);
    total += weights[row] ?? 0;
  }
  const prior = Math.min(Math.max(positive / total, 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const logits = new Float64Array(count).fill(base);
  const gradient = new Float64Array(count);
  const hessian = new Float64Array(count);
  const trees: DecisionTree[] = [];

  const bestSplit = (members: Uint32Array): Split | undefined => {
    let G = 0;
    let H = 0;
    for (const row of members) {
      G += gradient[row] ?? 0;
      H += hessian[row] ?? 0;
    }
    const parent = (G * G) / (H + options.l2);
    let best: Split | undefined;
    for (let feature = 0; feature < width; feature++) {
      const featureBins = bins[feature] as Uint8Array;
      const splits = (points[feature] ?? []).length;
      const gradients = new Float64Array(splits + 1);
      const hessians = new Float64Array(splits + 1);
      for (const row of members) {
        const bin = featureBins[row] ?? 0;
        gradients[bin] = (gradients[bin] ?? 0) + (gradient[row] ?? 0);
        hessians[bin] = (hessians[bin] ?? 0) + (hessian[row] ?? 0);
      }
      let leftG = 0;
      let leftH = 0;
      for (let bin = 0; bin < splits; bin++) {
        leftG += gradients[bin] ?? 0;
        leftH += hessians[bin] ?? 0;
        const rightG = G - leftG;
        const rightH = H - leftH;
        if (leftH < options.minChildWeight || rightH < options.minChildWeight) continue;
        const gain =
          (leftG * leftG) / (leftH + options.l2) + (rightG * rightG) / (rightH + options.l2) - parent;
        if (gain > (best?.gain ?? 1e-9)) best = { feature, bin: bin + 1, gain };
      }
    }
    return best;
  };

  const leafValue = (members: Uint32Array): number => {
    let G = 0;
    let H = 0;
    for (const row of members) {
      G += gradient[row] ?? 0;
      H += hessian[row] ?? 0;
    }
    return (-G / (H + options.l2)) * options.learningRate;
  };

  for (let round = 0; round < options.trees; round++) {
    for (let row = 0; row < count; row++) {
      const p = 1 / (1 + Math.exp(-(logits[row] ?? 0)));
      const weight = weights[row] ?? 0;
      gradient[row] = weight * (p - (labels[row] ?? 0));
      hessian[row] = weight * p * (1 - p);
    }
    const tree: DecisionTree = [];
    const grow = (members: Uint32Array, depth: number): number => {
      const at = tree.length;
      const split = depth < options.depth ? bestSplit(members) : undefined;
      if (!split) {
        const value = leafValue(members);
        tree.push([-1, 0, 0, 0, value]);
        for (const row of members) logits[row] = (logits[row] ?? 0) + value;
        return at;
      }
      const threshold = points[split.feature]?.[split.bin - 1] ?? 0;
      tree.push([split.feature, threshold, 0, 0, 0]);
      const featureBins = bins[split.feature] as Uint8Array;
      const left = members.filter((row) => (featureBins[row] ?? 0) < split.bin);
      const right = members.filter((row) => (featureBins[row] ?? 0) >= split.bin);
      const node = tree[at] as [number, number, number, number, number];
      node[2] = grow(left, depth + 1);
      node[3] = grow(right, depth + 1);
      return at;
    };
    grow(
      Uint32Array.from({ length: count }, (_, row) => row),
      0,
    );
    trees.push(tree);
  }
  return { base, trees };
}
