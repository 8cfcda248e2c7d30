import { buildCorpus } from '../src/corpus/loadCorpus.ts';
import type { Corpus } from '../src/corpus/types.ts';
import { type Random, seededRandom, zipfSampler } from './seededRandom.ts';
import {
  ABSENT_WORDS,
  CONTENT_WORDS,
  FIRST_NAMES,
  FUNCTION_WORDS,
  MONTHS,
  ORGANISATIONS,
  PERSON_TITLES,
  PLACES,
  rareWords,
  SOURCES,
  SURNAMES,
  WEEKDAYS,
} from './vocabulary.ts';

export interface CorpusShape {
  seed: number;
  /** Exactly this many passages (body paragraphs) across all articles. */
  passages: number;
}

/** An article file as it would sit in a corpus directory. */
export interface ArticleFile {
  file: string;
  bytes: Uint8Array;
}

/**
 * Distinct content words the vocabulary offers. News text of a few million words holds tens of thousands
 * of distinct words; with the Zipf exponent below, small corpora see only the head of the list and larger
 * ones reach further into the tail, as real collections do (Heaps' law).
 */
const VOCABULARY_SIZE = 80_000;
const ZIPF_EXPONENT = 1.05;
/** Share of tokens that are grammar words; in English news it is close to half. */
const FUNCTION_WORD_SHARE = 0.45;
/** Chance that a slot in a sentence holds a name, place, figure, date or organisation. */
const ENTITY_SHARE = 0.09;
/** Chance that a content word comes from the article's own topic: articles repeat their subject. */
const TOPIC_SHARE = 0.25;
/** The most frequent content words ("government", "year") are too generic to be what an article is about. */
const TOPIC_MIN_RANK = 20;
const SENTENCE_WORDS = [12, 35] as const;
const PARAGRAPH_SENTENCES = [3, 8] as const;
const ARTICLE_PARAGRAPHS = [4, 12] as const;

interface Person {
  first: string;
  last: string;
  title?: string;
}

interface Article {
  random: Random;
  topicWords: string[];
  people: Person[];
  places: string[];
  organisations: Array<readonly [string, string]>;
  definedAcronyms: Set<string>;
}

/** The words the articles are drawn from, fixed for a seed. */
class Vocabulary {
  readonly contentWords: string[];
  private readonly drawContent: (random: Random) => number;
  private readonly drawFunction: (random: Random) => number;

  constructor(random: Random) {
    const known = new Set([...FUNCTION_WORDS, ...CONTENT_WORDS, ...ABSENT_WORDS].map((w) => w.toLowerCase()));
    this.contentWords = [
      ...CONTENT_WORDS,
      ...rareWords(random, VOCABULARY_SIZE - CONTENT_WORDS.length, known),
    ];
    // In English the first content word ranks after about a hundred grammar words; without the offset,
    // "government" would be one token in twenty-five and sit in nearly every passage.
    this.drawContent = zipfSampler(this.contentWords.length, ZIPF_EXPONENT, FUNCTION_WORDS.length);
    this.drawFunction = zipfSampler(FUNCTION_WORDS.length, 1);
  }

  contentWord(random: Random): string {
    return this.contentWords[this.drawContent(random)] ?? 'report';
  }

  /** A word an article can be about: frequent enough to recur across articles, but not a generic one. */
  topicWord(random: Random): string {
    let rank = this.drawContent(random);
    while (rank < TOPIC_MIN_RANK) rank = this.drawContent(random);
    return this.contentWords[rank] ?? 'report';
  }

