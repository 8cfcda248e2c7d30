import { SentenceSplitterSyntax, split } from 'sentence-splitter';
import type { Span } from './types.ts';

// A "sentence" that opens with a closing quote or a lower-case letter is the tail of the previous one:
// `“Really?” he asked.` must stay whole.
const CONTINUES_PREVIOUS = /^[\p{Pe}\p{Pf}”’»"')\]]|^\p{Ll}/u;

// sentence-splitter keeps "in 1991. It left…" together; a year or figure can end a sentence.
const BREAK_AFTER_NUMBER = /(?<=\d\.)\s+(?=[“"‘(]?\p{Lu})/gu;

function breakAfterNumbers(text: string, start: number, end: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let pieceStart = start;
  for (const gap of text.slice(start, end).matchAll(BREAK_AFTER_NUMBER)) {
    pieces.push([pieceStart, start + gap.index]);
    pieceStart = start + gap.index + gap[0].length;
  }
  pieces.push([pieceStart, end]);
  return pieces;
}

/**
 * Splits text into sentence spans, offset by `base`, so each sentence is `documentText.slice(start, end)`.
 * Delegates the hard cases (abbreviations, decimals, ellipses) to sentence-splitter.
 */
export function splitSentences(text: string, base = 0): Span[] {
  const spans: Span[] = [];
  for (const node of split(text)) {
    if (node.type !== SentenceSplitterSyntax.Sentence) continue;
    const [rawStart, rawEnd] = node.range;
    const raw = text.slice(rawStart, rawEnd);
    const start = rawStart + (raw.length - raw.trimStart().length);
    const end = rawEnd - (raw.length - raw.trimEnd().length);
    if (end <= start) continue;
    for (const [pieceStart, pieceEnd] of breakAfterNumbers(text, start, end)) {
      const previous = spans.at(-1);
      if (previous && CONTINUES_PREVIOUS.test(text.slice(pieceStart, pieceEnd))) {
        previous.end = base + pieceEnd;
      } else {
        spans.push({ start: base + pieceStart, end: base + pieceEnd });
      }
    }
  }
  return spans;
}
