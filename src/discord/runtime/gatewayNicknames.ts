import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { MemberNicknames } from './ChannelHistory.ts';

/** Discord answers a request for members by id with at most this many. */
const MEMBERS_PER_REQUEST = 100;
/** How long a digest waits for members' nicknames before naming the rest by their display names. */
const MEMBER_FETCH_MS = 5_000;

/**
 * Nicknames from the gateway client: members it has seen (in interactions, for instance), and the rest asked
 * for by id in one gateway request, which needs no privileged intent. When Discord is slow or rate-limits
 * the request, the authors it did not return are named by their display names instead.
 */
export function gatewayNicknames(client: Client, logger: Logger): MemberNicknames {
  return async (guildId, userIds) => {
    const found = new Map<string, string>();
    const guild = client.guilds.cache.get(guildId);
    if (!guild) return found;
    const unseen = userIds.filter((id) => !guild.members.cache.has(id)).slice(0, MEMBERS_PER_REQUEST);
    if (unseen.length > 0) {
      await guild.members.fetch({ user: unseen, time: MEMBER_FETCH_MS }).catch((error: unknown) => {
        logger.debug(
          { err: error, guildId, members: unseen.length },
          'could not fetch members for their nicknames',
        );
      });
    }
    for (const id of userIds) {
      const nickname = guild.members.cache.get(id)?.nickname;
      if (nickname) found.set(id, nickname);
    }
    return found;
  };
}
