import type { APIEmbedField } from 'discord-api-types/v10';
import type { CorpusDocument, Passage } from '../../corpus/types.ts';
import { linkableUrl } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { pagingRow } from './pagingRow.ts';
import type { ReplyMessage } from './ReplyMessage.ts';
import { truncateText } from './truncateText.ts';

/** Room for the paragraph asked for, and for each neighbour; together well within a description's 4096. */
const TARGET_MAX = 2000;
const NEIGHBOUR_MAX = 900;

export interface SourceView {
  document: CorpusDocument;
  /** 1-based; clamped to the paragraphs there are. */
  paragraph: number;
  /** Builds the custom id of the button that opens another paragraph; no buttons without it. */
  paragraphId?: (paragraph: number) => string;
}

function field(name: string, value: string, inline = true): APIEmbedField {
  return { name, value: markdownExcerpt(value, { max: DISCORD_LIMITS.fieldValue }), inline };
}

function renderPassage(
  document: CorpusDocument,
  passage: Passage,
  isTarget: boolean,
  previous?: Passage,
): string {
  const text = document.text.slice(passage.start, passage.end);
  const body = markdownExcerpt(text, { max: isTarget ? TARGET_MAX : NEIGHBOUR_MAX });
  const lines: string[] = [];
  if (passage.section && passage.section !== previous?.section) {
    lines.push(`__${markdownExcerpt(passage.section, { max: 200 })}__`);
  }
  lines.push(isTarget ? `> **¶${passage.paragraph}** ${body}` : `**¶${passage.paragraph}** ${body}`);
  return lines.join('\n');
}

/** A paragraph of an article with the ones before and after it, the article's details, and buttons to move on. */
export function renderSource(view: SourceView): ReplyMessage {
  const { document } = view;
  const count = document.passages.length;
  const paragraph = Math.min(Math.max(1, view.paragraph), Math.max(1, count));
  const shown = document.passages.filter((passage) => Math.abs(passage.paragraph - paragraph) <= 1);
  const description = shown
    .map((passage, i) => renderPassage(document, passage, passage.paragraph === paragraph, shown[i - 1]))
    .join('\n\n');
  const fields = [
    field('Source', document.source),
    field('Date', document.date || 'undated'),
    ...(document.author ? [field('Author', document.author)] : []),
    field('Paragraphs', String(count)),
    // Ids are made of letters, digits and hyphens, so they need no escaping inside code.
    { name: 'Document', value: `\`${document.id}\``, inline: true },
  ];
  const url = linkableUrl(document.url);
  const row = pagingRow({
    pageId: (page) => view.paragraphId?.(page + 1) ?? '',
    page: paragraph - 1,
    pages: view.paragraphId ? count : 1,
    label: (page, pages) => `¶${page + 1} of ${pages}`,
    link: { label: 'Read the article', url: document.url },
  });
  return {
    embeds: [
      {
        color: EMBED_COLORS.source,
        title: markdownExcerpt(document.title, { max: DISCORD_LIMITS.embedTitle }),
        ...(url ? { url } : {}),
        description: description || '*This article has no body paragraphs.*',
        fields,
        footer: {
          text: truncateText(`¶${paragraph} of ${count} · quoted word for word · file ${document.file}`, 300),
        },
      },
    ],
    components: row ? [row] : [],
  };
}
