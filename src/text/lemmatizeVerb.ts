import { readFileSync } from 'node:fs';
import irregular from 'wink-lexicon/src/wn-verb-exceptions.js';

/** Every word wink-lexicon knows as a verb, built by scripts/buildVerbBases.ts. */
const VERB_BASES = new URL('./verbBases.txt', import.meta.url);

let verbs: ReadonlySet<string> | undefined;

function isVerb(word: string): boolean {
  verbs ??= new Set(readFileSync(VERB_BASES, 'utf8').split('\n'));
  return verbs.has(word);
}

/**
 * A word's base form as a verb ("began" → "begin", "detained" → "detain", "troops" → "troop"), or the word
 * itself. It is wink-lemmatizer's `verb`, step for step, over wink-lexicon's irregular forms and its list of
 * verbs, without loading the 2.7 MB word tables the rest of that library needs (a test checks the two agree
 * on every word of the lexicon and its inflections).
 */
export function lemmatizeVerb(word: string): string {
  const exception = irregular[word];
  if (exception) return exception;
  for (const [ending, base] of [
    [/s$/, ''],
    [/ies$/, 'y'],
  ] as const) {
    const lemma = word.replace(ending, base);
    if (lemma.length !== word.length && isVerb(lemma)) return lemma;
  }
  const stripped = word.replace(/es$|ed$|ing$/, '');
  if (stripped.length !== word.length) {
    if (isVerb(stripped)) return stripped;
    if (isVerb(`${stripped}e`)) return `${stripped}e`;
  }
  return word;
}
