import { MAX_HEADING_CHARS } from '../constants.ts';
import { splitSentences } from './splitSentences.ts';
import type { Passage, Span } from './types.ts';

const MARKDOWN_HEADING_OPENING = /^#{1,6}\s+/;
const DASH_FRAMED_HEADING = /^[–—-]+\s*(.+?)\s*[–—-]+$/;
/** A blank line, which ends a paragraph; each match scans only the spaces after one line break. */
const BLANK_LINE = /\n[ \t]*\r?\n/g;

/** `# Title ##` without its closing hashes and the spaces before them, scanned once from the end. */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  return text.slice(0, end).trimEnd();
}

/** Returns the heading's text when a block is a section heading rather than a paragraph. */
export function headingText(block: string): string | undefined {
  if (block.includes('\n')) return undefined;
  const opening = MARKDOWN_HEADING_OPENING.exec(block);
  if (opening) {
    const rest = block.slice(opening[0].length);
    const heading = withoutClosingHashes(rest) || rest.trimEnd();
    if (heading) return heading;
  }
  // The length check comes first: the pattern backtracks, so it only ever sees a heading-sized line.
  if (block.length > MAX_HEADING_CHARS) return undefined;
  return DASH_FRAMED_HEADING.exec(block)?.[1];
}

/** The part of `text` in `[from, to)` without the whitespace around it, or `undefined` when that is all. */
function trimmedSpan(text: string, from: number, to: number): Span | undefined {
  const piece = text.slice(from, to);
  const start = from + (piece.length - piece.trimStart().length);
  const end = from + piece.trimEnd().length;
  return end > start ? { start, end } : undefined;
}

/** The paragraphs of a text as spans between blank lines, in one pass over it. */
function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const blank of text.matchAll(BLANK_LINE)) {
    const span = trimmedSpan(text, from, blank.index);
    if (span) spans.push(span);
    from = blank.index + blank[0].length;
  }
  const last = trimmedSpan(text, from, text.length);
  if (last) spans.push(last);
  return spans;
}

/**
 * Splits a document body into paragraphs at blank lines. Headings become the `section` of the paragraphs
 * below them and are not counted, so paragraph numbers match what a reader counts.
 */
export function splitPassages(docId: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let section: string | undefined;
  for (const { start, end } of paragraphSpans(text)) {
    const block = text.slice(start, end);
    const heading = headingText(block);
    if (heading !== undefined) {
      section = heading;
      continue;
    }
    const sentences = splitSentences(block, start);
    if (sentences.length === 0) continue;
    const paragraph = passages.length + 1;
    passages.push({ id: `${docId}#${paragraph}`, docId, paragraph, start, end, section, sentences });
  }
  return passages;
}
