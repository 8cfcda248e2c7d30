/**
 * Measures the answer-type evidence Dossier reads with its own patterns (src/answer/answerTypes.ts) against
 * compromise's named entities, on every labelled question set, before any switch: for questions that ask for
 * a person, a place or a number, how often each says "this sentence holds one" of the candidate sentences that
 * answer (want: often) and of those that do not (want: seldom), and what each costs per sentence.
 *
 *   npx tsx bench/qa/compareEntityTaggers.ts
 */
import nlp from 'compromise';
import { candidateAnswers } from '../../src/answer/answerQuestion.ts';
import { answerEvidence, expectedAnswerType } from '../../src/answer/answerTypes.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { questionSets, quoteAnswers } from './questionSets.ts';

const TYPES = ['person', 'place', 'number'] as const;
type Typed = (typeof TYPES)[number];

/** compromise's view: an entity of the type in the sentence that the question does not already name. */
function compromiseEvidence(sentence: string, type: Typed, question: string): boolean {
  const document = nlp(sentence);
  const found: string[] =
    type === 'person'
      ? document.people().out('array')
      : type === 'place'
        ? document.places().out('array')
        : document.numbers().out('array');
  const asked = question.toLowerCase();
  return found.some((entity) => !asked.includes(entity.toLowerCase()));
}

interface Tally {
  answering: number;
  other: number;
  ownAnswering: number;
  ownOther: number;
  compromiseAnswering: number;
  compromiseOther: number;
  ownMs: number;
  compromiseMs: number;
}

const tallies = new Map<Typed, Tally>(
  TYPES.map((type) => [
    type,
    {
      answering: 0,
      other: 0,
      ownAnswering: 0,
      ownOther: 0,
      compromiseAnswering: 0,
      compromiseOther: 0,
      ownMs: 0,
      compromiseMs: 0,
    },
  ]),
);

for (const set of questionSets()) {
  const index = PassageIndex.build(await loadCorpus(set.corpusDir));
  for (const question of set.questions) {
    if (!question.expect) continue;
    const type = expectedAnswerType(question.q);
    if (!(TYPES as readonly string[]).includes(type)) continue;
    const tally = tallies.get(type as Typed) as Tally;
    for (const candidate of candidateAnswers(index, question.q).candidates ?? []) {
      const quote = candidate.hit.document.text.slice(candidate.span.start, candidate.span.end);
      const answers = quoteAnswers(quote, question.expect);
      let started = performance.now();
      const own = answerEvidence(quote, type, question.q) > 0;
      tally.ownMs += performance.now() - started;
      started = performance.now();
      const theirs = compromiseEvidence(quote, type as Typed, question.q);
      tally.compromiseMs += performance.now() - started;
      if (answers) {
        tally.answering++;
        if (own) tally.ownAnswering++;
        if (theirs) tally.compromiseAnswering++;
      } else {
        tally.other++;
        if (own) tally.ownOther++;
        if (theirs) tally.compromiseOther++;
      }
    }
  }
}

const share = (part: number, whole: number) =>
  `${Math.round((100 * part) / Math.max(1, whole))}%`.padStart(5);
console.log(
  'type     sentences (answering / other)   Dossier: answering other  µs   compromise: answering other  µs',
);
for (const [type, t] of tallies) {
  const sentences = t.answering + t.other;
  console.log(
    `${type.padEnd(8)} ${String(t.answering).padStart(9)} / ${String(t.other).padEnd(18)}` +
      `${share(t.ownAnswering, t.answering)} ${share(t.ownOther, t.other)} ${((1000 * t.ownMs) / sentences).toFixed(0).padStart(5)}` +
      `          ${share(t.compromiseAnswering, t.answering)} ${share(t.compromiseOther, t.other)} ${((1000 * t.compromiseMs) / sentences).toFixed(0).padStart(5)}`,
  );
}
