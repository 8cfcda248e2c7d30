import { ACRONYM_JOINING_WORDS, alternation } from './lexicon.ts';
import { tokenize } from './textProcessing.ts';

/** An acronym and the words it stands for, as a document defines them. */
export interface AcronymDefinition {
  acronym: string;
  expansion: string[];
}

// An acronym in parentheses is rare; the name before it is looked for only there, in a bounded stretch of text.
const ACRONYM_IN_PARENTHESES = /\(([\p{Lu}]{2,8})\)/gu;
const NAME_BEFORE = new RegExp(
  `((?:[\\p{Lu}][\\p{L}’'-]*\\s+(?:(?:${alternation(ACRONYM_JOINING_WORDS)})\\s+)*){1,8})$`,
  'u',
);
const NAME_REACH = 200;
const JOINING_WORDS: ReadonlySet<string> = new Set(ACRONYM_JOINING_WORDS);

function isSubsequence(letters: string, of: string): boolean {
  let position = 0;
  for (const letter of of) if (letter === letters[position]) position++;
  return position === letters.length;
}

/**
 * Finds "Long Name (LN)" definitions. The acronym must start with the first word's initial and use the
 * initials in order, tolerating a dropped letter ("Collective Security Treaty Organization (CTO)").
 * The true initials are returned as a second acronym, so "CSTO" finds the same expansion.
 */
export function findAcronyms(text: string): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (const match of text.matchAll(ACRONYM_IN_PARENTHESES)) {
    const acronym = match[1] ?? '';
    const name = NAME_BEFORE.exec(text.slice(Math.max(0, match.index - NAME_REACH), match.index));
    if (!name) continue;
    const words = tokenize(name[1] ?? '');
    // Take the shortest tail of capitalised words whose initials can spell the acronym.
    for (let first = words.length - 1; first >= 0; first--) {
      const expansion = words.slice(first);
      const initials = expansion
        .filter((word) => !JOINING_WORDS.has(word))
        .map((word) => word[0] ?? '')
        .join('')
        .toUpperCase();
      if (initials[0] !== acronym[0] || initials.length < acronym.length) continue;
      if (!isSubsequence(acronym, initials) || initials.length > acronym.length + 1) continue;
      found.push({ acronym, expansion });
      if (initials !== acronym) found.push({ acronym: initials, expansion });
      break;
    }
  }
  return found;
}
