import type { Corpus } from '../src/corpus/types.ts';
import { normalizeTerm, tokenizeWithOffsets } from '../src/text/textProcessing.ts';
import { type Random, seededRandom } from './seededRandom.ts';
import { ABSENT_WORDS, PLACES, SURNAMES } from './vocabulary.ts';

export interface QuestionShape {
  seed: number;
  count: number;
  /** Share of questions built from words no article contains. */
  unanswerableShare?: number;
  /** Share of questions that misspell a name, as people typing from memory do. */
  misspeltShare?: number;
}

/** A benchmark question, and whether it was built so that the corpus can answer it. */
export interface GeneratedQuestion {
  text: string;
  answerable: boolean;
  /** The sentence an answerable question was built from: its document and offsets. */
  source?: { docId: string; start: number; end: number };
}

type QuestionKind = 'who' | 'when' | 'how many' | 'where' | 'what';
const KINDS: readonly QuestionKind[] = ['who', 'when', 'how many', 'where', 'what'];

const NAMES = new Set([...SURNAMES, ...PLACES]);
// Article words never contain "q" or "zh", so words starting with these are never in the corpus.
const ABSENT_ONSETS = ['zhq', 'zhv', 'qz', 'xq'];

interface SentenceWords {
  content: string[];
  names: string[];
}

function sentenceWords(text: string): SentenceWords {
  const content: string[] = [];
  const names: string[] = [];
  for (const { surface } of tokenizeWithOffsets(text)) {
    if (NAMES.has(surface)) names.push(surface);
    else if (/^\p{Ll}{3,}$/u.test(surface) && normalizeTerm(surface)) content.push(surface);
  }
  return { content, names };
}

/** A few words in their sentence order, so a question reads like one. */
function someOf(random: Random, words: readonly string[], count: number): string[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, words.length)) chosen.add(random.int(0, words.length - 1));
  return [...chosen].sort((a, b) => a - b).map((position) => words[position] ?? '');
}

function askFrom(random: Random, kind: QuestionKind, words: SentenceWords): string {
  const name = words.names.length > 0 ? random.pick(words.names) : undefined;
  const [a, b, c] = someOf(random, words.content, random.int(2, 3));
  const tail = c ? ` ${c}` : '';
  switch (kind) {
    case 'who':
      return `Who ${a} the ${b}${tail}${name ? ` in ${name}` : ''}?`;
    case 'when':
      return `When did ${name ?? `the ${a}`} ${name ? a : ''} ${b}${tail}?`.replace(/ +/g, ' ');
    case 'how many':
      return `How many ${a} ${b}${tail}${name ? ` in ${name}` : ''}?`;
    case 'where':
      return `Where did the ${a} ${b}${tail}?`;
    case 'what':
      return `What ${a} the ${b}${tail}${name ? ` of ${name}` : ''}?`;
  }
}

function misspell(random: Random, name: string): string {
  const position = random.int(1, name.length - 2);
  const letters = [...name];
  const here = letters[position] ?? 'a';
  const next = letters[position + 1] ?? 'a';
  letters[position] = next;
  letters[position + 1] = here;
  const swapped = letters.join('');
  return swapped === name ? `${name.slice(0, position)}${name.slice(position + 1)}` : swapped;
}

function absentWord(random: Random): string {
  return random.chance(0.5)
    ? random.pick(ABSENT_WORDS)
    : `${random.pick(ABSENT_ONSETS)}${random.pick(['a', 'o', 'i'])}${random.pick(['rv', 'lt', 'nd'])}${random.pick(['ane', 'ic', 'or'])}`;
}

function unanswerable(random: Random, kind: QuestionKind): string {
  const [x, y] = [absentWord(random), absentWord(random)];
  switch (kind) {
    case 'who':
      return `Who won the ${x} ${y}?`;
    case 'when':
      return `When did the ${x} ${y} open in ${random.pick(PLACES)}?`;
    case 'how many':
      return `How many ${x} were sold at the ${y}?`;
    case 'where':
      return `Where is the ${x} ${y}?`;
    case 'what':
      return `What ${x} did the ${y} play?`;
  }
}

/**
 * Question-shaped queries over a corpus: most are built from the words of one of its sentences, so the
 * corpus holds an answer; some misspell a name, and some ask about things no article mentions.
 */
export function generateQuestions(corpus: Corpus, shape: QuestionShape): GeneratedQuestion[] {
  const random = seededRandom(shape.seed);
  const unanswerableShare = shape.unanswerableShare ?? 0.1;
  const misspeltShare = shape.misspeltShare ?? 0.05;
  const documents = corpus.documents;
  if (documents.length === 0) throw new Error('generateQuestions: the corpus has no documents');
  const questions: GeneratedQuestion[] = [];
  while (questions.length < shape.count) {
    const kind = random.pick(KINDS);
    const roll = random.next();
    if (roll < unanswerableShare) {
      questions.push({ text: unanswerable(random, kind), answerable: false });
      continue;
    }
    const document = random.pick(documents);
    const passage = random.pick(document.passages);
    const sentence = random.pick(passage.sentences);
    const words = sentenceWords(document.text.slice(sentence.start, sentence.end));
    if (words.content.length < 2) continue;
    if (roll < unanswerableShare + misspeltShare) {
      const name = words.names.find((candidate) => candidate.length >= 6);
      if (!name) continue;
      words.names = [misspell(random, name)];
    }
    questions.push({
      text: askFrom(random, kind, words),
      answerable: true,
      source: { docId: document.id, start: sentence.start, end: sentence.end },
    });
  }
  return questions;
}
