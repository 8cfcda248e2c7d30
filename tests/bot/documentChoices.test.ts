import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.ts';
import { documentChoices, documentLabel } from '../../src/discord/runtime/documentChoices.ts';
import { KAZAKHSTAN_DIR, loadFixture } from './fixtureAnswers.ts';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadFixture(KAZAKHSTAN_DIR);
});

describe('choosing a document as its name is typed', () => {
  it('finds articles by words of their title, whatever the case and accents', () => {
    const choices = documentChoices(corpus.documents, 'SECURITY council');
    expect(choices).toEqual([
      {
        name: 'Tokayev takes over security council as Nazarbayev era fades · Steppe Herald · 2022-01-08',
        value: 'security-council-shakeup',
      },
    ]);
  });

  it('finds articles by source and by date', () => {
    expect(documentChoices(corpus.documents, 'afp').map((choice) => choice.value)).toEqual([
      'csto-withdrawal-begins',
    ]);
    expect(documentChoices(corpus.documents, '2022-01-07').map((choice) => choice.value)).toEqual([
      'alliance-troops-land',
    ]);
  });

  it('lists the newest articles first when nothing is typed', () => {
    const dates = documentChoices(corpus.documents, '').map(
      (choice) => corpus.documents.find((document) => document.id === choice.value)?.date,
    );
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toHaveLength(corpus.documents.length);
  });

  it('keeps every label within 100 characters, cutting the title and keeping source and date', () => {
    const label = documentLabel({
      id: 'x',
      title: 'A very long headline '.repeat(10),
      source: 'Steppe Herald',
      date: '2022-01-08',
    });
    expect(label.length).toBeLessThanOrEqual(100);
    expect(label).toMatch(/…\s·\sSteppe Herald · 2022-01-08$/);
  });
});
