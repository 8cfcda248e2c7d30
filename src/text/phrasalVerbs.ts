import { readFileSync } from 'node:fs';
import { normalizeTerm, tokenize } from './textProcessing.ts';

/** How close a phrasal verb's single-verb equivalent counts: as close as a word-vector table's nearest. */
export const PHRASAL_SIMILARITY = 0.9;

/** Phrasal verbs and the single verbs that mean the same, built from WordNet by scripts/buildPhrasalVerbs.ts. */
const TABLE = new URL('./phrasalVerbs.txt', import.meta.url);

let equivalentsByPhrase: Map<string, readonly string[]> | undefined;

/** The table keyed by the verb's index term and the particle ("pull out" → "pull out", "broke out" → "break out"). */
function phrasalTable(): Map<string, readonly string[]> {
  if (!equivalentsByPhrase) {
    equivalentsByPhrase = new Map();
    for (const line of readFileSync(TABLE, 'utf8').split('\n')) {
      const [phrase = '', verbs = ''] = line.split('\t');
      const [verb = '', particle = ''] = phrase.split(' ');
      const verbTerm = line.startsWith('#') ? null : normalizeTerm(verb);
      if (!verbTerm || !particle) continue;
      // "bind off" and "bound off" share a key: "bound" is also the past of "bind". Both meanings are kept.
      const key = `${verbTerm} ${particle}`;
      const terms = verbs.split(' ').flatMap((equivalent) => normalizeTerm(equivalent) ?? []);
      equivalentsByPhrase.set(key, [...new Set([...(equivalentsByPhrase.get(key) ?? []), ...terms])]);
    }
  }
  return equivalentsByPhrase;
}

/**
 * For each phrasal verb in a text ("pulling out", "broke out"), the verb's index term and the terms of the
 * single verbs that mean the same.
 */
export function phrasalEquivalents(text: string): Array<{ term: string; equivalents: readonly string[] }> {
  const words = tokenize(text);
  return words.flatMap((word, position) => {
    const term = normalizeTerm(word);
    const particle = words[position + 1]?.toLowerCase();
    const equivalents = term && particle ? phrasalTable().get(`${term} ${particle}`) : undefined;
    return term && equivalents ? [{ term, equivalents }] : [];
  });
}
