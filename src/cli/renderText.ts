import type { AnswerResult, Quote } from '../answer/types.ts';
import type { Citation } from '../corpus/citation.ts';

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (useColour ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (useColour ? `\x1b[2m${text}\x1b[22m` : text);

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A quote on one line, in quotation marks unless it opens with its own. */
export function quotedLine(quote: string): string {
  const line = oneLine(quote);
  return /^[“"‘«]/.test(line) ? line : `“${line}”`;
}

/** `Title · Source · 2022-01-13 · ¶3 · url`, the citation line shared by every terminal view. */
export function citationLine(citation: Citation): string {
  return [citation.title, citation.source, citation.date || 'undated', `¶${citation.paragraph}`, citation.url]
    .filter(Boolean)
    .join(' · ');
}

function renderQuote(answer: Quote, label: string): string {
  const { context, highlight } = answer;
  const marked = `${context.slice(0, highlight.start)}${bold(context.slice(highlight.start, highlight.end))}${context.slice(highlight.end)}`;
  const lines = [`${label}${quotedLine(answer.quote)}`, `   — ${citationLine(answer.citation)}`];
  // A one-sentence paragraph is all quote: printing it again as context would only repeat it.
  if (oneLine(context) !== oneLine(answer.quote)) lines.push(dim(`   ${oneLine(marked)}`));
  return lines.join('\n');
}

/**
 * A readable terminal answer: each quote, its citation line, and its paragraph with the quote in bold when the
 * paragraph holds more than the quote.
 */
export function renderAnswerText(result: AnswerResult): string {
  if (!result.answered) {
    const lines = [`Not found in the corpus. ${result.reason ?? ''}`.trim()];
    if (result.related?.length) {
      lines.push('', 'Related passages (they do not answer the question):');
      for (const [i, answer] of result.related.entries()) lines.push(renderQuote(answer, `${i + 1}. `));
    }
    return lines.join('\n');
  }
  return result.answers
    .map((answer, i) => renderQuote(answer, result.answers.length > 1 ? `${i + 1}. ` : ''))
    .join('\n\n');
}
