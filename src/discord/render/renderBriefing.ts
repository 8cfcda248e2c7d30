import type { Briefing } from '../../summary/types.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { compactCitation, quotedEmbeds, quotedExcerpt } from './quotedLines.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** Room for one quote when every line fits: the core keeps lines under 480 characters. */
const MAX_QUOTE_CHARS = 600;

/** `Briefing`, or `Briefing: “topic”`, as an embed title. */
function briefingTitle(topic: string | undefined): string {
  return markdownExcerpt(topic ? `Briefing: “${topic}”` : 'Briefing of the event', {
    max: DISCORD_LIMITS.embedTitle,
  });
}

/**
 * A briefing as a Discord message: each line a verbatim quote with its compact citation (title · date ·
 * ¶n), in the order the core gives (the order of events), within Discord's limits whatever the length.
 */
export function renderBriefing(briefing: Briefing): ReplyMessage {
  const { lines } = briefing;
  const articles = new Set(lines.map((line) => line.citation.docId)).size;
  const blocks = lines.map(
    (line, i) => (quoteMax: number) =>
      `**${i + 1}.** ${quotedExcerpt(line.quote, quoteMax)}\n— ${compactCitation(line.citation)}`,
  );
  const { embeds } = quotedEmbeds(blocks, {
    title: briefingTitle(briefing.topic),
    color: EMBED_COLORS.answer,
    footer: `${briefing.length} · ${lines.length} ${lines.length === 1 ? 'line' : 'lines'} from ${articles} ${articles === 1 ? 'article' : 'articles'}, in the order of events · each quoted word for word`,
    maxQuote: MAX_QUOTE_CHARS,
  });
  return { embeds, components: [] };
}
