import type { Citation } from '../../corpus/citation.ts';
import { quoteMarkdown } from './quoteMarkdown.ts';
import { truncateText } from './truncateText.ts';

/** Titles are cut here in citation lines; the full title is one click away. */
const MAX_CITED_TITLE_CHARS = 150;

/** The URL, made safe to put inside a Markdown link, when it is a web address; otherwise `undefined`. */
export function linkableUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return undefined;
  }
}

/** A title as the text of a Markdown link: escaped, and without brackets that would end the link early. */
function linkText(title: string): string {
  return quoteMarkdown(truncateText(title, MAX_CITED_TITLE_CHARS).replace(/\[/g, '(').replace(/\]/g, ')'));
}

/** `Title · Source · 2022-01-13 · ¶3`, the title linked to the article when it has a URL. */
export function citationMarkdown(citation: Citation): string {
  const url = linkableUrl(citation.url);
  const title = url ? `[${linkText(citation.title)}](${url})` : `*${linkText(citation.title)}*`;
  return [title, quoteMarkdown(citation.source), citation.date || 'undated', `¶${citation.paragraph}`].join(
    ' · ',
  );
}
