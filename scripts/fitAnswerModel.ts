/**
 * Fits the answer model: the probability that a candidate sentence answers the question it was found for.
 *
 *   npx tsx scripts/fitAnswerModel.ts                   # cross-validate, report, write src/answer/answerModel.json
 *   npx tsx scripts/fitAnswerModel.ts --dry-run         # cross-validate and report only
 *   npx tsx scripts/fitAnswerModel.ts --show-errors 40  # also print the 40 most confident wrong answers
 *
 * Every labelled question set (bench/qa/questionSets.ts) is run through the engine; each candidate sentence
 * is a row labelled 1 when it holds an expected answer. The ranker is fitted on every candidate. The verifier
 * is fitted on the best-ranked few of each question, scored by rankers that never saw that question's
 * articles (stacking), so it learns how far a ranker score can be trusted on articles it has not seen.
 * The ranker alone is reported beside it.
 * Questions are cross-validated by group (one SQuAD article, the Kazakh articles, one other event), so no
 * article is both fitted and scored; sets marked held out are only scored. The threshold is the confidence
 * with the best precision-first score on the held-out predictions; the model written is fitted on every group
 * that is not held out.
 */
import { writeFileSync } from 'node:fs';
import {
  type LabelledQuestion,
  type QuestionSet,
  questionSets,
  quoteAnswers,
} from '../bench/qa/questionSets.ts';
import {
  type AnswerModel,
  type BoostedTrees,
  treesProbability,
  VERIFIED_CANDIDATES,
  verifierVector,
} from '../src/answer/answerModel.ts';
import { candidateAnswers } from '../src/answer/answerQuestion.ts';
import { FEATURE_NAMES } from '../src/answer/sentenceFeatures.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { DEFAULT_BOOSTING, fitBoostedTrees, type TrainingRows } from './gradientBoosting.ts';

/** A project question counts this many SQuAD questions: they are few, and closest to what users ask. */
const PROJECT_QUESTION_WEIGHT = 5;
/** Sets scored but never fitted: a check on the operating point that nothing was tuned on. */
const HELD_OUT_SETS = new Set(['event:notre-dame-fire-2019']);
/** The verifier learns from each question's best-ranked few candidates: the lead and its rivals. */
const VERIFIED_PER_QUESTION = 3;
/**
 * The verifier learns from a few thousand rows, not hundreds of thousands: fewer, more cautious trees, or it
 * learns the fitted articles instead of how far a ranker score can be trusted.
 */
const VERIFIER_BOOSTING = { ...DEFAULT_BOOSTING, trees: 60, minChildWeight: 5 };
/** Cross-validation folds: whole groups dealt out in turn, so no article is both fitted and scored. */
const FOLDS = 4;

interface Example {
  set: string;
  question: LabelledQuestion;
  rows: number[][];
  correct: boolean[];
  quotes: string[];
  /** Ranker scores from a ranker that did not see this question's group. */
  heldOutScores: number[];
}

const UNFITTED: AnswerModel = {
  features: FEATURE_NAMES,
  ranker: { base: 0, trees: [] },
  verifier: { base: 0, trees: [] },
  threshold: 0.5,
};

async function examplesOf(set: QuestionSet): Promise<Example[]> {
  const index = PassageIndex.build(await loadCorpus(set.corpusDir));
  return set.questions.map((question) => {
    const candidates = candidateAnswers(index, question.q, UNFITTED).candidates ?? [];
    const quotes = candidates.map((candidate) =>
      candidate.hit.document.text.slice(candidate.span.start, candidate.span.end),
    );
    return {
      set: set.name,
      question,
      rows: candidates.map((candidate) => Array.from(candidate.features)),
      correct: quotes.map((quote) => quoteAnswers(quote, question.expect)),
      quotes,
      heldOutScores: [],
    };
  });
}

const isSquad = (example: Example) => example.set === 'squad-dev';
const questionWeight = (example: Example) => (isSquad(example) ? 1 : PROJECT_QUESTION_WEIGHT);

