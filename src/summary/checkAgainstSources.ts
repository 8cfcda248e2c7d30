import { quoteOf } from '../answer/citation.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import { normalizeTerm, termsOf, tokenizeWithOffsets, wordsOfMessage } from '../text/textProcessing.ts';
import { coverageOf, fuzzyFormsOf, inCorpus, type RelatedPolicy, termFormsOf } from './queryCoverage.ts';
import {
  MIN_MESSAGE_RELATED_SIMILARITY,
  MIN_SHARED_TERMS,
  MIN_SOURCE_OVERLAP,
  SOURCE_CHECK_MATCHES,
  SOURCE_CHECK_PASSAGES,
} from './summaryOptions.ts';
import { TermVector } from './TermVector.ts';
import type { SourceCheck, SourceMatch } from './types.ts';

/**
 * Chat is loose ("the whole thing", "crazy"), and the word-vector table pairs such words with corpus words
 * ("whole" with "complete", "crazy" with "disturbed"): a message's word brings a relative only when the corpus
 * lacks the word itself, and only a close one ("troops" for "soldiers").
 */
const MESSAGE_RELATED: RelatedPolicy = { minSimilarity: MIN_MESSAGE_RELATED_SIMILARITY, onlyForAbsent: true };

/** The words of a sentence, as written, whose terms are among `terms`. */
function surfaceWords(sentence: string, terms: ReadonlySet<string>): string[] {
  const words = tokenizeWithOffsets(sentence)
    .filter(({ surface }) => {
      const term = normalizeTerm(surface);
      return term !== null && terms.has(term);
    })
    .map(({ surface }) => surface);
  return [...new Set(words)];
}

/**
 * The corpus sentences that bear on one message: those holding most of the message's words the corpus
 * knows (by rarity, at least `MIN_SHARED_TERMS` of them), best first; or an honest statement that none does.
 */
export function checkAgainstSources(
  text: string,
  index: SearchIndex,
  limit = SOURCE_CHECK_MATCHES,
): SourceCheck {
  const words = wordsOfMessage(text);
  const query = index.queryTerms(words);
  const forms = new Map(
    [...termFormsOf(query, index, MESSAGE_RELATED)].filter(([, termForms]) => inCorpus(termForms, index)),
  );
  const nothing = (reason: string): SourceCheck => ({ text, found: false, matches: [], reason });
  if (forms.size < MIN_SHARED_TERMS)
    return nothing('Nothing in the corpus bears on this: it shares too few words with the sources.');
  const hits = index.search(query, SOURCE_CHECK_PASSAGES);
  const fuzzyForms = fuzzyFormsOf(hits, query);
  const messageVector = TermVector.of(words, (term) => index.idf(term));
  const matches: SourceMatch[] = [];
  for (const { passage, document } of hits) {
    for (const span of passage.sentences) {
      const sentence = document.text.slice(span.start, span.end);
      const terms = termsOf(sentence);
      const coverage = coverageOf(terms, forms, fuzzyForms, index);
      if (coverage.covered < MIN_SHARED_TERMS || coverage.share < MIN_SOURCE_OVERLAP) continue;
      if (matches.some((match) => match.quote === sentence)) continue;
      // Equal coverage: the sentence closest to the message as a whole reads as the better match.
      const closeness = messageVector.cosine(TermVector.fromTerms(terms, (term) => index.idf(term)));
      matches.push({
        ...quoteOf(document, passage, span, coverage.share * 0.9 + closeness * 0.1),
        overlap: Math.round(coverage.share * 1000) / 1000,
        sharedWords: surfaceWords(sentence, coverage.coveringTerms),
      });
    }
  }
  matches.sort((a, b) => b.score - a.score);
  if (matches.length === 0) return nothing('Nothing in the corpus bears on this.');
  return { text, found: true, matches: matches.slice(0, limit) };
}