  functionWord(random: Random): string {
    return FUNCTION_WORDS[this.drawFunction(random)] ?? 'the';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function person(random: Random): Person {
  return {
    first: random.pick(FIRST_NAMES),
    last: random.pick(SURNAMES),
    ...(random.chance(0.5) ? { title: random.pick(PERSON_TITLES) } : {}),
  };
}

function personPhrase(article: Article): string {
  const { random } = article;
  const who = random.chance(0.75) ? random.pick(article.people) : person(random);
  const form = random.next();
  if (form < 0.3) return who.last;
  if (form < 0.6 && who.title) return `${who.title} ${who.first} ${who.last}`;
  return `${who.first} ${who.last}`;
}

function figurePhrase(article: Article, vocabulary: Vocabulary): string {
  const { random } = article;
  const form = random.next();
  const what = vocabulary.contentWord(random);
  if (form < 0.35) return `${random.int(2, 99)} ${what}`;
  if (form < 0.6) return `${random.int(100, 999)} ${what}`;
  if (form < 0.8) return `${random.int(1, 99)},${String(random.int(0, 999)).padStart(3, '0')} ${what}`;
  if (form < 0.92) return `${random.int(1, 40)}.${random.int(1, 9)} percent`;
  return `${random.pick(['dozens', 'hundreds', 'thousands'])} of ${what}`;
}

function datePhrase(random: Random): string {
  const form = random.next();
  if (form < 0.45) return `on ${random.pick(MONTHS)} ${random.int(1, 28)}`;
  if (form < 0.7) return `on ${random.pick(WEEKDAYS)}`;
  if (form < 0.9) return `in ${random.int(1991, 2022)}`;
  return random.pick(['last week', 'last month', 'this year', 'yesterday']);
}

function organisationPhrase(article: Article): string {
  const [name, acronym] = article.random.pick(article.organisations);
  if (!article.definedAcronyms.has(acronym)) {
    article.definedAcronyms.add(acronym);
    return `the ${name} (${acronym})`;
  }
  return article.random.chance(0.6) ? `the ${acronym}` : `the ${name}`;
}

function entityPhrase(article: Article, vocabulary: Vocabulary): string {
  const { random } = article;
  const kind = random.next();
  if (kind < 0.35) return personPhrase(article);
  if (kind < 0.6) {
    const place = random.chance(0.7) ? random.pick(article.places) : random.pick(PLACES);
    return random.chance(0.6) ? `in ${place}` : place;
  }
  if (kind < 0.8) return figurePhrase(article, vocabulary);
  if (kind < 0.95) return datePhrase(random);
  return organisationPhrase(article);
}

function sentence(article: Article, vocabulary: Vocabulary): string {
  const { random } = article;
  const length = random.int(...SENTENCE_WORDS);
  const parts: string[] = [];
  let count = 0;
  const opener = random.next();
  if (opener < 0.1) parts.push(`On ${random.pick(WEEKDAYS)},`);
  else if (opener < 0.2) parts.push(`In ${random.pick(article.places)},`);
  while (count < length) {
    const slot = random.next();
    let part: string;
    if (slot < ENTITY_SHARE) part = entityPhrase(article, vocabulary);
    else if (slot < ENTITY_SHARE + FUNCTION_WORD_SHARE) part = vocabulary.functionWord(random);
    else if (random.chance(TOPIC_SHARE)) part = random.pick(article.topicWords);
    else part = vocabulary.contentWord(random);
    if (count > 2 && count < length - 3 && random.chance(0.05)) part += ',';
    parts.push(part);
    count += part.split(' ').length;
  }
  const body = capitalise(parts.join(' '));
  if (random.chance(0.1)) return `“${body},” said ${personPhrase(article)}.`;
  return `${body}.`;
}

function paragraph(article: Article, vocabulary: Vocabulary): string {
  const sentences: string[] = [];
  const count = article.random.int(...PARAGRAPH_SENTENCES);
  for (let i = 0; i < count; i++) sentences.push(sentence(article, vocabulary));
  return sentences.join(' ');
}

function isoDate(random: Random): string {
  const day = new Date(Date.UTC(2021, 11, 1) + random.int(0, 120) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function articleMarkdown(
  article: Article,
  vocabulary: Vocabulary,
  paragraphs: number,
  number: number,
): string {
  const { random } = article;
  const [lead] = article.people;
  const titleWords = [
    random.pick(article.topicWords),
    random.pick(article.topicWords),
    random.pick(article.places),
  ];
  // The article number keeps titles distinct, as duplicate detection compares title and date.
  const title = `${lead?.last ?? 'Officials'} ${titleWords.join(' ')}: report ${number}`;
  const body: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 0 && random.chance(0.04)) {
      body.push(random.chance(0.5) ? `## ${capitalise(random.pick(article.topicWords))}` : `– Reaction –`);
    }
    body.push(paragraph(article, vocabulary));
  }
  const frontMatter = [
    '---',
    `title: "${title}"`,
    `source: ${random.pick(SOURCES)}`,
    `date: ${isoDate(random)}`,
    'language: en',
    ...(random.chance(0.5) ? [`url: https://news.example.org/${number}`] : []),
    '---',
  ];
  return `${frontMatter.join('\n')}\n${body.join('\n\n')}\n`;
}

/** Markdown articles with front matter, holding exactly `shape.passages` paragraphs in all; the same seed gives the same bytes. */
export function generateArticles(shape: CorpusShape): ArticleFile[] {
  const random = seededRandom(shape.seed);
  const vocabulary = new Vocabulary(random);
  const encoder = new TextEncoder();
  const files: ArticleFile[] = [];
  let remaining = shape.passages;
  while (remaining > 0) {
    const paragraphs = Math.min(remaining, random.int(...ARTICLE_PARAGRAPHS));
    remaining -= paragraphs;
    const article: Article = {
      random,
      topicWords: Array.from({ length: 10 }, () => vocabulary.topicWord(random)),
      people: Array.from({ length: 3 }, () => person(random)),
      places: Array.from({ length: 2 }, () => random.pick(PLACES)),
      organisations: Array.from({ length: 2 }, () => random.pick(ORGANISATIONS)),
      definedAcronyms: new Set(),
    };
    const number = files.length + 1;
    const markdown = articleMarkdown(article, vocabulary, paragraphs, number);
    files.push({ file: `article-${String(number).padStart(5, '0')}.md`, bytes: encoder.encode(markdown) });
  }
  return files;
}

/**
 * A synthetic news corpus, parsed by the same code that reads a corpus directory, so the benchmark
 * measures passages exactly as Dossier would hold them. Pass `articles` to time the parsing on its own.
 */
export function generateCorpus(shape: CorpusShape, articles = generateArticles(shape)): Corpus {
  const corpus = buildCorpus(`synthetic:${shape.seed}:${shape.passages}`, articles);
  const problem = corpus.problems[0];
  if (problem) throw new Error(`generateCorpus: ${problem.file} ${problem.reason}`);
  return corpus;
}
