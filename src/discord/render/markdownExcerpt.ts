import type { Span } from '../../corpus/types.ts';
import { quoteMarkdown } from './quoteMarkdown.ts';
import { cutIndex, ELLIPSIS } from './truncateText.ts';

export interface ExcerptOptions {
  /** The longest the rendered Markdown may be, markers and escapes included. */
  max: number;
  /** Ranges of the text shown in bold: the answer sentence, or the words a search matched. */
  highlights?: readonly Span[];
  /** What must stay in view when the text is too long; the first highlight by default. */
  focus?: Span;
}

/** Context before a focus is only cut at a sentence start when that keeps most of the room. */
const MIN_SENTENCE_START_SHARE = 0.6;
const SENTENCE_START = /[.!?…]["'”’»)\]]*\s+(?=\S)/g;

/** The earliest position in `[from, to]` where a sentence, or at least a word, begins. */
function startIndex(text: string, from: number, to: number): number {
  if (from <= 0) return 0;
  const room = to - from;
  SENTENCE_START.lastIndex = from - 1;
  for (let match = SENTENCE_START.exec(text); match; match = SENTENCE_START.exec(text)) {
    const start = match.index + match[0].length;
    if (start > to || to - start < room * MIN_SENTENCE_START_SHARE) break;
    if (start >= from) return start;
  }
  const space = text.slice(from - 1, to).search(/\s\S/);
  return space < 0 ? to : from + space;
}

/** The range of `text` to show within `budget` characters, keeping `focus` and as much around it as fits. */
function windowAround(text: string, focus: Span, budget: number): Span {
  const focusLength = focus.end - focus.start;
  if (focusLength >= budget) {
    return { start: focus.start, end: focus.start + cutIndex(text.slice(focus.start), budget) };
  }
  const spare = budget - focusLength;
  const after = Math.min(text.length - focus.end, spare - Math.min(focus.start, Math.floor(spare / 2)));
  const before = Math.min(focus.start, spare - after);
  return {
    start: startIndex(text, focus.start - before, focus.start),
    end: focus.end + cutIndex(text.slice(focus.end), after),
  };
}

function bold(raw: string): string {
  const inner = raw.trim();
  if (!inner) return raw;
  // Discord only renders `**` hugging the text, so surrounding spaces move outside the markers.
  return `${/^\s/.test(raw) ? ' ' : ''}**${quoteMarkdown(inner)}**${/\s$/.test(raw) ? ' ' : ''}`;
}

function renderWindow(text: string, window: Span, highlights: readonly Span[]): string {
  const parts: string[] = [];
  let cursor = window.start;
  for (const highlight of highlights) {
    const start = Math.max(highlight.start, cursor);
    const end = Math.min(highlight.end, window.end);
    if (start >= end) continue;
    parts.push(quoteMarkdown(text.slice(cursor, start)), bold(text.slice(start, end)));
    cursor = end;
  }
  parts.push(quoteMarkdown(text.slice(cursor, window.end)));
  const body = parts.join('').replace(/ {2,}/g, ' ').trim();
  const opened = window.start > 0 ? `${ELLIPSIS} ${body}` : body;
  if (window.end >= text.trimEnd().length) return opened;
  return /[.!?…]["'”’»)\]]*(\*\*)?$/.test(body) ? `${opened} ${ELLIPSIS}` : `${opened}${ELLIPSIS}`;
}

/**
 * Renders text as safe Markdown within `max` characters: escaped, mentions inert, highlights in bold. Text
 * too long is cut around the focus at sentence or word boundaries, and each cut shows an ellipsis.
 */
export function markdownExcerpt(text: string, options: ExcerptOptions): string {
  const highlights = [...(options.highlights ?? [])]
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const focus = options.focus ?? highlights[0] ?? { start: 0, end: 0 };
  const whole = renderWindow(text, { start: 0, end: text.length }, highlights);
  if (whole.length <= options.max) return whole;
  // Room for an ellipsis and a space at either end.
  let budget = options.max - 2 * (ELLIPSIS.length + 1);
  while (budget > 0) {
    const rendered = renderWindow(text, windowAround(text, focus, budget), highlights);
    if (rendered.length <= options.max) return rendered;
    // Escapes and bold markers make the Markdown longer than the raw text; shrink the raw budget by the excess.
    budget -= rendered.length - options.max;
  }
  return ELLIPSIS;
}
