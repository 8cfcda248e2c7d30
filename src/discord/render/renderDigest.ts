import type { Digest, DigestLine } from '../../summary/types.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { compactCitation, quotedEmbeds, quotedExcerpt } from './quotedLines.ts';
import { quoteMarkdown } from './quoteMarkdown.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** Display names are cut here: a line is about what was said. */
const MAX_AUTHOR_CHARS = 40;
/** The core quotes at most 200 characters of a message; this leaves room for its escapes. */
const MAX_MESSAGE_CHARS = 260;
/** The matching source sentence is shown shorter than the message: the link leads to the rest. */
const MAX_SOURCE_SHARE = 0.8;

export interface DigestView {
  digest: Digest;
  channelId: string;
  /** How many messages were read, of every kind. */
  read: number;
  /** The time asked for, as typed ("2h"), when the digest covers only that. */
  since?: string;
}

function unix(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * `**Aigerim** · 07:02 · [jump](…)`, the message's words as a quote (mentions inert, Markdown escaped) and,
 * when its claim matches a corpus sentence, that sentence with its citation beside it.
 */
function digestBlock(line: DigestLine): (quoteMax: number) => string {
  return (quoteMax) => {
    const author = markdownExcerpt(line.authorName, { max: MAX_AUTHOR_CHARS });
    const head = `**${author}** · <t:${unix(line.createdAt)}:t> · [jump to message](${line.url})`;
    const said = `> ${quoteMarkdown(line.quote)}`;
    const message =
      said.length - 2 <= quoteMax ? said : `> ${markdownExcerpt(line.quote, { max: quoteMax })}`;
    if (!line.source) return `${head}\n${message}`;
    const source = quotedExcerpt(line.source.quote, Math.round(quoteMax * MAX_SOURCE_SHARE));
    return `${head}\n${message}\n↳ Sources: ${source} — ${compactCitation(line.source.citation)}`;
  };
}

/** What the digest covers and what it left out, in one line. */
function coverage(view: DigestView): string {
  const { digest } = view;
  const window = view.since ? ` from the past ${quoteMarkdown(view.since)}` : '';
  const { bots, commands, short } = digest.skipped;
  const left = [
    bots ? `${bots} from bots` : '',
    commands ? `${commands} ${commands === 1 ? 'command' : 'commands'}` : '',
    short ? `${short} too short` : '',
  ].filter(Boolean);
  const skipped = left.length > 0 ? ` (left out: ${left.join(', ')})` : '';
  return `Key messages of the last ${view.read} in <#${view.channelId}>${window}${skipped}, in the order they were posted.`;
}

/**
 * A digest of a channel's discussion: each key message quoted with its author's display name, its time and
 * a jump link, and the corpus sentence its claim matches beside it when there is one. Every quote of a user
 * is escaped and its mentions made inert, on top of the mentions being disabled for the whole message.
 */
export function renderDigest(view: DigestView): ReplyMessage {
  const { lines } = view.digest;
  const sourced = lines.filter((line) => line.source).length;
  const { embeds } = quotedEmbeds(lines.map(digestBlock), {
    title: 'Digest of the discussion',
    color: EMBED_COLORS.info,
    intro: coverage(view),
    footer: `${lines.length} key ${lines.length === 1 ? 'message' : 'messages'}, chosen for what the discussion turned on · ${sourced} matched in the sources · quoted as posted`,
    maxQuote: MAX_MESSAGE_CHARS,
  });
  return { embeds, components: [] };
}
