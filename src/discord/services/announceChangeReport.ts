import type { ChangeReport } from '../../store/ChangeReport.ts';
import { changeReportEmbed } from '../render/changeReportEmbed.ts';
import { markdownExcerpt } from '../render/markdownExcerpt.ts';
import type { BotContext } from '../runtime/BotContext.ts';

/**
 * Posts a change report to `CORPUS_ANNOUNCE_CHANNEL_ID`, when one is set, with mentions off. Returns a line
 * for the moderator's reply saying where it went, or why it could not be posted; a failed post is logged
 * and never undoes the change. The scheduled posts, when on, post it to `DIGEST_CHANNEL_ID` as well.
 */
export async function announceChangeReport(
  context: Pick<BotContext, 'config' | 'channels' | 'logger' | 'scheduledPosts' | 'isLeader'>,
  report: ChangeReport,
): Promise<string | undefined> {
  // The digest channel hears of it too, with the documents it brought; its own failures are retried there.
  // Only the leader posts there, so that two replicas never post at once; the leader's next run posts the
  // documents a change on another replica brought.
  if (context.isLeader()) void context.scheduledPosts?.changeReport(report).catch(() => undefined);
  const channelId = context.config.CORPUS_ANNOUNCE_CHANNEL_ID;
  if (!channelId) return undefined;
  try {
    await context.channels.post(channelId, { embeds: [changeReportEmbed(report)] });
    return `The change report was posted in <#${channelId}>.`;
  } catch (error) {
    context.logger.warn({ err: error, channelId }, 'could not announce a corpus change');
    const reason = markdownExcerpt(error instanceof Error ? error.message : String(error), { max: 200 });
    return `The change report could not be posted in <#${channelId}> (${reason}): check that Dossier may send messages and embed links there.`;
  }
}
