import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../../src/answer/types.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import { renderAnswer } from '../../src/discord/render/renderAnswer.ts';
import { answerQuoting, KAZAKHSTAN_DIR, LONG_PASSAGE_DIR, loadFixture } from './fixtureAnswers.ts';

let corpus: Corpus;
let twoFigures: AnswerResult;

beforeAll(async () => {
  corpus = await loadFixture(KAZAKHSTAN_DIR);
  twoFigures = {
    question: 'How many soldiers were in the contingent?',
    answered: true,
    answers: [
      answerQuoting(
        corpus,
        'csto-withdrawal-begins',
        '“The peacekeeping operation is over (…), the tasks have been accomplished,” said Russian General Andrei Serdiukov, commander of the contingent made up of 2,030 Russian, Belarusian, Armenian, Tajik and Kyrgyz soldiers.',
      ),
      answerQuoting(
        corpus,
        'alliance-troops-land',
        'The contingent sent to Kazakhstan numbers about 2,500 soldiers, an alliance spokesman told reporters in Moscow.',
      ),
    ],
  };
});

const pageId = (page: number) => `ask:page:key:${page}`;

describe('an answer as Discord shows it', () => {
  it('shows the answer sentence in bold within its paragraph, with the citation line', () => {
    const [embed] = renderAnswer({ result: twoFigures, page: 1, pageId }).embeds ?? [];
    expect(embed?.description).toBe(
      '**The contingent sent to Kazakhstan numbers about 2,500 soldiers, an alliance spokesman told reporters in Moscow.** Most of them are Russian paratroopers, with smaller units from Belarus, Armenia, Tajikistan and Kyrgyzstan.',
    );
    expect(embed?.fields?.[0]).toEqual({
      name: 'Source',
      value:
        '[First alliance troops land in Kazakhstan as Tokayev orders a crackdown](https://centralasiawire.example/2022/01/07/alliance-troops-land) · Central Asia Wire · 2022-01-07 · ¶2',
    });
    expect(embed?.footer?.text).toMatch(/^Answer 2 of 2 /);
  });

  it('says how sure Dossier is that the quote answers, under each answer', () => {
    const [first, second] = twoFigures.answers;
    const result = {
      ...twoFigures,
      answers: [
        { ...(first as Answer), confidence: 0.734 },
        { ...(second as Answer), confidence: 0.4 },
      ],
    };
    expect(renderAnswer({ result, page: 0, pageId }).embeds?.[0]?.footer?.text).toContain(
      '73% sure it answers',
    );
    expect(renderAnswer({ result, page: 1, pageId }).embeds?.[0]?.footer?.text).toContain(
      '40% sure it answers',
    );
  });

  it('lists every answer with its source and date, so differing figures are visible side by side', () => {
    const [embed] = renderAnswer({ result: twoFigures, page: 0, pageId }).embeds ?? [];
    const list = embed?.fields?.[1];
    expect(list?.name).toBe('2 answers from 2 articles');
    const lines = list?.value.split('\n') ?? [];
    expect(lines[0]).toMatch(/^▸ \*\*1\.\*\* “The peacekeeping.*2,030 .*soldiers\. — AFP · 2022-01-13$/);
    expect(lines[1]).toMatch(
      /^◦ \*\*2\.\*\* “The contingent sent.*2,500 soldiers.*” — Central Asia Wire · 2022-01-07$/,
    );
  });

  it('steps through the answers with Previous and Next, disabled at either end, and links the article', () => {
    const first = renderAnswer({ result: twoFigures, page: 0, pageId }).components?.[0]?.components ?? [];
    expect(first.map((button) => ('label' in button ? button.label : ''))).toEqual([
      '◀ Previous',
      '1 of 2',
      'Next ▶',
    ]);
    expect(first.map((button) => ('disabled' in button ? button.disabled : undefined))).toEqual([
      true,
      true,
      false,
    ]);
    expect(first[2]).toMatchObject({ custom_id: 'ask:page:key:1' });
    const second = renderAnswer({ result: twoFigures, page: 1, pageId }).components?.[0]?.components ?? [];
    expect(second.map((button) => ('disabled' in button ? button.disabled : undefined))).toEqual([
      false,
      true,
      true,
      undefined,
    ]);
    expect(second[3]).toMatchObject({
      style: 5,
      label: 'Read the article',
      url: 'https://centralasiawire.example/2022/01/07/alliance-troops-land',
    });
  });

  it('says plainly when the corpus does not answer, and labels the nearest passages as related, not answers', () => {
    const related = answerQuoting(
      corpus,
      'security-council-shakeup',
      'The move stunned officials in the capital, Nur-Sultan, which is named after the former leader.',
    );
    const message = renderAnswer({
      result: {
        question: 'What is the capital of France?',
        answered: false,
        answers: [],
        related: [related],
        reason: 'The corpus does not mention "France".',
      },
      page: 0,
      pageId,
    });
    const [embed] = message.embeds ?? [];
    expect(embed?.description).toMatch(
      /^\*\*The articles don't answer this question\.\*\* The corpus does not mention "France"\./,
    );
    expect(embed?.fields?.map((field) => field.name)).toEqual(['Related passage 1 (not an answer)']);
    expect(embed?.fields?.[0]?.value).not.toContain('**');
    expect(embed?.fields?.[0]?.value).toMatch(
      /\n— \*Tokayev takes over security council as Nazarbayev era fades\* · Steppe Herald · 2022-01-08 · ¶1$/,
    );
    expect(message.components).toEqual([]);
  });

  it('keeps an answer from an over-long paragraph within every limit, cut visibly around the answer', async () => {
    const long = await loadFixture(LONG_PASSAGE_DIR);
    const answer = answerQuoting(
      long,
      'statement-to-parliament',
      'He asked the Mazhilis to approve Alikhan Smailov as prime minister, and deputies confirmed the appointment later the same day.',
    );
    expect(answer.context.length).toBeGreaterThan(4096);
    const message = renderAnswer({
      result: { question: 'Who was confirmed as prime minister?', answered: true, answers: [answer] },
      page: 0,
    });
    expect(limitViolations(message)).toEqual([]);
    const description = message.embeds?.[0]?.description ?? '';
    expect(description).toContain(
      '**He asked the Mazhilis to approve Alikhan Smailov as prime minister, and deputies confirmed the appointment later the same day.**',
    );
    expect(description.startsWith('… ')).toBe(true);
    expect(description.endsWith('…')).toBe(true);
  });
});