/** Every candidate a row; each question weighs the same in all, however many candidates it has. */
function rankerRows(examples: readonly Example[]): TrainingRows {
  const rows: TrainingRows = { features: [], labels: [], weights: [] };
  for (const example of examples) {
    const weight = questionWeight(example) / Math.max(1, example.rows.length);
    example.rows.forEach((row, at) => {
      rows.features.push(row);
      rows.labels.push(example.correct[at] ? 1 : 0);
      rows.weights.push(weight);
    });
  }
  return rows;
}

/** Candidate positions by held-out ranker score, best first. */
function rankedPositions(example: Example): number[] {
  return example.rows
    .map((_, at) => at)
    .sort((a, b) => (example.heldOutScores[b] ?? 0) - (example.heldOutScores[a] ?? 0));
}

/** The verifier's input for a candidate: the lead is judged against the runner-up, others against the lead. */
function verifierRow(example: Example, at: number, order: readonly number[]): number[] {
  const score = example.heldOutScores[at] ?? 0;
  const rival = example.heldOutScores[(at === order[0] ? order[1] : order[0]) ?? -1] ?? 0;
  return verifierVector(example.rows[at] ?? [], score, rival);
}

function verifierRows(examples: readonly Example[]): TrainingRows {
  const rows: TrainingRows = { features: [], labels: [], weights: [] };
  for (const example of examples) {
    const order = rankedPositions(example);
    for (const at of order.slice(0, VERIFIED_PER_QUESTION)) {
      rows.features.push(verifierRow(example, at, order));
      rows.labels.push(example.correct[at] ? 1 : 0);
      rows.weights.push(questionWeight(example));
    }
  }
  return rows;
}

/** The lead answer's confidence and whether it is right, as the engine would answer. */
interface Outcome {
  example: Example;
  lead: number;
  set: string;
  answerable: boolean;
  confidence: number;
  right: boolean;
}

/** As the engine answers: of the best-ranked few, the one the verifier is surest of leads. */
function outcomeOf(example: Example, verifier: BoostedTrees): Outcome {
  const order = rankedPositions(example);
  let lead = -1;
  let confidence = 0;
  for (const at of order.slice(0, VERIFIED_CANDIDATES)) {
    const judged = treesProbability(verifier, verifierRow(example, at, order));
    if (judged > confidence || lead < 0) {
      lead = at;
      confidence = judged;
    }
  }
  return {
    example,
    lead,
    set: example.set,
    answerable: example.question.expect !== null,
    confidence,
    right: example.correct[lead] ?? false,
  };
}

function foldsOf(examples: readonly Example[]): Array<(example: Example) => boolean> {
  const groups = [...new Set(examples.map((example) => example.question.group))];
  const foldOf = new Map(groups.map((group, at) => [group, at % FOLDS]));
  return Array.from(
    { length: FOLDS },
    (_, fold) => (example: Example) => foldOf.get(example.question.group) === fold,
  );
}

/** Scores every fitted example with a ranker fitted without its fold, and held-out sets with one fitted on all. */
function scoreHeldOut(fitted: readonly Example[], heldOut: readonly Example[]): void {
  for (const inFold of foldsOf(fitted)) {
    const ranker = fitBoostedTrees(rankerRows(fitted.filter((example) => !inFold(example))));
    for (const example of fitted.filter(inFold))
      example.heldOutScores = example.rows.map((row) => treesProbability(ranker, row));
  }
  const ranker = fitBoostedTrees(rankerRows(fitted));
  for (const example of heldOut)
    example.heldOutScores = example.rows.map((row) => treesProbability(ranker, row));
}

