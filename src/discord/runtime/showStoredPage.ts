import type { ReplyMessage } from '../render/ReplyMessage.ts';
import type { BotContext } from './BotContext.ts';
import type { ComponentRequest } from './InteractionRequest.ts';
import { UserError } from './UserError.ts';

/** What a button says once the results behind it are gone (expired, evicted, or from before a restart). */
export const EXPIRED_RESULTS_MESSAGE =
  'These results are no longer available: they are kept for 30 minutes, and not across restarts. Run the command again.';

/**
 * Shows another page of a message in answer to a button: in place for the person who ran the command (or on a
 * private message), and as a private copy for anyone else, so nobody turns the pages of someone else's reply.
 */
export async function showPage(request: ComponentRequest, ownerId: string | null, message: ReplyMessage) {
  const owner = ownerId ?? request.message.ownerId;
  if (request.message.ephemeral || owner === null || owner === request.user.id) await request.update(message);
  else await request.reply({ ...message, ephemeral: true });
}

/** Shows a page of results kept in the page store, or says they expired. */
export async function showStoredPage<T>(
  request: ComponentRequest,
  context: BotContext,
  kind: string,
  key: string,
  render: (value: T) => ReplyMessage,
): Promise<void> {
  const stored = await context.pages.get<T>(kind, key);
  if (!stored) throw new UserError(EXPIRED_RESULTS_MESSAGE);
  await showPage(request, stored.ownerId, render(stored.value));
}
