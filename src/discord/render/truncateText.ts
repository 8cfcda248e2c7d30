/** Marks text that was cut, so a reader always sees that more exists. */
export const ELLIPSIS = '…';

/** A cut is only worth making at a sentence end when it keeps most of what fits. */
const MIN_SENTENCE_CUT_SHARE = 0.6;

const SENTENCE_END = /[.!?…]["'”’»)\]]*(?=\s)/g;
const TRAILING_PUNCTUATION = /[\s,;:–—-]+$/u;

/** Where a cut at or before `limit` leaves whole words: after a sentence when that keeps enough, else at a space. */
export function cutIndex(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  let sentenceCut = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end > limit) break;
    sentenceCut = end;
  }
  if (sentenceCut >= limit * MIN_SENTENCE_CUT_SHARE) return sentenceCut;
  const whitespace = text.slice(0, limit + 1).search(/\s\S*$/);
  if (whitespace > 0) return whitespace;
  // One word longer than the whole budget: cut it, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * Shortens text to at most `max` characters, cutting after a sentence or between words and ending with a
 * visible ellipsis, so nothing is ever cut silently or mid-word.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const kept = text.slice(0, cutIndex(text, max - ELLIPSIS.length - 1)).replace(TRAILING_PUNCTUATION, '');
  return /[.!?…]["'”’»)\]]*$/.test(kept) ? `${kept} ${ELLIPSIS}` : `${kept}${ELLIPSIS}`;
}

/** As many whole lines as fit in `max` characters, and an ellipsis line when some had to be left out. */
export function linesWithin(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max - 2) return [...kept, ELLIPSIS].join('\n');
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}
