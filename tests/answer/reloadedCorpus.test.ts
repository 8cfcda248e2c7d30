import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { corpusFrom, KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

const FILE = 'alliance-troops-land.md';
const ARTICLE = readFileSync(join(KAZAKHSTAN_DIR, FILE), 'utf8');
const QUESTION = 'How many soldiers did the contingent number?';

function quotes(index: PassageIndex): string[] {
  return answerQuestion(index, QUESTION).answers.map((answer) => answer.quote);
}

describe('answers after the corpus is reloaded', () => {
  it('quote the edited article, never a sentence read from it before the edit', () => {
    const before = PassageIndex.build(corpusFrom({ [FILE]: ARTICLE }));
    expect(quotes(before).join(' ')).toContain('about 2,500 soldiers');

    // The same file, the same paragraph, corrected: the passage keeps its id and its place in the article.
    const corrected = ARTICLE.replace('about 2,500 soldiers', 'about 3,000 soldiers');
    const after = PassageIndex.build(corpusFrom({ [FILE]: corrected }));
    const answered = quotes(after).join(' ');
    expect(answered).toContain('about 3,000 soldiers');
    expect(answered).not.toContain('2,500');
    // The index it replaced still answers from what it was built on, for a question already under way.
    expect(quotes(before).join(' ')).toContain('about 2,500 soldiers');
  });

  it('are the same from a fresh index of the same corpus as from one that has answered before', () => {
    const corpus = corpusFrom({ [FILE]: ARTICLE });
    const used = PassageIndex.build(corpus);
    const questions = [QUESTION, 'Who chairs the bloc this year?', 'What did Tokayev call the rioters?'];
    const first = questions.map((question) => answerQuestion(used, question));
    const again = questions.map((question) => answerQuestion(used, question));
    const fresh = questions.map((question) => answerQuestion(PassageIndex.build(corpus), question));
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    expect(first.some((result) => result.answered)).toBe(true);
  });
});
