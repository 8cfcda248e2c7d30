import { beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../src/discord/render/discordLimits.ts';
import { LiveSuggester } from '../../src/discord/runtime/LiveSuggester.ts';
import { LiveIndex } from '../../src/search/LiveIndex.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { QuestionSuggester } from '../../src/search/QuestionSuggester.ts';
import { KAZAKHSTAN_DIR, loadFixture, MENTIONS_DIR } from './fixtureAnswers.ts';

let suggester: QuestionSuggester;

beforeAll(async () => {
  const corpus = await loadFixture(KAZAKHSTAN_DIR);
  suggester = await QuestionSuggester.build(corpus, PassageIndex.build(corpus), {
    count: DISCORD_LIMITS.choices,
    length: DISCORD_LIMITS.choiceValue,
  });
});

describe('completing a question as it is typed', () => {
  it('completes the last word with words as the articles write them, not index stems', () => {
    const suggestions = suggester.suggest('who commanded the conti');
    expect(suggestions).toContain('who commanded the contingent');
    expect(suggestions.some((text) => /\bconting\b/.test(text))).toBe(false);
  });

  it('offers what was typed first, so it can always be sent as is', () => {
    expect(suggester.suggest('who commanded the conti')[0]).toBe('who commanded the conti');
  });

  it('completes names, in their spelling, from the start of a name or its surname', () => {
    expect(suggester.suggest('who is kassym-jo')).toContain('who is Kassym-Jomart Tokayev');
    expect(suggester.suggest('what did Nazarb')).toContain('what did Nazarbayev');
    expect(suggester.suggest('who is massim')).toContain('who is Karim Massimov');
    expect(suggester.suggest('what happened in alm')).toContain('what happened in Almaty');
  });

  it('forgives a typo in the word being typed', () => {
    expect(suggester.suggest('when was Nazarbaev')).toContain('when was Nazarbayev');
  });

  it('offers the most mentioned names before anything is typed', () => {
    const names = suggester.suggest('');
    expect(names.length).toBeGreaterThan(2);
    expect(names).toContain('Karim Massimov');
    expect(names.every((name) => /^\p{Lu}/u.test(name))).toBe(true);
  });

  it('stays within 25 suggestions of at most 100 characters', () => {
    for (const typed of [
      'a',
      'the',
      'who commanded the contingent that was sent to Kazakhstan after the violent dis',
    ]) {
      const suggestions = suggester.suggest(typed);
      expect(suggestions.length).toBeLessThanOrEqual(25);
      for (const text of suggestions) expect(text.length).toBeLessThanOrEqual(100);
    }
    expect(suggester.suggest('x'.repeat(101))).toEqual([]);
  });

  it('suggests nothing new once the question ends in punctuation', () => {
    expect(suggester.suggest('How many soldiers were sent?')).toEqual(['How many soldiers were sent?']);
  });
});

describe('suggestions when the corpus is swapped', () => {
  it('keep coming from the previous corpus until the new one’s vocabulary is ready', async () => {
    const before = await loadFixture(KAZAKHSTAN_DIR);
    const after = await loadFixture(MENTIONS_DIR);
    const state = (corpus: typeof before) => ({
      corpus,
      index: PassageIndex.build(corpus),
      loadedAt: new Date(),
      loadedBy: 'test',
    });
    const live = new LiveIndex(state(before));
    const suggestions = new LiveSuggester(live);
    expect(suggestions.current()).toBeUndefined();
    await suggestions.whenReady();
    expect(suggestions.current()?.suggest('who is massim')).toContain('who is Karim Massimov');
    live.swap(state(after));
    expect(suggestions.current()?.suggest('who is massim')).toContain('who is Karim Massimov');
    const rebuilt = await suggestions.whenReady();
    expect(suggestions.current()).toBe(rebuilt);
    expect(rebuilt.suggest('where is republic sq')).toContain('where is republic Square');
    expect(rebuilt.suggest('who is massim')).toEqual(['who is massim']);
  });
});
