import type { SearchIndex } from '../search/SearchIndex.ts';
import { normalizeTerm, termsOf, tokenize, wordsOfMessage } from '../text/textProcessing.ts';
import { type AnswerModel, shippedAnswerModel } from './answerModel.ts';
import { expectedAnswerType, questionSubject } from './answerTypes.ts';
import { quoteOf } from './citation.ts';
import { readingsOf } from './passageReadings.ts';
import { rankSentences, type SentenceCandidate } from './rankSentences.ts';
import type { AnswerResult } from './types.ts';

export interface AskOptions {
  /** How many answers to return at most. */
  top?: number;
  /**
   * The confidence an answer needs, 0–1; the fitted model's operating point by default. Higher is more
   * cautious: fewer questions answered, more of those answered right.
   */
  minConfidence?: number;
}

/** Passages whose sentences are ranked; beyond these, answers are too weak to matter. */
const CANDIDATE_PASSAGES = 12;
/** At most this many answers from one article, so a second source's account is not crowded out. */
const MAX_ANSWERS_PER_DOCUMENT = 2;
const RELATED_PASSAGES = 3;
/** Questions are cut here: nobody types more, and it bounds the work a hostile question can cause. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Two quotes sharing this share of their terms (of all the terms either uses) say the same thing, as articles
 * repeating a wire report do ("Kazakh authorities said 225 people had been killed…"). Measured: such repeats
 * share 0.68–0.9; two sentences about one fact in different words ("The last soldiers left…"), about 0.45.
 */
const SAME_REPORT_OVERLAP = 0.6;

function termSetOf(index: SearchIndex, candidate: SentenceCandidate): Set<string> {
  const { document, passage } = candidate.hit;
  // A quote of one sentence has been read already; one of two is read afresh, the words between them too.
  const sentence = passage.sentences.indexOf(candidate.span);
  if (sentence >= 0) return new Set(readingsOf(index).reading(document, passage).sentenceTerms(sentence));
  return new Set(termsOf(document.text.slice(candidate.span.start, candidate.span.end)));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

function pickDiverse(
  index: SearchIndex,
  candidates: readonly SentenceCandidate[],
  top: number,
  minConfidence: number,
): SentenceCandidate[] {
  const chosen: SentenceCandidate[] = [];
  const chosenTerms: Array<Set<string>> = [];
  const perDocument = new Map<string, number>();
  const quoted = new Set<string>();
  for (const candidate of candidates) {
    if (chosen.length >= top || candidate.confidence < minConfidence) break;
    const docId = candidate.hit.document.id;
    const key = `${docId}:${candidate.span.start}`;
    if (quoted.has(key) || (perDocument.get(docId) ?? 0) >= MAX_ANSWERS_PER_DOCUMENT) continue;
    // The same report in a second article adds a citation but no information; another account may.
    const terms = termSetOf(index, candidate);
    if (chosenTerms.some((other) => overlap(terms, other) >= SAME_REPORT_OVERLAP)) continue;
    // A sentence already inside a chosen two-sentence quote adds nothing.
    if (
      chosen.some(
        (other) =>
          other.hit.document.id === docId &&
          other.span.start <= candidate.span.start &&
          candidate.span.end <= other.span.end,
      )
    )
      continue;
    quoted.add(key);
    perDocument.set(docId, (perDocument.get(docId) ?? 0) + 1);
    chosen.push(candidate);
    chosenTerms.push(terms);
  }
  return chosen;
}

/** Words named in an abstention at most: a pasted paragraph would otherwise be echoed back in full. */
const MAX_UNKNOWN_WORDS_NAMED = 5;
const MAX_UNKNOWN_WORD_CHARS = 40;

function unknownWords(question: string, index: SearchIndex): string[] {
  const unknown = tokenize(question).filter((word) => {
    const term = normalizeTerm(word);
    return term !== null && !index.hasTerm(term);
  });
  return [...new Set(unknown)];
}

function notMentioned(words: readonly string[]): string {
  const named = words
    .slice(0, MAX_UNKNOWN_WORDS_NAMED)
    .map(
      (word) =>
        `"${word.length > MAX_UNKNOWN_WORD_CHARS ? `${word.slice(0, MAX_UNKNOWN_WORD_CHARS)}…` : word}"`,
    );
  const more = words.length - named.length;
  return `The corpus does not mention ${named.join(', ')}${more > 0 ? ` or ${more} more of the question's words` : ''}.`;
}

/**
 * The sentences that might answer a question, most confident first, and the question's words as they were
 * matched; `candidates` is undefined when the question has no word to look up.
 */
export function candidateAnswers(
  index: SearchIndex,
  question: string,
  model: AnswerModel = shippedAnswerModel(),
): { asked: string; candidates?: SentenceCandidate[] } {
  // A question typed in a chat may mention people or paste a link; neither is something to look up.
  const asked = wordsOfMessage(question.slice(0, MAX_QUESTION_CHARS));
  const query = index.queryTerms(questionSubject(asked));
  if (query.terms.length === 0) return { asked };
  const hits = index.search(query, CANDIDATE_PASSAGES);
  return { asked, candidates: rankSentences(asked, query, expectedAnswerType(asked), hits, index, model) };
}

/**
 * Answers a question with verbatim, cited sentences from the corpus, or abstains when the corpus does
 * not answer it. Never rewrites a word: every quote is a slice of an article.
 */
export function answerQuestion(index: SearchIndex, question: string, options: AskOptions = {}): AnswerResult {
  const top = Math.max(1, options.top ?? 3);
  const { asked, candidates } = candidateAnswers(index, question);
  if (!candidates) {
    return {
      question,
      answered: false,
      answers: [],
      reason: 'The question has no words to look up; ask about a person, place, event or figure.',
    };
  }
  const minConfidence = options.minConfidence ?? shippedAnswerModel().threshold;
  if (!candidates[0] || candidates[0].confidence < minConfidence) {
    const missing = unknownWords(asked, index);
    const seen = new Set<string>();
    const related = candidates
      .filter((candidate) => !seen.has(candidate.hit.passage.id) && seen.add(candidate.hit.passage.id))
      .slice(0, RELATED_PASSAGES)
      .map(({ hit, span, confidence }) => quoteOf(hit.document, hit.passage, span, confidence));
    return {
      question,
      answered: false,
      answers: [],
      ...(related.length > 0 ? { related } : {}),
      reason:
        missing.length > 0
          ? notMentioned(missing)
          : 'No sentence in the corpus answers enough of the question.',
    };
  }
  const answers = pickDiverse(index, candidates, top, minConfidence).map(({ hit, span, confidence }) => ({
    ...quoteOf(hit.document, hit.passage, span, confidence),
    confidence: Math.round(confidence * 1000) / 1000,
  }));
  return { question, answered: true, answers };
}
