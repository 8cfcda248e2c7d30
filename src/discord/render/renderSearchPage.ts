import type { Span } from '../../corpus/types.ts';
import type { PassageResult } from '../../search/searchPassages.ts';
import { normalizeTerm, tokenizeWithOffsets } from '../../text/textProcessing.ts';
import { citationMarkdown } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { pagingRow } from './pagingRow.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** Passages per page of search results. */
const RESULTS_PER_PAGE = 5;

export interface SearchView {
  query: string;
  results: readonly PassageResult[];
  /** Index terms of the query; words of a passage that reduce to one of them are shown in bold. */
  terms: ReadonlySet<string>;
  /** 0-based; clamped to the pages there are. */
  page: number;
  pageId?: (page: number) => string;
}

/** The words of `text` that match the query's terms, by the same normalisation the index uses. */
function matchedWords(text: string, terms: ReadonlySet<string>): Span[] {
  return tokenizeWithOffsets(text)
    .filter((token) => {
      const term = normalizeTerm(token.surface);
      return term !== null && terms.has(term);
    })
    .map(({ start, end }) => ({ start, end }));
}

export function pageCount(results: number): number {
  return Math.max(1, Math.ceil(results / RESULTS_PER_PAGE));
}

/** One page of ranked passages, matched words in bold, each with its citation, and buttons to page. */
export function renderSearchPage(view: SearchView): ReplyMessage {
  const pages = pageCount(view.results.length);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const first = page * RESULTS_PER_PAGE;
  const perResult = Math.floor((DISCORD_LIMITS.embedDescription - 100) / RESULTS_PER_PAGE);
  const entries = view.results.slice(first, first + RESULTS_PER_PAGE).map((result, i) => {
    const citation = citationMarkdown(result.citation);
    const head = `**${first + i + 1}.** `;
    const room = perResult - head.length - citation.length - 4;
    return `${head}${markdownExcerpt(result.text, { highlights: matchedWords(result.text, view.terms), max: room })}\n— ${citation}`;
  });
  const row = view.pageId ? pagingRow({ pageId: view.pageId, page, pages }) : undefined;
  return {
    embeds: [
      {
        color: EMBED_COLORS.search,
        title: markdownExcerpt(`Passages matching “${view.query}”`, { max: DISCORD_LIMITS.embedTitle }),
        description: entries.join('\n\n'),
        footer: {
          text: `Page ${page + 1} of ${pages} · ${view.results.length} passages, best match first · matched words in bold`,
        },
      },
    ],
    components: row ? [row] : [],
  };
}