function crossValidate(fitted: readonly Example[], heldOut: readonly Example[]): Outcome[] {
  const outcomes = foldsOf(fitted).flatMap((inFold) => {
    const verifier = fitBoostedTrees(
      verifierRows(fitted.filter((example) => !inFold(example))),
      VERIFIER_BOOSTING,
    );
    return fitted.filter(inFold).map((example) => outcomeOf(example, verifier));
  });
  const verifier = fitBoostedTrees(verifierRows(fitted), VERIFIER_BOOSTING);
  return [...outcomes, ...heldOut.map((example) => outcomeOf(example, verifier))];
}

interface OperatingPoint {
  threshold: number;
  answered: number;
  precision: number;
  recall: number;
}

function operatingPoint(outcomes: readonly Outcome[], threshold: number): OperatingPoint {
  const answered = outcomes.filter((outcome) => outcome.confidence >= threshold);
  const right = answered.filter((outcome) => outcome.answerable && outcome.right).length;
  const answerable = outcomes.filter((outcome) => outcome.answerable).length;
  return {
    threshold,
    answered: answered.length / (outcomes.length || 1),
    precision: answered.length === 0 ? 1 : right / answered.length,
    recall: answerable === 0 ? 1 : right / answerable,
  };
}

/** Share of answerable questions whose best-ranked candidate holds the answer, answering everything. */
function leadRight(outcomes: readonly Outcome[]): number {
  const answerable = outcomes.filter((outcome) => outcome.answerable);
  return answerable.filter((outcome) => outcome.right).length / (answerable.length || 1);
}

const percent = (share: number) => `${(share * 100).toFixed(0)}%`.padStart(5);

function report(outcomes: readonly Outcome[], thresholds: readonly number[]): void {
  const sets = [...new Set(outcomes.map((outcome) => outcome.set))];
  console.log(
    `\n${'set'.padEnd(34)} lead ${thresholds.map((t) => `t=${t.toFixed(2)} answ/prec/rec`.padStart(22)).join('')}`,
  );
  for (const set of sets) {
    const ofSet = outcomes.filter((outcome) => outcome.set === set);
    const cells = thresholds.map((threshold) => {
      const point = operatingPoint(ofSet, threshold);
      return `${percent(point.answered)} ${percent(point.precision)} ${percent(point.recall)}`.padStart(22);
    });
    const name = `${set}${HELD_OUT_SETS.has(set) ? ' (held out)' : ''} (${ofSet.length})`;
    console.log(`${name.padEnd(34)} ${percent(leadRight(ofSet))}${cells.join('')}`);
  }
}

/** Precision weighted twice as much as recall: a wrong quote misleads, an abstention costs a minute. */
function precisionFirstScore({ precision, recall }: OperatingPoint): number {
  const beta = 0.5;
  return precision + recall === 0
    ? 0
    : ((1 + beta ** 2) * precision * recall) / (beta ** 2 * precision + recall);
}

/**
 * The threshold with the best precision-first score (F0.5), averaged over SQuAD's held-out articles and the
 * project's held-out events, so that neither the many SQuAD questions nor the few news ones decide alone.
 */
function chooseThreshold(outcomes: readonly Outcome[]): number {
  const squad = outcomes.filter((outcome) => outcome.set === 'squad-dev');
  const project = outcomes.filter(
    (outcome) => outcome.set !== 'squad-dev' && !HELD_OUT_SETS.has(outcome.set),
  );
  let best = { threshold: 0.5, score: -1 };
  for (let step = 5; step < 95; step++) {
    const threshold = step / 100;
    const score =
      (precisionFirstScore(operatingPoint(squad, threshold)) +
        precisionFirstScore(operatingPoint(project, threshold))) /
      2;
    if (score > best.score) best = { threshold, score };
  }
  return best.threshold;
}

function showErrors(outcomes: readonly Outcome[], count: number): void {
  const wrong = outcomes.filter((outcome) => !outcome.right).sort((a, b) => b.confidence - a.confidence);
  for (const { example, lead, confidence } of wrong.slice(0, count)) {
    console.log(
      `\n${confidence.toFixed(2)} [${example.set}] ${example.question.q} → ${JSON.stringify(example.question.expect)}`,
    );
    console.log(`   ${example.quotes[lead]}`);
    console.log(
      `   ${FEATURE_NAMES.map((name, at) => `${name}=${example.rows[lead]?.[at]?.toFixed(2)}`).join(' ')}`,
    );
  }
}

