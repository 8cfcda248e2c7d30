import { English } from 'sentence-splitter/lang';
import type { Span } from './types.ts';

// ICU's sentence rules find the breaks fast and cope with curly quotes, ellipses and figures; they break
// after every abbreviation, though, so breaks after the abbreviations English writers use are undone below.
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const lowerCased = (words: readonly string[]) => new Set(words.map((word) => word.toLowerCase()));
/** Abbreviations that stand before a name and never end a sentence: "Gen. Serdiukov", "Dr. Bekova". */
const TITLES = lowerCased(English.PREPOSITIVE_ABBREVIATIONS);
/** Abbreviations that may end a sentence ("Acme Co.") but not before a figure or a lower-case word. */
const ABBREVIATIONS = lowerCased(English.ABBREVIATIONS);

// A piece that opens with a closing quote or a lower-case letter is the tail of the previous one:
// `“Really?” he asked.` must stay whole.
const CONTINUES_PREVIOUS = /^[\p{Pe}\p{Pf}”’»"')\]]|^\p{Ll}/u;
const OPENS_WITH_FIGURE = /^\d/;
// "U.S." is an abbreviation: "the U.S. State Department" goes on.
const INITIALISM = /^(?:\p{Lu}\.){2,}$/u;

/** Longer than any abbreviation: the last word is looked for only this far back, whatever a sentence's length. */
const LAST_WORD_REACH = 32;

/** The word a sentence ending at `end` closes with; empty when it is longer than any abbreviation. */
function lastWordBefore(text: string, start: number, end: number): string {
  const tail = text.slice(Math.max(start, end - LAST_WORD_REACH), end);
  const space = tail.lastIndexOf(' ');
  if (space < 0 && end - start > LAST_WORD_REACH) return '';
  return tail.slice(space + 1).replace(/^[“"‘(]/, '');
}

function continuesAfter(lastWord: string, next: string): boolean {
  if (CONTINUES_PREVIOUS.test(next)) return true;
  if (TITLES.has(lastWord.toLowerCase()) || INITIALISM.test(lastWord)) return true;
  return ABBREVIATIONS.has(lastWord.toLowerCase()) && OPENS_WITH_FIGURE.test(next);
}

/**
 * Text handed to the segmenter at a time. Stepping through its segments costs time in proportion to the whole
 * string for each one, so a paragraph of thousands of sentences is read window by window, which keeps the
 * split linear in the text's length.
 */
const WINDOW_CHARS = 4096;
/** A break this close to a window's end may depend on text beyond it, so it is found again in the next window. */
const LOOKAHEAD_CHARS = 256;

/** ICU's sentence segments of `text`, with their offsets, in one pass whatever the text's length. */
function* segmentsOf(text: string): Generator<{ segment: string; index: number }> {
  let from = 0;
  let window = WINDOW_CHARS;
  while (from < text.length) {
    const to = Math.min(text.length, from + window);
    const last = to === text.length;
    let next = from;
    for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
      const end = from + index + segment.length;
      if (!last && end > to - LOOKAHEAD_CHARS) break;
      yield { segment, index: from + index };
      next = end;
    }
    // A sentence longer than the window: look again with a window twice as wide.
    window = next === from ? window * 2 : WINDOW_CHARS;
    from = next;
  }
}

/**
 * Splits text into sentence spans, offset by `base`, so each sentence is `documentText.slice(start, end)`.
 */
export function splitSentences(text: string, base = 0): Span[] {
  const spans: Span[] = [];
  for (const { segment, index } of segmentsOf(text)) {
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    if (end <= start) continue;
    const previous = spans.at(-1);
    if (
      previous &&
      continuesAfter(lastWordBefore(text, previous.start - base, previous.end - base), text.slice(start, end))
    ) {
      previous.end = base + end;
    } else {
      spans.push({ start: base + start, end: base + end });
    }
  }
  return spans;
}
