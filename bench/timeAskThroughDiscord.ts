import {
  InteractionResponseType,
  MessageFlags,
  type RESTPostAPIInteractionCallbackJSONBody,
} from 'discord-api-types/v10';
import type { FakeDiscord } from '../support/fakeDiscord.ts';
import { chatInputInteraction, user } from '../support/payloads.ts';
import { elapsedMs } from './measure.ts';

/** A response this late means the bot is stuck, not slow; the bench stops rather than wait for ever. */
const RESPONSE_TIMEOUT_MS = 60_000;

/** A public answer, or a deferral that an answer will follow: anything else is a refusal or an error. */
function isAnswer(body: RESTPostAPIInteractionCallbackJSONBody): boolean {
  if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) return true;
  if (body.type !== InteractionResponseType.ChannelMessageWithSource) return false;
  return ((body.data?.flags ?? 0) & MessageFlags.Ephemeral) === 0;
}

/**
 * Milliseconds from `since` (by default, the moment before the gateway dispatch) until the stand-in receives
 * the bot's first response to `/ask question`, sent as INTERACTION_CREATE from a new member each time (in
 * `guildId`, the stand-in's guild by default, which decides the shard that receives it). The
 * arrival is read with `process.hrtime` as the stand-in records the request. Throws when that response is
 * not an answer in the channel, so a refusal or an error is never timed as one.
 */
export async function timeAskThroughDiscord(
  fake: FakeDiscord,
  question: string,
  since?: bigint,
  guildId?: string,
): Promise<number> {
  const payload = chatInputInteraction({
    name: 'ask',
    options: { question },
    user: user(),
    ...(guildId ? { guildId } : {}),
  });
  const callbackPath = `/interactions/${payload.id}/${payload.token}/callback`;
  let latencyMs: number | undefined;
  const start = since ?? process.hrtime.bigint();
  fake.interact(payload);
  const response = await fake.waitForRequest((request) => {
    if (request.path !== callbackPath) return false;
    // The stand-in checks waiting predicates synchronously as it records each request.
    latencyMs ??= elapsedMs(start);
    return true;
  }, RESPONSE_TIMEOUT_MS);
  const body = response.body as RESTPostAPIInteractionCallbackJSONBody;
  if (latencyMs === undefined || response.status >= 300 || !isAnswer(body)) {
    throw new Error(
      `bench: /ask "${question}" got ${response.status} ${JSON.stringify(body).slice(0, 300)} instead of an answer`,
    );
  }
  return latencyMs;
}
