import { embedLength } from 'discord.js';
import type { APIEmbed } from 'discord-api-types/v10';
import type { CorpusDocument } from '../../corpus/types.ts';
import type { SummaryLine } from '../../summary/types.ts';
import { linkableUrl } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { quotedExcerpt } from './quotedLines.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** A quote in a "new in the corpus" post is cut here: the post is a pointer to the article, not the article. */
const MAX_QUOTE_CHARS = 350;
/** Kept free in every message for the content line and what Discord counts beyond the embeds. */
const MESSAGE_SLACK = 300;

/** A document that is new to the channel, with the lines that sum it up. */
export interface NewDocument {
  document: CorpusDocument;
  lines: readonly SummaryLine[];
  /** Posted before in an earlier version: a moderator replaced or corrected it. */
  updated: boolean;
}

/** One message of new documents, and which of them it carries. */
export interface NewDocumentsMessage {
  message: ReplyMessage;
  documents: NewDocument[];
}

function documentEmbed({ document, lines, updated }: NewDocument): APIEmbed {
  const url = linkableUrl(document.url);
  const description =
    lines.length > 0
      ? lines
          .map((line) => `${quotedExcerpt(line.quote, MAX_QUOTE_CHARS)} · ¶${line.citation.paragraph}`)
          .join('\n')
      : '*No sentence of this article stands on its own as a summary; read it with `/source`.*';
  const footer = [
    markdownExcerpt(document.source, { max: 100 }),
    document.date || 'undated',
    `${document.passages.length} ${document.passages.length === 1 ? 'paragraph' : 'paragraphs'}`,
    updated ? 'updated article' : 'new article',
    `/source document:${document.id}`,
  ].join(' · ');
  return {
    color: EMBED_COLORS.corpus,
    title: markdownExcerpt(document.title, { max: DISCORD_LIMITS.embedTitle }),
    ...(url ? { url } : {}),
    description,
    footer: { text: footer },
  };
}

function heading(documents: readonly NewDocument[], since: Date | undefined): string {
  const updated = documents.filter((entry) => entry.updated).length;
  const added = documents.length - updated;
  const counts = [
    added ? `${added} new ${added === 1 ? 'article' : 'articles'}` : '',
    updated ? `${updated} updated` : '',
  ].filter(Boolean);
  const when = since ? ` since <t:${Math.floor(since.getTime() / 1000)}:R>` : '';
  return `**New in the corpus${when}:** ${counts.join(', ')}, each summed up in its own words.`;
}

/**
 * Posts of what is new in the corpus: one embed per document with its title, two or three of its sentences
 * quoted word for word with their paragraphs, and where it comes from; as many documents per message as
 * Discord's limits allow, in order.
 */
export function renderNewDocuments(documents: readonly NewDocument[], since?: Date): NewDocumentsMessage[] {
  const groups: NewDocument[][] = [];
  let current: NewDocument[] = [];
  let length = 0;
  for (const entry of documents) {
    const size = embedLength(documentEmbed(entry));
    const full =
      current.length >= DISCORD_LIMITS.embedsPerMessage ||
      length + size > DISCORD_LIMITS.embedTotal - MESSAGE_SLACK;
    if (current.length > 0 && full) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(entry);
    length += size;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => ({
    documents: group,
    message: { content: heading(group, since), embeds: group.map(documentEmbed) },
  }));
}
