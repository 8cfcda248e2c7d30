/**
 * Builds src/text/verbBases.txt: every word wink-lexicon knows as a verb, one a line. Dossier lemmatises verbs
 * as wink-lemmatizer does, but reading its whole 2.7 MB word and sense tables to ask "is this a verb?" was the
 * largest part of a terminal answer's start-up; this list is the one fact it needs from them. Rebuild it when
 * wink-lexicon changes version (a test says when it is stale):
 *
 *   npx tsx scripts/buildVerbBases.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);
/** wink-lexicon's sense numbers for verbs (WordNet's verb lexicographer files). */
const VERB_SENSES = { above: 28, below: 44 };

/** The words wink-lemmatizer's `isVerb` accepts, sorted. */
export function verbBases(): string[] {
  const words = requireModule('wink-lexicon/src/wn-words.js') as Record<string, number>;
  const senses = requireModule('wink-lexicon/src/wn-word-senses.js') as number[][];
  return Object.entries(words)
    .filter(([, index]) =>
      (senses[index] ?? []).some((sense) => sense > VERB_SENSES.above && sense < VERB_SENSES.below),
    )
    .map(([word]) => word)
    .sort();
}

export const VERB_BASES_FILE = new URL('../src/text/verbBases.txt', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  const bases = verbBases();
  writeFileSync(VERB_BASES_FILE, `${bases.join('\n')}\n`);
  process.stderr.write(`${bases.length} verbs written to ${VERB_BASES_FILE.pathname}\n`);
}
