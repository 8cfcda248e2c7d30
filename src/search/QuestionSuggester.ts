import { setImmediate } from 'node:timers/promises';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Corpus } from '../corpus/types.ts';
import { foldDiacritics, STOP_WORDS, tokenize, tokenizeWithOffsets } from '../text/textProcessing.ts';
import type { SearchIndex } from './SearchIndex.ts';

/** A word or a name as it is written in the articles, with how often it occurs. */
interface VocabularyEntry {
  id: number;
  text: string;
  count: number;
  isName: boolean;
}

/** Passages around the question's other words, whose vocabulary ranks completions that fit the question. */
const NEIGHBOUR_PASSAGES = 40;
/** A completion found near the question's other words counts this much more. */
const NEIGHBOUR_BOOST = 3;
/** Names are what people ask about most; a name counts this much more than a plain word. */
const NAME_BOOST = 1.5;
/** Work between two yields to the event loop while building. */
const PASSAGES_PER_SLICE = 1000;
/** Longer runs of capitalised words are headlines or lists, not names. */
const MAX_NAME_WORDS = 5;
/** At most this many trailing words are matched against the start of a name ("Kassym-Jo…"). */
const MAX_NAME_WORDS_TYPED = 3;

// Capitalised words in a row: "Andrei Serdiukov", "Kassym-Jomart Tokayev", "Collective Security Treaty Organization".
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{M}’'-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}’'-]*)+/gu;
const POSSESSIVE = /['’]s$/;

const fold = (text: string) => foldDiacritics(text).toLowerCase();

function isContentWord(surface: string): boolean {
  const folded = fold(surface);
  return folded.length >= 2 && !STOP_WORDS.has(folded) && !/^\d/.test(folded);
}

/** The names in a text: capitalised runs without a leading function word, and their tails ("Andrei Serdiukov"). */
function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    const words = match[0].split(/[ \t]+/);
    while (words.length > 0 && !isContentWord(words[0] ?? '')) words.shift();
    const last = words.length - 1;
    if (last >= 0) words[last] = (words[last] ?? '').replace(POSSESSIVE, '');
    for (let start = Math.max(0, words.length - MAX_NAME_WORDS); words.length - start >= 2; start++) {
      names.push(words.slice(start).join(' '));
    }
  }
  return names;
}

/** Whether a name starts with the typed words, the last one perhaps unfinished: "Kassym-Jo" for "Kassym-Jomart Tokayev". */
function beginsWith(name: string, typed: string): boolean {
  const nameWords = tokenize(name).map(fold);
  const typedWords = tokenize(typed).map(fold);
  return typedWords.every((word, i) =>
    i === typedWords.length - 1 ? (nameWords[i] ?? '').startsWith(word) : nameWords[i] === word,
  );
}

/** Whether one typed word starts a name, or (from three letters) its last word: "Tok" names Kassym-Jomart Tokayev. */
function namedBy(name: string, typed: string): boolean {
  const words = tokenize(name).map(fold);
  const word = fold(typed);
  return (words[0] ?? '').startsWith(word) || (word.length >= 3 && (words.at(-1) ?? '').startsWith(word));
}

/** The most mentioned names, each once: "Kassym-Jomart Tokayev" rather than also "President Kassym-Jomart Tokayev". */
function distinctNames(entries: readonly VocabularyEntry[], count: number): string[] {
  const sorted = [...entries].sort((a, b) => b.count - a.count || b.text.length - a.text.length);
  const chosen: VocabularyEntry[] = [];
  for (const entry of sorted) {
    if (chosen.length >= count) break;
    const overlaps = chosen.some(
      (other) =>
        entry.text.endsWith(` ${other.text}`) ||
        (other.text.endsWith(` ${entry.text}`) && other.count >= entry.count),
    );
    if (!overlaps) chosen.push(entry);
  }
  return chosen.map((entry) => entry.text);
}

function mostFrequent(variants: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [variant, count] of variants) {
    if (count > bestCount) [best, bestCount] = [variant, count];
  }
  return best;
}

/** How many suggestions a front end shows at most, and how long each may be. */
export interface SuggestionLimits {
  count: number;
  length: number;
}

/**
 * Completes a partly typed question from the words and names of the corpus, as they are written there
 * (the search index holds stems, which are no use to show). Completions that occur near the question's
 * other words rank first, so "Who commanded the co…" offers "contingent" before "corruption".
 */
export class QuestionSuggester {
  private constructor(
    private readonly index: SearchIndex,
    private readonly vocabulary: MiniSearch<VocabularyEntry>,
    private readonly names: readonly string[],
    private readonly limits: SuggestionLimits,
  ) {}

