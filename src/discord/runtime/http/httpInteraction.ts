import { type REST, SnowflakeUtil } from 'discord.js';
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIUser,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
} from 'discord-api-types/v10';
import { editBody, messageBody, type ReplyMessage } from '../../render/ReplyMessage.ts';
import { type AttachmentInfo, CommandOptions, type OptionData } from '../CommandOptions.ts';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentRequest,
  InteractionBase,
  InteractionRequest,
  Responder,
  ResponseState,
  TargetMessage,
} from '../InteractionRequest.ts';

/** Writes the interaction's HTTP response; resolves once it is handed to the network. Called at most once. */
type SendResponse = (response: APIInteractionResponse) => Promise<void>;

/** Where an HTTP interaction's later messages go: the interaction's webhook, over REST. */
interface InteractionWebhook {
  rest: REST;
  applicationId: string;
  token: string;
}

/**
 * Answers an interaction that arrived by HTTP: the first answer is the HTTP response itself (a message, an
 * update, or a deferral); everything after goes through the interaction's webhook, as discord.js does over
 * the gateway. Webhook requests wait until the HTTP response is out, since Discord knows no webhook before.
 */
class HttpResponder implements Responder {
  private state: ResponseState = 'pending';
  private privately = false;
  /** A component acknowledged without a message: `@original` is then the message its button sits on. */
  private updatingMessage = false;
  private acknowledged: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: SendResponse,
    private readonly webhook: InteractionWebhook,
  ) {}

  get responseState(): ResponseState {
    return this.state;
  }

  get deferredEphemeral(): boolean {
    // After a silent acknowledgement of a button, an error goes out as a private message of its own.
    return this.state === 'deferred' && (this.privately || this.updatingMessage);
  }

  private acknowledge(response: APIInteractionResponse): Promise<void> {
    this.acknowledged = this.send(response);
    return this.acknowledged;
  }

  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    // Already acknowledged by `deferIfPending`: the placeholder stands, and `reply` fixes its visibility.
    if (this.state !== 'pending') return;
    this.state = 'deferred';
    this.privately = options.ephemeral ?? false;
    await this.acknowledge({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: this.privately ? MessageFlags.Ephemeral : (0 as MessageFlags) },
    });
  }

  /**
   * Acknowledges an interaction whose handler has not answered in time, so Discord does not give up on it:
   * a command shows "thinking…" (private when its `private` option says so), a button is acknowledged
   * silently.
   */
  async deferIfPending(kind: 'command' | 'component', ephemeral: boolean): Promise<void> {
    if (this.state !== 'pending') return;
    if (kind === 'command') return this.defer({ ephemeral });
    this.state = 'deferred';
    this.updatingMessage = true;
    await this.acknowledge({ type: InteractionResponseType.DeferredMessageUpdate });
  }

  async reply(message: ReplyMessage): Promise<void> {
    if (this.state === 'replied')
      throw new Error('discord: the interaction was answered already; use followUp');
    const deferred = this.state === 'deferred';
    this.state = 'replied';
    if (!deferred) {
      await this.acknowledge({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: messageBody(message),
      });
    } else if (this.updatingMessage) {
      await this.followUp(message);
    } else if (message.ephemeral && !this.privately) {
      // A public placeholder cannot turn private: it goes, and the reply comes as a private message.
      await this.deleteReply().catch(() => undefined);
      await this.followUp(message);
    } else {
      await this.editOriginal(message);
    }
  }

  async update(message: ReplyMessage): Promise<void> {
    if (this.state === 'pending') {
      this.state = 'replied';
      await this.acknowledge({ type: InteractionResponseType.UpdateMessage, data: editBody(message) });
    } else if (this.state === 'deferred' && this.updatingMessage) {
      this.state = 'replied';
      await this.editOriginal(message);
    } else {
      throw new Error('discord: the interaction was answered already');
    }
  }

  async followUp(message: ReplyMessage): Promise<void> {
    await this.acknowledged;
    const { rest, applicationId, token } = this.webhook;
    await rest.post(Routes.webhook(applicationId, token), {
      body: messageBody(message),
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    });
  }

  async deleteReply(): Promise<void> {
    await this.acknowledged;
    const { rest, applicationId, token } = this.webhook;
    await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
  }

  private async editOriginal(message: ReplyMessage): Promise<void> {
    await this.acknowledged;
    const { rest, applicationId, token } = this.webhook;
    await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
      body: editBody(message),
      auth: false,
    });
  }
}

function userOf(payload: APIInteraction): APIUser {
  const user = payload.member?.user ?? payload.user;
  if (!user) throw new Error('discord: an interaction without a user');
  return user;
}

