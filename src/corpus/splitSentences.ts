import { SentenceSplitterSyntax, split } from 'sentence-splitter';
import type { Span } from './types.ts';

// A "sentence" that opens with a closing quote or a lower-case letter is the tail of the previous one:
// `“Really?” he asked.` must stay whole.
const CONTINUES_PREVIOUS = /^[\p{Pe}\p{Pf}”’»"')\]]|^\p{Ll}/u;

// sentence-splitter keeps "in 1991. It left…" and "“It is over.” Then he left." together: a year or a
// figure can end a sentence, and so can a quotation.
const MISSED_BREAK = /(?<=\d\.|[.!?…][”’"»])\s+(?=[“"‘(]?\p{Lu})/gu;

// "U.S." is an abbreviation: "the U.S. State Department" goes on.
const ENDS_WITH_INITIALISM = /(?:^|[\s(])(?:\p{Lu}\.){2,}$/u;

function splitMissedBreaks(text: string, start: number, end: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let pieceStart = start;
  for (const gap of text.slice(start, end).matchAll(MISSED_BREAK)) {
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
    for (const [pieceStart, pieceEnd] of splitMissedBreaks(text, start, end)) {
      const previous = spans.at(-1);
      const continues =
        CONTINUES_PREVIOUS.test(text.slice(pieceStart, pieceEnd)) ||
        (previous !== undefined &&
          ENDS_WITH_INITIALISM.test(text.slice(previous.start - base, previous.end - base)));
      if (previous && continues) {
        previous.end = base + pieceEnd;
      } else {
        spans.push({ start: base + pieceStart, end: base + pieceEnd });
      }
    }
  }
  return spans;
}
