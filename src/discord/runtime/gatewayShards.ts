import { type Client, type ClientOptions, Events } from 'discord.js';
import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { BotConfig } from '../../config.ts';

type ShardSettings = Pick<BotConfig, 'DISCORD_SHARDS' | 'DISCORD_SHARD_IDS' | 'DISCORD_SHARD_COUNT'>;

/**
 * The shards this process runs, as discord.js takes them: every shard Discord recommends (`auto`), all of a
 * fixed number, or the given ids out of a shard space that several processes split.
 */
export function shardClientOptions(settings: ShardSettings): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const { DISCORD_SHARDS: shards, DISCORD_SHARD_IDS: ids, DISCORD_SHARD_COUNT: count } = settings;
  if (ids !== undefined && count !== undefined) return { shards: ids, shardCount: count };
  if (shards === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: shards }, (_, id) => id), shardCount: shards };
}

/** What to change when Discord closes the gateway for good, by close code. */
const FIXES: Partial<Record<number, string>> = {
  [GatewayCloseCodes.ShardingRequired]:
    'Discord requires more shards for this bot than it identified with; set DISCORD_SHARDS=auto, or more shards in DISCORD_SHARDS or DISCORD_SHARD_COUNT',
  [GatewayCloseCodes.InvalidShard]:
    'Discord refused the shard ids; check DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT',
  [GatewayCloseCodes.AuthenticationFailed]:
    'Discord rejected DISCORD_TOKEN; copy a fresh one from the Developer Portal, Bot page, "Reset Token"',
  [GatewayCloseCodes.DisallowedIntents]:
    'Discord refused the Message Content intent; enable it on the Developer Portal, Bot page, or set ENABLE_CHANNEL_DIGEST=false',
};

/** Discord closed a shard's gateway connection with a code after which it must not reconnect. */
export class GatewayClosedError extends Error {
  override name = 'GatewayClosedError';

  constructor(
    readonly code: number,
    readonly shardId: number,
  ) {
    const fix = FIXES[code] ?? `Discord closed the gateway of shard ${shardId} for good`;
    super(`${fix} (gateway close code ${code}, ${GatewayCloseCodes[code] ?? 'unknown'})`);
  }
}

/**
 * Settles with the first shard that Discord disconnects for good (4011 sharding required, 4004, 4014...):
 * discord.js does not reconnect it, so a process left running would be online in name only.
 */
export function whenGatewayLost(client: Client): Promise<GatewayClosedError> {
  return new Promise((resolve) =>
    client.once(Events.ShardDisconnect, (event, shardId) =>
      resolve(new GatewayClosedError(event.code, shardId)),
    ),
  );
}
