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

function continuesAfter(previous: string, next: string): boolean {
  if (CONTINUES_PREVIOUS.test(next)) return true;
  const lastWord = previous.slice(previous.lastIndexOf(' ') + 1).replace(/^[“"‘(]/, '');
  if (TITLES.has(lastWord.toLowerCase()) || INITIALISM.test(lastWord)) return true;
  return ABBREVIATIONS.has(lastWord.toLowerCase()) && OPENS_WITH_FIGURE.test(next);
}

/**
 * Splits text into sentence spans, offset by `base`, so each sentence is `documentText.slice(start, end)`.
 */
export function splitSentences(text: string, base = 0): Span[] {
  const spans: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    if (end <= start) continue;
    const previous = spans.at(-1);
    if (
      previous &&
      continuesAfter(text.slice(previous.start - base, previous.end - base), text.slice(start, end))
    ) {
      previous.end = base + end;
    } else {
      spans.push({ start: base + start, end: base + end });
    }
  }
  return spans;
}