const rounded = (model: BoostedTrees): BoostedTrees => ({
  base: Number(model.base.toPrecision(6)),
  trees: model.trees.map((tree) =>
    tree.map((node) => node.map((value) => Number(value.toPrecision(6))) as (typeof tree)[number]),
  ),
});

const dryRun = process.argv.includes('--dry-run');
const errorsShown = process.argv.includes('--show-errors')
  ? Number(process.argv[process.argv.indexOf('--show-errors') + 1] ?? 20)
  : 0;
const sets = questionSets();
const examples = (await Promise.all(sets.map(examplesOf))).flat();
const fitted = examples.filter((example) => !HELD_OUT_SETS.has(example.set));
const heldOut = examples.filter((example) => HELD_OUT_SETS.has(example.set));
const reachable = examples.filter((example) => example.correct.some(Boolean)).length;
console.log(
  `${examples.length} questions in ${sets.length} sets; ${reachable} of ${examples.filter((e) => e.question.expect).length} answerable ones have the answer among the candidates`,
);
scoreHeldOut(fitted, heldOut);
const outcomes = crossValidate(fitted, heldOut);
const threshold = chooseThreshold(outcomes);
console.log(
  `\nHeld out by group (lead right; answered share, precision, recall); operating point ${threshold}:`,
);
report(outcomes, [...new Set([0.2, 0.3, 0.4, 0.5, threshold])].sort());
const pooled = (name: string, filter: (outcome: Outcome) => boolean) => {
  const point = operatingPoint(outcomes.filter(filter), threshold);
  console.log(
    `${name}: precision ${percent(point.precision)}, recall ${percent(point.recall)}, answered ${percent(point.answered)}`,
  );
};
pooled('SQuAD, held out by article', (outcome) => outcome.set === 'squad-dev');
pooled(
  'project sets, held out by event',
  (outcome) => outcome.set !== 'squad-dev' && !HELD_OUT_SETS.has(outcome.set),
);
pooled('held-out sets', (outcome) => HELD_OUT_SETS.has(outcome.set));
const rankerOnly = outcomes.map((outcome) => ({
  ...outcome,
  confidence: outcome.example.heldOutScores[outcome.lead] ?? 0,
}));
console.log('\nthreshold   SQuAD answ/prec/rec   project answ/prec/rec   ranker alone: SQuAD, project');
for (let t = 0.1; t < 0.91; t += 0.05) {
  const cells = [
    (outcome: Outcome) => outcome.set === 'squad-dev',
    (outcome: Outcome) => outcome.set !== 'squad-dev' && !HELD_OUT_SETS.has(outcome.set),
  ].map((filter) => {
    const point = operatingPoint(outcomes.filter(filter), t);
    const alone = operatingPoint(rankerOnly.filter(filter), t);
    return `${percent(point.answered)} ${percent(point.precision)} ${percent(point.recall)} (${percent(alone.answered)} ${percent(alone.precision)} ${percent(alone.recall)})`;
  });
  console.log(`${t.toFixed(2).padEnd(11)} ${cells.join('     ')}`);
}
showErrors(outcomes, errorsShown);

if (!dryRun) {
  const model: AnswerModel = {
    features: FEATURE_NAMES,
    ranker: rounded(fitBoostedTrees(rankerRows(fitted))),
    verifier: rounded(fitBoostedTrees(verifierRows(fitted), VERIFIER_BOOSTING)),
    threshold,
  };
  writeFileSync(new URL('../src/answer/answerModel.json', import.meta.url), `${JSON.stringify(model)}\n`);
  console.log('wrote src/answer/answerModel.json');
}
