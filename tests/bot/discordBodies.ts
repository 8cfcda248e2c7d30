import type { APIMessage } from 'discord-api-types/v10';
import { ApplicationIntegrationType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { expect } from 'vitest';
import type { FakeDiscord, RecordedRequest } from '../../support/fakeDiscord.ts';
import { message as apiMessage, botUser, defaultUser, fakeIds } from '../../support/payloads.ts';

/** A message as Discord would receive it in a callback or a webhook request. */
export interface SentMessage {
  content?: string;
  embeds?: Array<{
    title?: string;
    description?: string;
    fields?: Array<{ name: string; value: string }>;
    footer?: { text: string };
  }>;
  components?: Array<{
    components: Array<{ custom_id?: string; label?: string; disabled?: boolean; url?: string }>;
  }>;
  flags?: number;
  allowed_mentions?: { parse: string[] };
}

/** The message carried by a callback (types 4 and 7) or a webhook request; `undefined` for acknowledgements. */
export function sentMessage(request: RecordedRequest): SentMessage | undefined {
  const body = request.body as { type?: number; data?: SentMessage } & SentMessage;
  if (request.path.startsWith('/interactions/')) {
    const carries =
      body.type === InteractionResponseType.ChannelMessageWithSource ||
      body.type === InteractionResponseType.UpdateMessage;
    return carries ? body.data : undefined;
  }
  return request.method === 'POST' || request.method === 'PATCH' ? body : undefined;
}

/** The callback type of an interaction's first response. */
export function callbackType(responses: readonly RecordedRequest[]): number | undefined {
  return (responses[0]?.body as { type?: number } | undefined)?.type;
}

export function isEphemeral(message: SentMessage | undefined): boolean {
  return ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** All text of a message a reader would see: content, titles, descriptions, fields and footers. */
export function visibleText(message: SentMessage | undefined): string {
  const parts = [message?.content ?? ''];
  for (const embed of message?.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

/** The custom ids of a message's buttons, by label. */
export function buttons(
  message: SentMessage | undefined,
): Map<string, { customId?: string; disabled?: boolean }> {
  const found = new Map<string, { customId?: string; disabled?: boolean }>();
  for (const row of message?.components ?? []) {
    for (const button of row.components) {
      found.set(button.label ?? '', {
        ...(button.custom_id ? { customId: button.custom_id } : {}),
        ...(button.disabled !== undefined ? { disabled: button.disabled } : {}),
      });
    }
  }
  return found;
}

/** Every message body the bot sent to Discord so far disables every mention. */
export function expectMentionsOffEverywhere(fake: FakeDiscord): void {
  const sent = fake.requests.map(sentMessage).filter((message) => message !== undefined);
  expect(sent.length).toBeGreaterThan(0);
  for (const message of sent) expect(message.allowed_mentions).toEqual({ parse: [] });
}

/**
 * The message a reader clicks a button on: the stored channel message for a public reply, or one built from
 * what was sent for an ephemeral one (Discord keeps those out of the channel).
 */
export function messageCarrying(fake: FakeDiscord, sent: SentMessage, ownerId = defaultUser.id): APIMessage {
  const customIds = [...buttons(sent).values()].map((button) => button.customId);
  const stored = fake
    .messages()
    .find((candidate) =>
      candidate.components?.some((row) =>
        'components' in row
          ? row.components.some((button) => 'custom_id' in button && customIds.includes(button.custom_id))
          : false,
      ),
    );
  if (stored && !isEphemeral(sent)) return stored;
  return apiMessage({
    author: botUser,
    components: sent.components as APIMessage['components'],
    embeds: sent.embeds as APIMessage['embeds'],
    flags: (sent.flags ?? 0) as MessageFlags,
    interaction_metadata: {
      id: '1',
      type: 2,
      user: { ...defaultUser, id: ownerId },
      // discord.js reads who installed the app from every interaction's metadata.
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: fakeIds.guild },
    } as APIMessage['interaction_metadata'],
  });
}
