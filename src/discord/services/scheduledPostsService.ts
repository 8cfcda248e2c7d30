import type { BotService } from './BotService.ts';

/**
 * With `DIGEST_CHANNEL_ID` set, posts there what is new in the corpus: at start (what changed while the bot
 * was down), then every `DIGEST_INTERVAL_MINUTES`. Stops at shutdown, after a post in progress.
 */
export const scheduledPostsService: BotService = {
  name: 'scheduled posts',
  start(context) {
    const posts = context.scheduledPosts;
    if (!posts) return;
    posts.start();
    context.onShutdown(() => posts.stop());
    context.logger.info(
      { channelId: posts.channelId, intervalMinutes: context.config.DIGEST_INTERVAL_MINUTES },
      'posting what is new in the corpus to the digest channel',
    );
  },
};
