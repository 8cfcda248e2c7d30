import { PHRASAL_VERBS } from './lexicon.ts';
import { normalizeTerm, tokenize } from './textProcessing.ts';

/** How close a phrasal verb's single-verb equivalent counts: as close as a word-vector table's nearest. */
export const PHRASAL_SIMILARITY = 0.9;

const EQUIVALENTS = new Map(
  Object.entries(PHRASAL_VERBS).map(([phrase, verbs]) => {
    const [verb = '', particle = ''] = phrase.split(' ');
    return [
      `${normalizeTerm(verb)} ${particle}`,
      verbs.flatMap((equivalent) => normalizeTerm(equivalent) ?? []),
    ] as const;
  }),
);

/**
 * For each phrasal verb in a text ("pulling out", "broke out"), the verb's index term and the terms of the
 * single verbs that mean the same.
 */
export function phrasalEquivalents(text: string): Array<{ term: string; equivalents: readonly string[] }> {
  const words = tokenize(text);
  return words.flatMap((word, position) => {
    const term = normalizeTerm(word);
    const particle = words[position + 1]?.toLowerCase();
    const equivalents = term && particle ? EQUIVALENTS.get(`${term} ${particle}`) : undefined;
    return term && equivalents ? [{ term, equivalents }] : [];
  });
}