function baseOf(payload: APIInteraction): InteractionBase {
  const user = userOf(payload);
  const { member } = payload;
  return {
    id: payload.id,
    user: {
      id: user.id,
      username: user.username,
      displayName: member?.nick ?? user.global_name ?? user.username,
    },
    guildId: payload.guild_id ?? null,
    channelId: payload.channel?.id ?? payload.channel_id ?? null,
    memberPermissions: member ? BigInt(member.permissions) : null,
    memberRoleIds: member?.roles ?? [],
    appPermissions: payload.app_permissions ? BigInt(payload.app_permissions) : null,
    locale: ('locale' in payload ? payload.locale : undefined) ?? 'en-US',
    createdAt: new Date(SnowflakeUtil.timestampFrom(payload.id)),
  };
}

type CommandPayload = APIApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction;

function optionsOf(payload: CommandPayload): CommandOptions {
  const { data } = payload;
  const options = 'options' in data ? ((data.options ?? []) as readonly OptionData[]) : [];
  const resolved = 'resolved' in data && data.resolved && 'attachments' in data.resolved ? data.resolved : {};
  const attachments = new Map<string, AttachmentInfo>();
  for (const attachment of Object.values(resolved.attachments ?? {})) {
    const { id, filename, size, url, content_type: contentType } = attachment;
    attachments.set(id, { id, filename, size, url, ...(contentType ? { contentType } : {}) });
  }
  return new CommandOptions(options, attachments);
}

function targetMessageOf(payload: APIApplicationCommandInteraction): TargetMessage | null {
  const { data } = payload;
  if (data.type !== ApplicationCommandType.Message) return null;
  const message = data.resolved.messages[data.target_id];
  if (!message) return null;
  const { author } = message;
  const nickname = (data.resolved as { members?: Record<string, { nick?: string | null }> }).members?.[
    author.id
  ]?.nick;
  return {
    id: message.id,
    channelId: message.channel_id,
    guildId: payload.guild_id ?? null,
    content: message.content,
    author: {
      id: author.id,
      username: author.username,
      displayName: nickname ?? author.global_name ?? author.username,
      bot: author.bot ?? false,
    },
    createdAt: new Date(message.timestamp).toISOString(),
  };
}

function componentMessageOf(message: APIMessage): ComponentRequest['message'] {
  return {
    id: message.id,
    ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    ownerId: message.interaction_metadata?.user.id ?? null,
  };
}

/** An HTTP interaction mapped for the handlers, and the safety net that acknowledges it if they are slow. */
interface HttpRequest {
  request: InteractionRequest;
  /** Acknowledges the interaction with a deferral when nothing has been sent yet; a no-op otherwise. */
  deferIfPending(): Promise<void>;
  /** Whether anything has been sent in answer yet. */
  answered(): boolean;
}

/**
 * Maps an interaction Discord POSTed to the endpoint to the transport-neutral request handlers take, with a
 * responder that answers in the HTTP response and then through the webhook; `undefined` for kinds Dossier
 * does not handle (pings are answered before this, modals not at all).
 */
export function requestFromHttp(
  payload: APIInteraction,
  send: SendResponse,
  webhook: Omit<InteractionWebhook, 'token'>,
): HttpRequest | undefined {
  if (payload.type === InteractionType.ApplicationCommandAutocomplete) {
    const options = optionsOf(payload);
    let answered = false;
    const request: AutocompleteRequest = {
      kind: 'autocomplete',
      ...baseOf(payload),
      commandName: payload.data.name,
      options,
      focused: options.focused ?? { name: '', value: '' },
      respond: (choices: readonly Choice[]) => {
        answered = true;
        return send({
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: { choices: [...choices] },
        });
      },
    };
    return { request, deferIfPending: async () => undefined, answered: () => answered };
  }
  const responder = new HttpResponder(send, { ...webhook, token: payload.token });
  const answered = () => responder.responseState !== 'pending';
  if (payload.type === InteractionType.ApplicationCommand) {
    const options = optionsOf(payload);
    const request: CommandRequest = Object.assign(responder, {
      kind: 'command' as const,
      ...baseOf(payload),
      commandName: payload.data.name,
      options,
      targetMessage: targetMessageOf(payload),
    });
    const ephemeral = options.boolean('private') ?? false;
    return { request, deferIfPending: () => responder.deferIfPending('command', ephemeral), answered };
  }
  if (payload.type === InteractionType.MessageComponent) {
    const component = payload as APIMessageComponentInteraction;
    const request: ComponentRequest = Object.assign(responder, {
      kind: 'component' as const,
      ...baseOf(payload),
      customId: component.data.custom_id,
      values: 'values' in component.data ? component.data.values : [],
      message: componentMessageOf(component.message),
    });
    return { request, deferIfPending: () => responder.deferIfPending('component', false), answered };
  }
  return undefined;
}
