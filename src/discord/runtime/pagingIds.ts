import { DISCORD_LIMITS } from '../render/discordLimits.ts';
import type { BotContext } from './BotContext.ts';
import { customId } from './Command.ts';
import { UserError } from './UserError.ts';

/** The action of a paging button that carries what to run again. */
const RERUN_ACTION = 'q';
/** Enough of the corpus version to tell two corpora apart in a custom id. */
const VERSION_CHARS = 8;

/** What a re-running button says when the corpus changed since it was made. */
export const CORPUS_CHANGED_MESSAGE =
  'The articles have changed since these results were shown, so their pages may differ now. Run the command again.';

function versionTag(context: BotContext): string {
  return context.live.current.corpus.version.slice(0, VERSION_CHARS);
}

/**
 * The custom ids of the buttons that page through results produced from `text` (a question, a query, a
 * topic). When `text` fits in a custom id beside the corpus version, the button carries it and whichever
 * process receives the click runs it again on the same corpus: nothing is kept, so any replica can answer.
 * Only when it does not fit are the results kept in the page store (this process's, or the database's),
 * behind a key.
 */
export async function pagingIds(
  context: BotContext,
  command: string,
  text: string,
  pages: number,
  stored: { ownerId: string; value: () => unknown },
): Promise<(page: number) => string> {
  const version = versionTag(context);
  // The widest page number a button of these results can carry; -1 is never wider than 10.
  const longest = [command, RERUN_ACTION, version, Math.max(pages, 10), text].join(':');
  if (longest.length <= DISCORD_LIMITS.customId) {
    return (page) => customId(command, RERUN_ACTION, version, page, text);
  }
  const key = await context.pages.put(command, stored.ownerId, stored.value());
  return (page) => customId(command, 'page', key, page);
}

/** A re-running button's click: the page it opens, the text to run again, and the ids of the next buttons. */
interface RerunClick {
  page: number;
  text: string;
  pageId: (page: number) => string;
}

/**
 * Reads a re-running button of `command`. Refuses when the corpus changed since the button was made, since
 * running the text now could page through other results.
 */
export function rerunClick(context: BotContext, command: string, args: readonly string[]): RerunClick {
  const [version = '', page = '0', ...parts] = args;
  if (version !== versionTag(context)) throw new UserError(CORPUS_CHANGED_MESSAGE);
  // The text may itself hold colons, which split it into several arguments.
  const text = parts.join(':');
  return {
    page: Number(page) || 0,
    text,
    pageId: (next) => customId(command, RERUN_ACTION, version, next, text),
  };
}
