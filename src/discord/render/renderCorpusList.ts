import type { CorpusProblem } from '../../corpus/types.ts';
import type { DocumentSummary } from '../../store/ChangeReport.ts';
import { countOf, documentLine, problemLine } from './changeReportEmbed.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { pagingRow } from './pagingRow.ts';
import type { ReplyMessage } from './ReplyMessage.ts';
import { linesWithin } from './truncateText.ts';

/** Documents per page: ten lines of up to about 250 characters stay well within a description. */
const DOCUMENTS_PER_PAGE = 10;

export interface CorpusListView {
  /** Live documents, in the order they are listed (oldest article first). */
  documents: readonly DocumentSummary[];
  /** Files in the corpus folder that do not load. */
  invalid: readonly CorpusProblem[];
  /** 0-based; clamped to the pages there are. */
  page: number;
  /** Builds the custom id of the button that opens a page; no buttons without it. */
  pageId?: (page: number) => string;
}

/** How many pages a list of `documents` takes. */
function listPageCount(documents: number): number {
  return Math.max(1, Math.ceil(documents / DOCUMENTS_PER_PAGE));
}

/**
 * One page of the corpus for moderators: each document's title, source, date, passage count and id, files
 * that do not load with their reasons, and buttons to page. Private to the moderator who asked.
 */
export function renderCorpusList(view: CorpusListView): ReplyMessage {
  const pages = listPageCount(view.documents.length);
  const page = Math.min(Math.max(0, view.page), pages - 1);
  const first = page * DOCUMENTS_PER_PAGE;
  const lines = view.documents
    .slice(first, first + DOCUMENTS_PER_PAGE)
    .map((document, i) => `**${first + i + 1}.** ${documentLine(document)}`);
  const passages = view.documents.reduce((sum, document) => sum + document.passages, 0);
  const row = view.pageId ? pagingRow({ pageId: view.pageId, page, pages }) : undefined;
  const fields =
    view.invalid.length > 0
      ? [
          {
            name: `Not loaded (${view.invalid.length})`,
            value: linesWithin(
              view.invalid.map((problem) => `- ${problemLine(problem)}`),
              DISCORD_LIMITS.fieldValue,
            ),
          },
        ]
      : [];
  return {
    embeds: [
      {
        color: EMBED_COLORS.info,
        title: `Corpus: ${countOf(view.documents.length, 'document')}`,
        description:
          lines.length > 0
            ? linesWithin(lines, DISCORD_LIMITS.embedDescription)
            : '*No article loads. Add one with `/corpus add`.*',
        fields,
        footer: {
          text: `Page ${page + 1} of ${pages} · ${countOf(passages, 'passage')} in all · oldest article first · the id is what replace and remove take`,
        },
      },
    ],
    components: row ? [row] : [],
    ephemeral: true,
  };
}
