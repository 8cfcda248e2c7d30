import { stemmer } from 'stemmer';
// English alone: the package's main module loads all of its 62 languages.
import { eng as englishStopWords } from 'stopword/src/stopwords_eng.js';
import { lemmatizeVerb } from './lemmatizeVerb.ts';
import { CHAT_SHORTHAND, EXTRA_STOP_WORDS, MAGNITUDE_SUFFIXES, WORD_SYMBOLS } from './lexicon.ts';

export const STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...EXTRA_STOP_WORDS]);

// Letters and digits, joined across apostrophes, dots, ampersands and thousands separators inside a word:
// "Nazarbayev’s", "U.S.", "S&P", "2,030" and "3.5" are each one token; "Russian-led" is two. A word symbol
// ("%", "per cent") is a token too.
const TOKEN = /\b[Pp]er\s+cent\b|[\p{L}\p{N}]+(?:['’.,&][\p{L}\p{N}]+)*|%/gu;
const MAGNITUDE = new RegExp(`^(\\d[\\d,.]*?)(${Object.keys(MAGNITUDE_SUFFIXES).join('|')})$`);

/** Strips accents so "Almatý" and "Almaty" index alike. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** A token with its character offsets, for proximity and highlighting. */
export interface Token {
  surface: string;
  start: number;
  end: number;
}

/** Splits text into word tokens with offsets. */
export function tokenizeWithOffsets(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (match) => ({
    surface: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Splits text into word tokens (MiniSearch's `tokenize`). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Maps a surface token to its index term, or `null` for a stop word: folded, lower-cased, possessive
 * and thousands separators removed, then lemmatised and stemmed, so "began" meets "begin" and "commander"
 * meets "commanded". Index and queries share it, so they always agree.
 */
export function normalizeTerm(surface: string): string | null {
  let term = normalizedTerms.get(surface);
  if (term === undefined) {
    if (normalizedTerms.size >= MAX_MEMOISED_TERMS) normalizedTerms.clear();
    term = computeTerm(surface);
    normalizedTerms.set(surface, term);
  }
  return term;
}

// Ranking re-reads candidate sentences for every question; lemmatising and stemming the same words again
// would dominate answer latency. Surface forms are bounded by the corpus vocabulary.
const normalizedTerms = new Map<string, string | null>();
const MAX_MEMOISED_TERMS = 500_000;

function computeTerm(surface: string): string | null {
  let term = foldDiacritics(surface)
    .toLowerCase()
    .replace(/['’]s$/, '');
  const symbol = WORD_SYMBOLS[term.replace(/\s+/g, ' ')];
  if (symbol) return stemmer(symbol);
  const magnitude = MAGNITUDE.exec(term);
  if (magnitude) return figureOf(magnitude[1] ?? '', MAGNITUDE_SUFFIXES[magnitude[2] ?? '']);
  if (/^\d{1,3}(,\d{3})+$/.test(term)) return term.replace(/,/g, '');
  if (/^\d/.test(term)) return term;
  // "U.S." is an abbreviation, not the pronoun "us".
  if (/^(\p{L}\.)+\p{L}?$/u.test(term)) return term.replace(/\./g, '');
  term = term.replace(/['’]/g, '');
  if (term.length < 2 || STOP_WORDS.has(term)) return null;
  // "says" and "took" are as empty as "say" and "take".
  const lemma = lemmatizeVerb(term);
  return STOP_WORDS.has(lemma) ? null : stemmer(lemma);
}

/** The term of a figure written with a magnitude: "350" for "350m", "10000" for "10k". */
function figureOf(figure: string, magnitude: number | 'figure' | undefined): string {
  const plain = figure.replace(/,(?=\d{3})/g, '');
  if (typeof magnitude !== 'number') return plain;
  const value = Number(plain) * magnitude;
  return Number.isInteger(value) ? String(value) : plain;
}

/** The index terms of a text, in order, stop words dropped. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

// Mentions, channel links, custom emoji and links say nothing a source could bear on.
const CHAT_MARKUP = /<(?:@[!&]?|#|a?:\w+:)\d+>|<\/[\w -]+:\d+>|@(?:everyone|here)\b|https?:\/\/\S+/g;

/**
 * A message's or question's words for matching: chat markup dropped and chat shorthand spelt out ("acting
 * PM?" asks about the acting prime minister). The message itself is never altered.
 */
export function wordsOfMessage(text: string): string {
  return CHAT_SHORTHAND.reduce(
    (words, { pattern, spelt }) => words.replace(pattern, spelt),
    text.replace(CHAT_MARKUP, ' '),
  );
}
