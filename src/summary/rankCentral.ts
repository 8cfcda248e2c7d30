import { DAMPING, MIN_EDGE_SIMILARITY, MMR_LAMBDA, RANK_ITERATIONS } from './summaryOptions.ts';

/**
 * LexRank with a prior: PageRank over the graph of `count` items' similarities, teleporting in proportion to
 * `prior` (biased LexRank), so a sentence is central when many weighty sentences resemble it.
 */
export function lexRank(
  count: number,
  similarity: (a: number, b: number) => number,
  prior: readonly number[],
): number[] {
  if (count === 0) return [];
  const priorSum = prior.reduce((sum, weight) => sum + weight, 0) || 1;
  const teleport = prior.map((weight) => weight / priorSum);
  const edges: Array<Array<[number, number]>> = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const weight = similarity(i, j);
      if (weight < MIN_EDGE_SIMILARITY) continue;
      edges[i]?.push([j, weight]);
      edges[j]?.push([i, weight]);
    }
  }
  const outWeight = edges.map((out) => out.reduce((sum, [, weight]) => sum + weight, 0));
  let rank = [...teleport];
  for (let iteration = 0; iteration < RANK_ITERATIONS; iteration++) {
    const next = teleport.map((weight) => (1 - DAMPING) * weight);
    let dangling = 0;
    for (let i = 0; i < count; i++) {
      const mass = rank[i] ?? 0;
      const total = outWeight[i] ?? 0;
      if (total === 0) {
        dangling += mass;
        continue;
      }
      for (const [j, weight] of edges[i] ?? []) next[j] = (next[j] ?? 0) + (DAMPING * mass * weight) / total;
    }
    for (let i = 0; i < count; i++) next[i] = (next[i] ?? 0) + DAMPING * dangling * (teleport[i] ?? 0);
    rank = next;
  }
  return rank;
}

/** How two candidates relate: how much one repeats the other (0–1), and whether both may be chosen at all. */
export interface PairRelation {
  redundancy: (a: number, b: number) => number;
  conflicts: (a: number, b: number) => boolean;
}

/**
 * Maximal marginal relevance: picks up to `count` items, each time the one whose score, less its
 * redundancy with what is already picked, is highest; an item that conflicts with a picked one is never picked.
 */
export function selectDiverse(scores: readonly number[], count: number, relation: PairRelation): number[] {
  const top = Math.max(...scores, Number.MIN_VALUE);
  const picked: number[] = [];
  const open = new Set(scores.keys());
  while (picked.length < count && open.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of open) {
      let redundancy = 0;
      for (const j of picked) redundancy = Math.max(redundancy, relation.redundancy(i, j));
      const value = MMR_LAMBDA * ((scores[i] ?? 0) / top) - (1 - MMR_LAMBDA) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    picked.push(best);
    open.delete(best);
    for (const i of open) if (relation.conflicts(i, best)) open.delete(i);
  }
  return picked;
}
