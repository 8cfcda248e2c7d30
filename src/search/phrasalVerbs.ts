import { normalizeTerm, tokenize } from './textProcessing.ts';

/**
 * Phrasal verbs people ask with, and the single verbs news reports use for them: "When did the troops pull
 * out?" is answered by "began its withdrawal". Only verbs that are index terms themselves are listed ("take"
 * and "go" are stop words), since the single verb stands in for the phrasal verb's own term.
 */
const PHRASAL_VERBS: Record<string, readonly string[]> = {
  'pull out': ['withdraw', 'withdrawal', 'leave'],
  'pull back': ['withdraw', 'withdrawal'],
  'break out': ['erupt', 'begin'],
  'kick off': ['begin', 'start'],
  'set off': ['trigger', 'spark'],
  'step down': ['resign', 'resignation'],
  'lock up': ['detain', 'jail', 'arrest'],
  'wrap up': ['complete', 'end', 'finish'],
  'shut down': ['close', 'shutdown'],
  'crack down': ['suppress', 'crackdown'],
  'give up': ['relinquish', 'quit', 'resign'],
  'bring forward': ['advance', 'earlier'],
  'hand over': ['transfer'],
  'carry out': ['conduct'],
  'set up': ['establish', 'create'],
  'call off': ['cancel'],
  'bring down': ['lower', 'cut', 'reduce'],
};

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