  /**
   * Collects the corpus's surface vocabulary and names: about a second of work per twenty thousand passages,
   * done in slices so the bot keeps answering meanwhile.
   */
  static async build(
    corpus: Corpus,
    index: SearchIndex,
    limits: SuggestionLimits,
  ): Promise<QuestionSuggester> {
    // Counted by exact spelling first, then merged by folded form: folding each of millions of tokens is slow.
    const wordCounts = new Map<string, number>();
    const nameCounts = new Map<string, number>();
    let sinceYield = 0;
    for (const document of corpus.documents) {
      if (sinceYield >= PASSAGES_PER_SLICE) {
        sinceYield = 0;
        await setImmediate();
      }
      sinceYield += document.passages.length;
      for (const passage of document.passages) {
        const text = document.text.slice(passage.start, passage.end);
        for (const surface of tokenize(text)) wordCounts.set(surface, (wordCounts.get(surface) ?? 0) + 1);
        for (const name of namesIn(text)) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
      }
    }
    const entries: VocabularyEntry[] = [];
    const collect = (counts: Map<string, number>, isName: boolean) => {
      const variants = new Map<string, Map<string, number>>();
      for (const [spelling, count] of counts) {
        const surface = isName ? spelling : spelling.replace(POSSESSIVE, '');
        if (isName ? surface.length > limits.length : !isContentWord(surface)) continue;
        const key = fold(surface);
        const known = variants.get(key) ?? new Map<string, number>();
        known.set(surface, (known.get(surface) ?? 0) + count);
        variants.set(key, known);
      }
      for (const spellings of variants.values()) {
        let total = 0;
        for (const count of spellings.values()) total += count;
        entries.push({ id: entries.length, text: mostFrequent(spellings), count: total, isName });
      }
    };
    collect(wordCounts, false);
    collect(nameCounts, true);
    const vocabulary = new MiniSearch<VocabularyEntry>({
      fields: ['text'],
      storeFields: ['text', 'count', 'isName'],
      tokenize,
      processTerm: fold,
    });
    await vocabulary.addAllAsync(entries, { chunkSize: PASSAGES_PER_SLICE });
    const names = distinctNames(
      entries.filter((entry) => entry.isName),
      limits.count,
    );
    return new QuestionSuggester(index, vocabulary, names, limits);
  }

  /** The names the corpus mentions most, most frequent first: starting points for a question. */
  topNames(limit: number): string[] {
    return this.names.slice(0, limit);
  }

  /**
   * Completions of `input` as whole questions within the length limit, led by what was typed, so it can
   * always be sent as is. With nothing typed yet, the corpus's most mentioned names.
   */
  suggest(input: string, limit: number = this.limits.count): string[] {
    const typed = input.trim().replace(/\s+/g, ' ');
    if (!typed) return this.topNames(limit);
    const fits = (text: string) => text.length <= this.limits.length;
    const tokens = tokenizeWithOffsets(typed);
    const last = tokens.at(-1);
    // Nothing to complete once the question ends in punctuation.
    if (!last || last.end !== typed.length) return fits(typed) ? [typed] : [];

    const scored = new Map<string, number>();
    const offer = (replaceFrom: number, result: SearchResult, boost: number) => {
      const completion = `${typed.slice(0, replaceFrom)}${result.text as string}`;
      if (!fits(completion) || fold(completion) === fold(typed)) return;
      const score = result.score * boost * (result.isName ? NAME_BOOST : 1);
      scored.set(completion, Math.max(scored.get(completion) ?? 0, score));
    };
    const firstWord = Math.max(0, tokens.length - MAX_NAME_WORDS_TYPED);
    const context = this.neighbourhood(typed.slice(0, tokens[firstWord]?.start ?? 0));
    for (let first = tokens.length - 1; first >= firstWord; first--) {
      const start = tokens[first]?.start ?? 0;
      const phrase = typed.slice(start);
      const several = first < tokens.length - 1;
      for (const result of this.vocabulary.search(phrase, {
        combineWith: 'AND',
        prefix: (_term, i, terms) => i === terms.length - 1,
        fuzzy: (term, i, terms) => (i === terms.length - 1 && term.length >= 5 ? 0.2 : false),
        boostDocument: (_id, _term, stored) => 1 + Math.log(Number(stored?.count ?? 1)),
      })) {
        const text = String(result.text);
        if (several ? !(result.isName && beginsWith(text, phrase)) : result.isName && !namedBy(text, phrase))
          continue;
        const near = context.has(fold(text.split(/[ -]/)[0] ?? ''));
        offer(start, result, near ? NEIGHBOUR_BOOST : 1);
      }
    }
    const completions = [...scored].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    return [...(fits(typed) ? [typed] : []), ...completions].slice(0, limit);
  }

  /** Folded words of the passages that best match the text, or nothing when the text has no content word. */
  private neighbourhood(text: string): Set<string> {
    const near = new Set<string>();
    const query = this.index.queryTerms(text);
    if (query.terms.length === 0) return near;
    for (const hit of this.index.search(query, NEIGHBOUR_PASSAGES)) {
      for (const surface of tokenize(this.index.passageText(hit.passage))) near.add(fold(surface));
    }
    return near;
  }
}
