import { MAX_HEADING_CHARS } from '../constants.ts';
import { splitSentences } from './splitSentences.ts';
import type { Passage } from './types.ts';

const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
const DASH_FRAMED_HEADING = /^[–—-]+\s*(.+?)\s*[–—-]+$/;

/** Returns the heading's text when a block is a section heading rather than a paragraph. */
export function headingText(block: string): string | undefined {
  if (block.includes('\n')) return undefined;
  const markdown = MARKDOWN_HEADING.exec(block);
  if (markdown?.[1]) return markdown[1];
  const dashed = DASH_FRAMED_HEADING.exec(block);
  if (dashed?.[1] && block.length <= MAX_HEADING_CHARS) return dashed[1];
  return undefined;
}

/**
 * Splits a document body into paragraphs at blank lines. Headings become the `section` of the paragraphs
 * below them and are not counted, so paragraph numbers match what a reader counts.
 */
export function splitPassages(docId: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let section: string | undefined;
  const blockPattern = /\S[\s\S]*?(?=\n[ \t]*\r?\n|\s*$)/g;
  for (const match of text.matchAll(blockPattern)) {
    const start = match.index;
    const end = start + match[0].trimEnd().length;
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
