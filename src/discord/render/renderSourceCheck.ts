import { jumpLink } from '../../summary/digestMessages.ts';
import type { SourceCheck, SourceMatch } from '../../summary/types.ts';
import type { TargetMessage } from '../runtime/InteractionRequest.ts';
import { citationMarkdown } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** The message checked is shown this long at most; the link leads to the rest. */
const MAX_MESSAGE_CHARS = 400;
/** Room for each passage around its matching sentence, at most and at least. */
const MAX_PASSAGE_CHARS = 900;
const MIN_PASSAGE_CHARS = 150;
/** Kept free in the description for separators. */
const DESCRIPTION_SLACK = 40;
const MAX_SHARED_WORDS = 8;

function checkedMessage(target: TargetMessage): string {
  const author = markdownExcerpt(target.author.displayName, { max: 40 });
  const text = markdownExcerpt(target.content, { max: MAX_MESSAGE_CHARS });
  return `> ${text}\n— **${author}** · [jump to message](${jumpLink(target)})`;
}

function matchBlock(match: SourceMatch, i: number, room: number): string {
  const shared = match.sharedWords
    .slice(0, MAX_SHARED_WORDS)
    .map((word) => markdownExcerpt(word, { max: 40 }))
    .join(', ');
  const rest = `\n— ${citationMarkdown(match.citation)}\n*Shares:* ${shared}`;
  const max = Math.min(MAX_PASSAGE_CHARS, Math.max(MIN_PASSAGE_CHARS, room - rest.length - 8));
  const passage = markdownExcerpt(match.context, { highlights: [match.highlight], max });
  return `**${i + 1}.** ${passage}${rest}`;
}

/** The reason beyond the headline, which already says that nothing bears on the message. */
function whyNothing(reason: string | undefined): string {
  const why = (reason ?? '').replace(/^Nothing in the corpus bears on this[.:]?\s*/, '');
  return why.charAt(0).toUpperCase() + why.slice(1);
}

/**
 * What the corpus says about one message: the passages that bear on it, the matching sentence in bold and
 * the words they share, each with its citation; or a plain statement that nothing in the corpus does.
 * Bearing on a message is not confirming it, and the reply says so.
 */
export function renderSourceCheck(check: SourceCheck, target: TargetMessage): ReplyMessage {
  const found = check.found && check.matches.length > 0;
  const message = checkedMessage(target);
  const room = Math.floor(
    (DISCORD_LIMITS.embedDescription - message.length - DESCRIPTION_SLACK) /
      Math.max(1, check.matches.length),
  );
  const body = found
    ? check.matches.map((match, i) => matchBlock(match, i, room)).join('\n\n')
    : `**Nothing in the corpus bears on this message.** ${markdownExcerpt(whyNothing(check.reason), { max: 300 })}`.trim();
  return {
    embeds: [
      {
        color: found ? EMBED_COLORS.related : EMBED_COLORS.info,
        title: 'What the sources say about this message',
        description: `${message}\n\n${body}`,
        footer: {
          text: found
            ? 'Passages that share the message’s words, quoted word for word; read them to judge whether they support it.'
            : 'Dossier only quotes its articles; it never guesses whether a claim is true.',
        },
      },
    ],
    components: [],
  };
}
