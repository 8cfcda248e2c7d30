import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { CorpusDocument } from '../../corpus/types.ts';
import type { DocumentAspect, DocumentSummary } from '../../store/ChangeReport.ts';
import type { AddResult, RemoveResult, ReplaceResult, RestoreResult } from '../../store/storeTypes.ts';
import { changeReportEmbed } from './changeReportEmbed.ts';
import { linkableUrl } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** The document embed and the report embed share a message's 6000 characters. */
const REPORT_DESCRIPTION_MAX = 2400;
const FIRST_PARAGRAPH_MAX = 900;
const DIFF_PARAGRAPH_MAX = 600;

/** A moderator's change and what it did, for the reply. */
export type CorpusChange =
  | { action: 'add'; result: AddResult }
  | {
      action: 'replace';
      result: ReplaceResult;
      /** The live document before and after, to show which paragraphs changed. */
      before?: CorpusDocument;
      after?: CorpusDocument;
    }
  | { action: 'remove'; result: RemoveResult }
  | { action: 'restore'; result: RestoreResult };

type Described = Pick<DocumentSummary, 'id' | 'file' | 'source' | 'date' | 'passages'>;

function fields(document: Described): APIEmbedField[] {
  return [
    { name: 'Source', value: markdownExcerpt(document.source || 'none', { max: 200 }), inline: true },
    { name: 'Date', value: document.date || 'undated', inline: true },
    { name: 'Passages', value: String(document.passages), inline: true },
    { name: 'Document', value: `\`${document.id}\``, inline: true },
    { name: 'File', value: markdownExcerpt(document.file, { max: 200 }), inline: true },
  ];
}

function heading(verb: string, title: string): string {
  return markdownExcerpt(`${verb}: ${title}`, { max: DISCORD_LIMITS.embedTitle });
}

function quoted(text: string, max: number): string {
  return text.trim() ? `> ${markdownExcerpt(text, { max })}` : '*No body paragraph.*';
}

function when(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:f>`;
}

function paragraphsOf(document: CorpusDocument): string[] {
  return document.passages.map((passage) => document.text.slice(passage.start, passage.end));
}

/** The first run of paragraphs that differ, found by trimming what both versions share at either end. */
function paragraphDiff(before: CorpusDocument, after: CorpusDocument): string[] {
  const old = paragraphsOf(before);
  const next = paragraphsOf(after);
  let start = 0;
  while (start < old.length && start < next.length && old[start] === next[start]) start++;
  let end = 0;
  while (
    end < old.length - start &&
    end < next.length - start &&
    old[old.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  const removed = old.slice(start, old.length - end);
  const added = next.slice(start, next.length - end);
  if (removed.length === 0 && added.length === 0) return [];
  const range = (count: number) => (count <= 1 ? `¶${start + 1}` : `¶${start + 1}–¶${start + count}`);
  const lines = [
    `**Paragraphs changed:** ${added.length > 0 ? range(added.length) : `none added; ${range(removed.length)} removed`}`,
  ];
  if (removed[0] !== undefined)
    lines.push(`**Before** (${range(removed.length)})`, quoted(removed[0], DIFF_PARAGRAPH_MAX));
  if (added[0] !== undefined)
    lines.push(`**After** (${range(added.length)})`, quoted(added[0], DIFF_PARAGRAPH_MAX));
  return lines;
}

const METADATA: ReadonlyArray<Exclude<DocumentAspect, 'text'>> = ['title', 'source', 'date', 'url', 'file'];

function replaceDescription(change: Extract<CorpusChange, { action: 'replace' }>): string {
  const { result } = change;
  const documentChange = result.report.changed.find((each) => each.after.id === result.document.id);
  const lines: string[] = [];
  if (!documentChange) {
    lines.push(
      result.report.added.some((each) => each.id === result.document.id)
        ? `It replaces ${markdownExcerpt(result.previous.file, { max: 200 })}, a file that did not load; the article now answers questions.`
        : 'The corpus shows no difference from the previous version.',
    );
  } else {
    lines.push(`**What changed:** ${documentChange.changed.join(', ')}`);
    for (const aspect of METADATA) {
      if (!documentChange.changed.includes(aspect)) continue;
      const before = markdownExcerpt(documentChange.before[aspect] || 'none', { max: 150 });
      const after = markdownExcerpt(documentChange.after[aspect] || 'none', { max: 150 });
      lines.push(`${aspect[0]?.toUpperCase()}${aspect.slice(1)}: ${before} → ${after}`);
    }
    if (documentChange.before.passages !== documentChange.after.passages) {
      lines.push(`Passages: ${documentChange.before.passages} → ${documentChange.after.passages}`);
    }
    if (documentChange.changed.includes('text') && change.before && change.after) {
      lines.push(...paragraphDiff(change.before, change.after));
    }
  }
  return lines.join('\n');
}

function documentEmbed(change: CorpusChange): APIEmbed {
  switch (change.action) {
    case 'add': {
      const { document, firstParagraph, ignoredOptions } = change.result;
      const url = linkableUrl(document.url);
      return {
        color: EMBED_COLORS.corpus,
        title: heading('Added', document.title),
        ...(url ? { url } : {}),
        description: `${quoted(firstParagraph, FIRST_PARAGRAPH_MAX)}\nIt answers questions from now on.`,
        fields: fields(document),
        ...(ignoredOptions.length > 0
          ? {
              footer: {
                text: `Not used, because the file's own front matter has them: ${ignoredOptions.join(', ')}`,
              },
            }
          : {}),
      };
    }
    case 'replace': {
      const { document, previous } = change.result;
      const url = linkableUrl(document.url);
      return {
        color: EMBED_COLORS.corpus,
        title: heading('Replaced', document.title),
        ...(url ? { url } : {}),
        description: replaceDescription(change),
        fields: fields(document),
        footer: { text: `The previous version is kept in history as ${previous.id}.` },
      };
    }
    case 'remove': {
      const { entry } = change.result;
      return {
        color: EMBED_COLORS.corpus,
        title: heading('Removed', entry.title),
        description: `It no longer answers questions. Nothing was deleted: the file is kept in history as \`${entry.id}\`, and \`/corpus restore document:${entry.docId}\` brings it back.`,
        fields: fields({ ...entry, id: entry.docId }),
      };
    }
    case 'restore': {
      const { document, firstParagraph, entry } = change.result;
      const url = linkableUrl(document.url);
      const left = entry.kind === 'removed' ? 'removed' : 'replaced';
      return {
        color: EMBED_COLORS.corpus,
        title: heading('Restored', document.title),
        ...(url ? { url } : {}),
        description: [
          quoted(firstParagraph, FIRST_PARAGRAPH_MAX),
          `Back from history (\`${entry.id}\`, ${left} ${when(entry.at)} by ${markdownExcerpt(entry.actor.name, { max: 64 })}); it answers questions again. The copy in history stays.`,
        ].join('\n'),
        fields: fields(document),
      };
    }
  }
}

/**
 * The reply to `/corpus add`, `replace`, `remove` or `restore`: the document (title, source, date, passages,
 * its first paragraph or what changed) and the change report, private to the moderator. `notice` says
 * where the report was announced, if anywhere.
 */
export function renderCorpusChange(change: CorpusChange, notice?: string): ReplyMessage {
  return {
    ...(notice ? { content: notice } : {}),
    embeds: [
      documentEmbed(change),
      changeReportEmbed(change.result.report, { maxDescription: REPORT_DESCRIPTION_MAX }),
    ],
    ephemeral: true,
  };
}
