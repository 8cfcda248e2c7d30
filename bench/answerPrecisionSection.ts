import MiniSearch from 'minisearch';
import { shippedAnswerModel } from '../src/answer/answerModel.ts';
import { candidateAnswers } from '../src/answer/answerQuestion.ts';
import { loadCorpus } from '../src/corpus/loadCorpus.ts';
import type { Corpus } from '../src/corpus/types.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import type { BenchRow, BenchSection } from './BenchSection.ts';
import { type QuestionSet, questionSets, quoteAnswers } from './qa/questionSets.ts';

/** Confidences at which the pooled sets are also shown, around the operating point. */
const THRESHOLDS = [0.2, 0.35, 0.5, 0.65];

/** A question's lead answer: how sure Dossier is of it, and whether it is right. */
interface Lead {
  answerable: boolean;
  confidence: number;
  right: boolean;
}

/** Every sentence of a corpus as its own document, in MiniSearch with default options. */
function sentenceSearch(corpus: Corpus): { search: MiniSearch; sentences: string[] } {
  const sentences = corpus.documents.flatMap((document) =>
    document.passages.flatMap((passage) =>
      passage.sentences.map((span) => document.text.slice(span.start, span.end)),
    ),
  );
  const search = new MiniSearch({ fields: ['text'] });
  search.addAll(sentences.map((text, id) => ({ id, text })));
  return { search, sentences };
}

interface Scored {
  set: string;
  dossier: Lead[];
  /** MiniSearch's first sentence for each question, always given: what a plain search would quote. */
  plain: Lead[];
}

async function scoreSet(set: QuestionSet): Promise<Scored> {
  const corpus = await loadCorpus(set.corpusDir);
  const index = PassageIndex.build(corpus);
  const plain = sentenceSearch(corpus);
  return {
    set: set.name,
    dossier: set.questions.map(({ q, expect }) => {
      const lead = candidateAnswers(index, q).candidates?.[0];
      const quote = lead ? lead.hit.document.text.slice(lead.span.start, lead.span.end) : '';
      return {
        answerable: expect !== null,
        confidence: lead?.confidence ?? 0,
        right: quoteAnswers(quote, expect),
      };
    }),
    plain: set.questions.map(({ q, expect }) => {
      const first = plain.search.search(q)[0];
      const quote = first ? (plain.sentences[first.id as number] ?? '') : '';
      return { answerable: expect !== null, confidence: first ? 1 : 0, right: quoteAnswers(quote, expect) };
    }),
  };
}

/** Share answered, precision (right of answered) and recall (right of answerable), in percent. */
function pointAt(leads: readonly Lead[], threshold: number) {
  const answered = leads.filter((lead) => lead.confidence >= threshold);
  const right = answered.filter((lead) => lead.answerable && lead.right).length;
  const answerable = leads.filter((lead) => lead.answerable).length;
  return {
    answered: (100 * answered.length) / (leads.length || 1),
    precision: answered.length === 0 ? 100 : (100 * right) / answered.length,
    recall: answerable === 0 ? 100 : (100 * right) / answerable,
  };
}

function rowsFor(
  name: string,
  dossier: readonly Lead[],
  plain: readonly Lead[],
  threshold: number,
): BenchRow[] {
  const ours = pointAt(dossier, threshold);
  const theirs = pointAt(plain, 1);
  return [
    { metric: `${name}: answered`, unit: '%', ours: ours.answered, baseline: theirs.answered },
    { metric: `${name}: precision`, unit: '%', ours: ours.precision, baseline: theirs.precision },
    { metric: `${name}: recall`, unit: '%', ours: ours.recall, baseline: theirs.recall },
  ];
}

/**
 * How far an answer can be trusted: for every labelled question set, the share of questions answered, the
 * share of answers that are right, and the share of answerable questions answered right, at the shipped
 * operating point and at other confidences, beside the first sentence plain MiniSearch finds.
 */
export const answerPrecisionSection: BenchSection = {
  id: 'answers',
  async run(context) {
    const threshold = shippedAnswerModel().threshold;
    const scored: Scored[] = [];
    for (const set of questionSets()) {
      context.log(`answering ${set.questions.length} questions of ${set.name}`);
      scored.push(await scoreSet(set));
    }
    const pooled = (test: (set: string) => boolean) => ({
      dossier: scored.filter(({ set }) => test(set)).flatMap((each) => each.dossier),
      plain: scored.filter(({ set }) => test(set)).flatMap((each) => each.plain),
    });
    const squad = pooled((set) => set === 'squad-dev');
    const project = pooled((set) => set !== 'squad-dev');
    const atThresholds = (name: string, leads: typeof squad) =>
      THRESHOLDS.flatMap((each) =>
        rowsFor(`${name} at confidence ${each}`, leads.dossier, leads.plain, each),
      );
    const rows: BenchRow[] = [
      ...scored.flatMap(({ set, dossier, plain }) => rowsFor(set, dossier, plain, threshold)),
      ...atThresholds('SQuAD', squad),
      ...atThresholds('the project sets together', project),
    ];
    rows[0] = {
      ...(rows[0] as BenchRow),
      note: `at the shipped operating point, confidence ≥ ${threshold}, unless a row names another; the model was fitted on every set but the held-out event (notre-dame), so those rows flatter it: held-out figures are what scripts/fitAnswerModel.ts prints. Default: MiniSearch with default options over sentences, its first sentence always given`,
    };
    return { id: 'answers', title: 'Answers: how many are given, and how many are right', rows, targets: [] };
  },
};
