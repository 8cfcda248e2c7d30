import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIInteraction,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APITextChannel,
  APIVersion,
  ApplicationCommandType,
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewaySendPayload,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type RESTPostAPIInteractionCallbackJSONBody,
} from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreatePayload, guildMembers, textChannel } from './guild.ts';
import { botPermissions, botUser, defaultUser, fakeIds, message, ownerUser, snowflake } from './payloads.ts';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** The route without the `/v10` prefix, as `Routes` from discord-api-types builds it. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the `payload_json` part of a multipart body; `undefined` when there is no body. */
  body: unknown;
  files: RecordedFile[];
  status: number;
  at: number;
}

export interface ReceivedGatewayPayload {
  op: GatewayOpcodes;
  d: unknown;
  at: number;
}

export interface FakeDiscordOptions {
  /** Sent in HELLO; discord.js sends its first heartbeat after a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** Permissions of the bot's role in the guild. */
  botPermissions?: bigint;
  /**
   * The fewest shards Discord accepts, as for a bot in many servers: reported by GET /gateway/bot, and an
   * IDENTIFY with a smaller shard count is closed with 4011 (sharding required). Default 1.
   */
  requiredShards?: number;
}

export interface FailureOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  headers?: Record<string, string>;
}

type MessageBody = Partial<Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags' | 'tts'>> & {
  attachments?: { id: string | number; filename?: string }[];
  message_reference?: APIMessage['message_reference'];
};

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle: (request: RecordedRequest, params: Record<string, string>) => Reply;
}

interface InteractionState {
  payload: APIInteraction;
  /** For an interaction POSTed to an endpoint: settles once its HTTP response is recorded as the callback. */
  delivered?: Promise<void>;
  callbackType?: InteractionResponseType;
  original?: APIMessage;
  followUps: APIMessage[];
}

interface Session {
  identified: boolean;
  sequence: number;
  /** `[shard id, shard count]` from IDENTIFY; a session identified without one is shard 0 of 1. */
  shard: [number, number];
}

interface Waiter {
  check: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** What an interactions endpoint answered to a POST from the fake. */
export interface EndpointResponse {
  status: number;
  body: unknown;
}

interface SignatureOptions {
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Another key than the application's, as a forger would sign with. */
  privateKey?: KeyObject;
}

/** The token test clients log in with; the fake accepts any token. */
export const fakeToken = 'fake-discord-token-not-a-real-one';

function compileRoute(route: string): RegExp {
  const segments = route
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? `(?<${segment.slice(1)}>[^/]+)`
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${segments.join('/')}$`);
}

type RouteMatcher = (method: string, path: string) => boolean;

function routeMatcher(route: string): RouteMatcher {
  const [method, path] = route.includes(' ') ? route.split(' ', 2) : [undefined, route];
  const pattern = compileRoute(path ?? '');
  return (candidateMethod, candidatePath) =>
    (method === undefined || method === candidateMethod) && pattern.test(candidatePath);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function apiError(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

const noContent: Reply = { status: 204 };
const notFound = apiError(404, 0, '404: Not Found');
const unknownChannel = apiError(404, 10003, 'Unknown Channel');
const unknownMessage = apiError(404, 10008, 'Unknown Message');
const unknownWebhook = apiError(404, 10015, 'Unknown Webhook');

function byIdDescending(a: APIMessage, b: APIMessage): number {
  return BigInt(a.id) < BigInt(b.id) ? 1 : -1;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!contentType.startsWith('multipart/form-data')) {
    const text = raw.toString('utf8');
    return { body: contentType.startsWith('application/json') ? JSON.parse(text) : text, files: [] };
  }
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else {
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { body, files };
}

/** A loopback stand-in for Discord's REST API and gateway that records what the client sends. */
export class FakeDiscord {
  readonly applicationId: string = fakeIds.application;
  readonly guildId: string = fakeIds.guild;
  readonly channelId: string = fakeIds.channel;
  readonly botUser = botUser;
  readonly requests: RecordedRequest[] = [];
  readonly unknownRequests: RecordedRequest[] = [];
  readonly gatewayPayloads: ReceivedGatewayPayload[] = [];
  /** The query string of each gateway connection, e.g. `{ v: '10', encoding: 'json' }`. */
  readonly gatewayQueries: Record<string, string>[] = [];
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  apiBase = '';
  gatewayUrl = '';
  /** The application's Ed25519 public key as the Developer Portal shows it (hex); the fake signs with its pair. */
  readonly publicKeyHex: string;
  private readonly signingKey: KeyObject;

  private readonly heartbeatIntervalMs: number;
  private readonly botPermissions: bigint;
  private requiredShards: number;
  /** Session ids a RESUME may continue; forgotten ones get INVALID_SESSION, as after a gateway restart. */
  private readonly resumableSessions = new Set<string>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly channels = new Map<string, APITextChannel>();
  private readonly channelMessages = new Map<string, APIMessage[]>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly failures: { matches: RouteMatcher; reply: Reply; remaining: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly routes: Route[] = [];
  private readonly clients = new Set<Client>();
  /** Files uploaded with interactions, by URL path, as Discord's CDN serves them. */
  private readonly hostedFiles = new Map<string, { bytes: Buffer; stalls: boolean }>();

  constructor(options: FakeDiscordOptions = {}) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.signingKey = privateKey;
    // The raw key is the last 32 bytes of its DER encoding.
    this.publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
    this.botPermissions = options.botPermissions ?? botPermissions;
    this.requiredShards = options.requiredShards ?? 1;
    this.channels.set(this.channelId, textChannel());
    this.channelMessages.set(this.channelId, []);
    this.defineRoutes();
    this.server = createServer((request, response) => void this.onRequest(request, response));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket, request) => this.onConnection(socket, request));
  }

  /** Starts listening on a random loopback port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiBase = `http://127.0.0.1:${port}`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    return this;
  }

  /** Destroys the clients made by `createTestClient`, then stops the server and drops every socket. */
  async close(): Promise<void> {
    await Promise.all([...this.clients].map((client) => client.destroy()));
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('The fake Discord was closed'));
    }
    this.waiters.clear();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the next `times` requests matching `route` fail: 'POST /channels/:id/messages', a path for any method, or a RegExp tested on 'METHOD /path'. */
  failNext(
    route: string | RegExp,
    status: number,
    body: unknown = { message: 'Injected failure', code: 0 },
    options: FailureOptions = {},
  ): void {
    this.failures.push({
      matches:
        typeof route === 'string' ? routeMatcher(route) : (method, path) => route.test(`${method} ${path}`),
      reply: { status, body, headers: options.headers },
      remaining: options.times ?? 1,
    });
  }

  /**
   * Sends a gateway DISPATCH to every identified session of the shard it belongs to, as Discord routes events:
   * a guild's events to shard `(guild_id >> 22) % shard count`, direct messages to shard 0.
   * INTERACTION_CREATE payloads also become known interactions.
   */
  dispatch(event: GatewayDispatchEvents | `${GatewayDispatchEvents}`, data: unknown): void {
    const guildId = (data as { guild_id?: string } | undefined)?.guild_id;
    const sessions = [...this.sessions].filter(
      ([, session]) => session.identified && session.shard[0] === shardOf(guildId, session.shard[1]),
    );
    if (sessions.length === 0) throw new Error('No identified gateway session: connect a client first');
    if (event === GatewayDispatchEvents.InteractionCreate) {
      const payload = structuredClone(data) as APIInteraction;
      this.interactions.set(payload.id, { payload, followUps: [] });
    }
    for (const [socket, session] of sessions) this.sendDispatch(socket, session, event, data);
  }

  /**
   * From now on Discord wants at least `count` shards, as when a bot grows past 2,500 servers per shard: every
   * session is dropped and cannot be resumed, so clients identify again and meet the new requirement.
   */
  requireShards(count: number): void {
    this.requiredShards = count;
    this.resumableSessions.clear();
    for (const socket of this.sessions.keys()) socket.close(4000, 'Unknown error.');
  }

  /** The `[shard id, shard count]` of each session identified so far, in the order they identified. */
  identifiedShards(): [number, number][] {
    return this.identifies().map((identify) => identify.shard ?? [0, 1]);
  }

  /** Makes `close()` destroy this client before the server goes away, so it never tries to reconnect. */
  track(client: Client): void {
    this.clients.add(client);
  }

  /** The signature headers Discord sends with `body`: the application's key unless another is given. */
  signatureHeaders(body: string, options: SignatureOptions = {}): Record<string, string> {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), options.privateKey ?? this.signingKey);
    return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': timestamp };
  }

  /**
   * POSTs `payload` to an interactions endpoint, signed, as Discord delivers interactions without a gateway.
   * A 200 answer is recorded as the interaction's callback, the same request a gateway bot makes, before any
   * webhook request for it is served.
   */
  async deliver(endpointUrl: string, payload: APIInteraction): Promise<EndpointResponse> {
    let settle: () => void = () => undefined;
    const delivered = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.interactions.set(payload.id, { payload: structuredClone(payload), followUps: [], delivered });
    try {
      const body = JSON.stringify(payload);
      const response = await fetch(endpointUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.signatureHeaders(body) },
        body,
      });
      const answer = (await response.json()) as unknown;
      if (response.status === 200 && payload.type !== InteractionType.Ping) {
        const request: RecordedRequest = {
          method: 'POST',
          path: `/interactions/${payload.id}/${payload.token}/callback`,
          query: {},
          body: answer,
          files: [],
          status: 0,
          at: Date.now(),
        };
        request.status = this.callback(request, { id: payload.id, token: payload.token }).status;
        this.record(request);
      }
      return { status: response.status, body: answer };
    } finally {
      settle();
    }
  }

  /** Dispatches INTERACTION_CREATE for `payload` and returns it. */
  interact<T extends APIInteraction>(payload: T): T {
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /**
   * Serves `data` at an attachment URL, as Discord's CDN serves a file a user attached to a command, and
   * returns the attachment as interactions carry it in `data.resolved.attachments`. `overrides` can make the
   * declared size or type disagree with the bytes. A file that `stalls` sends its bytes, then never ends.
   */
  hostAttachment(
    filename: string,
    data: Uint8Array | string,
    overrides: Partial<APIAttachment> = {},
    { stalls = false } = {},
  ): APIAttachment {
    const id = snowflake();
    const bytes = Buffer.from(data);
    const path = `/attachments/${this.channelId}/${id}/${filename}`;
    this.hostedFiles.set(path, { bytes, stalls });
    const url = `${this.apiBase}/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, ...overrides };
  }

  /** Adds messages (copied) to a channel's history, served newest first by GET /channels/:id/messages. */
  seedMessages(messages: APIMessage[], channelId = this.channelId): void {
    this.store(channelId).push(...structuredClone(messages));
  }

  /** The current messages of a channel, oldest first, including the bot's non-ephemeral replies. */
  messages(channelId = this.channelId): APIMessage[] {
    return [...this.store(channelId)].sort(byIdDescending).reverse();
  }

  /** The IDENTIFY payloads received so far, e.g. to check the intents requested. */
  identifies(): GatewayIdentifyData[] {
    return this.gatewayPayloads
      .filter((payload) => payload.op === GatewayOpcodes.Identify)
      .map((payload) => payload.d as GatewayIdentifyData);
  }

  /** The callback, follow-ups, edits, fetches and deletes for one interaction, in the order they were answered. */
  interactionResponses(interactionId: string): RecordedRequest[] {
    const callback = this.requests.find((request) =>
      request.path.startsWith(`/interactions/${interactionId}/`),
    );
    if (!callback) return [];
    const token = callback.path.split('/')[3];
    const webhook = `/webhooks/${this.applicationId}/${token}`;
    return this.requests.filter(
      (request) =>
        request.path.startsWith(`/interactions/${interactionId}/${token}/`) ||
        request.path === webhook ||
        request.path.startsWith(`${webhook}/`),
    );
  }

  /** Resolves with the first recorded request (past or future) matching `predicate`; the timeout is a safety net. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 60_000,
  ): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), timeoutMs);
  }

  /** Resolves once at least `count` responses to an interaction were recorded. */
  waitForInteractionResponses(
    interactionId: string,
    count = 1,
    timeoutMs = 60_000,
  ): Promise<RecordedRequest[]> {
    return this.waitUntil(() => {
      const responses = this.interactionResponses(interactionId);
      return responses.length >= count ? responses : undefined;
    }, timeoutMs);
  }

  private waitUntil<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.requests.map(
            (request) => `  ${request.method} ${request.path} -> ${request.status}`,
          );
          reject(new Error(`Nothing matched within ${timeoutMs} ms; requests so far:\n${seen.join('\n')}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const waiter of this.waiters) {
      const found = waiter.check();
      if (found === undefined) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(found);
    }
  }

  private async onRequest(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(incoming.url ?? '/', this.apiBase);
    const method = incoming.method ?? 'GET';
    const prefix = `/v${APIVersion}/`;
    const pathname = decodeURIComponent(url.pathname);
    const versioned = pathname.startsWith(prefix);
    const path = versioned ? pathname.slice(prefix.length - 1) : pathname;
    const request: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      status: 0,
      at,
    };
    const hosted = method === 'GET' && !versioned ? this.hostedFiles.get(pathname) : undefined;
    if (hosted) {
      request.status = 200;
      this.record(request);
      // A stalled download declares no length and stays open until the fake closes every connection.
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        ...(hosted.stalls ? {} : { 'content-length': hosted.bytes.length }),
      });
      if (hosted.stalls) response.write(hosted.bytes);
      else response.end(hosted.bytes);
      return;
    }
    let reply: Reply;
    try {
      Object.assign(request, await readBody(incoming));
      // Discord serves an interaction's webhook only once it has the endpoint's answer.
      const token = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path)?.[1];
      const delivery = token ? this.byToken({ appId: this.applicationId, token })?.delivered : undefined;
      if (delivery) await delivery;
      reply = this.takeFailure(method, path) ?? (versioned ? this.route(request) : undefined) ?? notFound;
      if (reply === notFound) this.unknownRequests.push(request);
    } catch (error) {
      reply = apiError(
        500,
        0,
        `Fake Discord failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    request.status = reply.status;
    this.record(request);
    const json = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    response.end(json);
  }

  private takeFailure(method: string, path: string): Reply | undefined {
    const index = this.failures.findIndex((failure) => failure.matches(method, path));
    const failure = this.failures[index];
    if (!failure) return undefined;
    if (--failure.remaining === 0) this.failures.splice(index, 1);
    return failure.reply;
  }

  private route(request: RecordedRequest): Reply | undefined {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (match) return route.handle(request, { ...match.groups });
    }
    return undefined;
  }

  private on(method: string, route: string, handle: Route['handle']): void {
    this.routes.push({ method, pattern: compileRoute(route), handle });
  }

  private defineRoutes(): void {
    this.on('GET', '/gateway/bot', () =>
      ok({
        url: this.gatewayUrl,
        shards: this.requiredShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
    );
    this.on('GET', '/gateway', () => ok({ url: this.gatewayUrl }));
    this.on('GET', '/users/@me', () => ok(this.botUser));
    this.on('GET', '/applications/@me', () =>
      ok({
        id: this.applicationId,
        name: this.botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        owner: ownerUser,
        team: null,
        bot: this.botUser,
      }),
    );
    this.on('GET', '/applications/:appId/commands', () => ok(this.globalCommands));
    this.on('PUT', '/applications/:appId/commands', ({ body }) =>
      ok(this.register(this.globalCommands, body)),
    );
    this.on('GET', '/applications/:appId/guilds/:guildId/commands', (_, { guildId = '' }) =>
      ok(this.guildCommands.get(guildId) ?? []),
    );
    this.on('PUT', '/applications/:appId/guilds/:guildId/commands', ({ body }, { guildId = '' }) => {
      const commands = this.guildCommands.get(guildId) ?? [];
      this.guildCommands.set(guildId, commands);
      return ok(this.register(commands, body, guildId));
    });

    this.on('POST', '/interactions/:id/:token/callback', (request, params) => this.callback(request, params));
    this.on('POST', '/webhooks/:appId/:token', (request, params) => this.followUp(request, params));
    this.on('GET', '/webhooks/:appId/:token/messages/:messageId', (_, params) => {
      const found = this.webhookMessage(params);
      return found ?? unknownMessage;
    });
    this.on('PATCH', '/webhooks/:appId/:token/messages/:messageId', (request, params) => {
      const found = this.webhookMessage(params);
      return found ? ok(this.edit(found.body as APIMessage, request.body, request.files)) : unknownMessage;
    });
    this.on('DELETE', '/webhooks/:appId/:token/messages/:messageId', (_, params) => {
      const found = this.webhookMessage(params);
      if (!found) return unknownMessage;
      const deleted = found.body as APIMessage;
      const state = this.byToken(params);
      if (state?.original === deleted) state.original = undefined;
      if (state) state.followUps = state.followUps.filter((followUp) => followUp !== deleted);
      this.remove(deleted);
      return noContent;
    });

    this.on('GET', '/channels/:channelId', (_, { channelId = '' }) => {
      const channel = this.channels.get(channelId);
      return channel ? ok(channel) : unknownChannel;
    });
    this.on('GET', '/channels/:channelId/messages', (request, { channelId = '' }) =>
      this.channels.has(channelId) ? ok(this.history(channelId, request.query)) : unknownChannel,
    );
    this.on('POST', '/channels/:channelId/messages', (request, { channelId = '' }) => {
      if (!this.channels.has(channelId)) return unknownChannel;
      const body = request.body as MessageBody;
      const type = body.message_reference ? MessageType.Reply : MessageType.Default;
      return ok(
        this.create(channelId, body, request.files, { type, message_reference: body.message_reference }),
      );
    });
    this.on('GET', '/channels/:channelId/messages/:messageId', (_, { channelId = '', messageId = '' }) => {
      const found = this.findMessage(channelId, messageId);
      return found ? ok(found) : unknownMessage;
    });
    this.on(
      'PATCH',
      '/channels/:channelId/messages/:messageId',
      (request, { channelId = '', messageId = '' }) => {
        const found = this.findMessage(channelId, messageId);
        return found ? ok(this.edit(found, request.body, request.files)) : unknownMessage;
      },
    );
    this.on('DELETE', '/channels/:channelId/messages/:messageId', (_, { channelId = '', messageId = '' }) => {
      const found = this.findMessage(channelId, messageId);
      if (!found) return unknownMessage;
      this.remove(found);
      return noContent;
    });
    this.on('POST', '/channels/:channelId/typing', () => noContent);
  }

  private register(
    target: APIApplicationCommand[],
    body: unknown,
    guildId?: string,
  ): APIApplicationCommand[] {
    const registered = (body as Partial<APIApplicationCommand>[]).map(
      (command): APIApplicationCommand => ({
        type: ApplicationCommandType.ChatInput,
        description: '',
        default_member_permissions: null,
        ...command,
        name: command.name ?? '',
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        ...(guildId === undefined ? {} : { guild_id: guildId }),
      }),
    );
    target.splice(0, target.length, ...registered);
    return registered;
  }

  private callback(request: RecordedRequest, { id = '', token }: Record<string, string>): Reply {
    const state = this.interactions.get(id);
    if (!state || state.payload.token !== token) return apiError(404, 10062, 'Unknown interaction');
    if (state.callbackType !== undefined) {
      return apiError(400, 40060, 'Interaction has already been acknowledged.');
    }
    const body = request.body as RESTPostAPIInteractionCallbackJSONBody;
    state.callbackType = body.type;
    const { payload } = state;
    const channelId = payload.channel?.id ?? this.channelId;
    const extras = this.interactionExtras(payload);
    const clicked = payload.message;
    const component = clicked ? (this.findMessage(channelId, clicked.id) ?? clicked) : undefined;
    if (body.type === InteractionResponseType.ChannelMessageWithSource) {
      state.original = this.create(channelId, body.data ?? {}, request.files, extras);
    } else if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const flags = (body.data?.flags ?? 0) | MessageFlags.Loading;
      state.original = this.create(channelId, { flags }, [], extras);
    } else if (body.type === InteractionResponseType.UpdateMessage && component) {
      state.original = this.edit(component, body.data, request.files);
    } else if (body.type === InteractionResponseType.DeferredMessageUpdate && component) {
      state.original = component;
    }
    if (request.query.with_response !== 'true') return noContent;
    return ok({
      interaction: {
        id: payload.id,
        type: payload.type,
        response_message_id: state.original?.id,
        response_message_loading: body.type === InteractionResponseType.DeferredChannelMessageWithSource,
        response_message_ephemeral: Boolean((state.original?.flags ?? 0) & MessageFlags.Ephemeral),
      },
      resource: { type: body.type, ...(state.original ? { message: state.original } : {}) },
    });
  }

  private followUp(request: RecordedRequest, params: Record<string, string>): Reply {
    const state = this.byToken(params);
    if (!state?.callbackType) return unknownWebhook;
    if (state.original && (state.original.flags ?? 0) & MessageFlags.Loading) {
      return ok(this.edit(state.original, request.body, request.files));
    }
    const channelId = state.payload.channel?.id ?? this.channelId;
    const created = this.create(
      channelId,
      request.body,
      request.files,
      this.interactionExtras(state.payload),
    );
    state.followUps.push(created);
    return request.query.wait === 'true' ? ok(created) : noContent;
  }

  private byToken({ appId, token }: Record<string, string>): InteractionState | undefined {
    if (appId !== this.applicationId) return undefined;
    return [...this.interactions.values()].find((state) => state.payload.token === token);
  }

  private webhookMessage(params: Record<string, string>): Reply | undefined {
    const state = this.byToken(params);
    const found =
      params.messageId === '@original'
        ? state?.original
        : state?.followUps.find((followUp) => followUp.id === params.messageId);
    return found ? ok(found) : undefined;
  }

  private interactionExtras(payload: APIInteraction): Partial<APIMessage> {
    const type =
      payload.type !== InteractionType.ApplicationCommand
        ? MessageType.Default
        : payload.data.type === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand;
    const interactionUser = payload.member?.user ?? payload.user ?? defaultUser;
    return {
      type,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: payload.id,
        type: payload.type,
        user: interactionUser,
        authorizing_integration_owners: payload.authorizing_integration_owners,
      } as APIMessageInteractionMetadata,
    };
  }

  private create(
    channelId: string,
    data: unknown,
    files: RecordedFile[],
    extras: Partial<APIMessage>,
  ): APIMessage {
    const body = (data ?? {}) as MessageBody;
    const created = message({
      channel_id: channelId,
      author: this.botUser,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? (0 as MessageFlags),
      tts: body.tts ?? false,
      attachments: this.attachments(body.attachments, files, []),
      ...extras,
    });
    if (!((created.flags ?? 0) & MessageFlags.Ephemeral)) this.store(channelId).push(created);
    return created;
  }

  private edit(target: APIMessage, data: unknown, files: RecordedFile[]): APIMessage {
    const body = (data ?? {}) as MessageBody;
    if ('content' in body) target.content = body.content ?? '';
    if ('embeds' in body) target.embeds = body.embeds ?? [];
    if ('components' in body) target.components = body.components ?? [];
    if ('attachments' in body) {
      target.attachments = this.attachments(body.attachments, files, target.attachments);
    }
    target.flags = (target.flags ?? 0) & ~MessageFlags.Loading;
    target.edited_timestamp = new Date().toISOString();
    return target;
  }

  private attachments(
    listed: MessageBody['attachments'],
    files: RecordedFile[],
    existing: APIAttachment[],
  ): APIAttachment[] {
    const entries: NonNullable<MessageBody['attachments']> =
      listed ?? files.map((_, index) => ({ id: index }));
    return entries.map((entry) => {
      const kept = existing.find((attachment) => attachment.id === String(entry.id));
      if (kept) return kept;
      const file = files[Number(entry.id)];
      const id = snowflake();
      const filename = entry.filename ?? file?.filename ?? 'file';
      const url = `${this.apiBase}/attachments/${this.channelId}/${id}/${filename}`;
      return {
        id,
        filename,
        size: file?.data.length ?? 0,
        url,
        proxy_url: url,
        content_type: file?.contentType,
      };
    });
  }

  private history(channelId: string, query: Record<string, string>): APIMessage[] {
    const limit = Math.min(Math.max(Number(query.limit ?? 50) || 50, 1), 100);
    let list = [...this.store(channelId)].sort(byIdDescending);
    if (query.before) list = list.filter((stored) => BigInt(stored.id) < BigInt(query.before ?? 0));
    if (query.after)
      list = list.filter((stored) => BigInt(stored.id) > BigInt(query.after ?? 0)).slice(-limit);
    return list.slice(0, limit);
  }

  private store(channelId: string): APIMessage[] {
    const list = this.channelMessages.get(channelId) ?? [];
    this.channelMessages.set(channelId, list);
    return list;
  }

  private findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.store(channelId).find((stored) => stored.id === messageId);
  }

  private remove(deleted: APIMessage): void {
    const list = this.store(deleted.channel_id);
    const index = list.indexOf(deleted);
    if (index !== -1) list.splice(index, 1);
  }

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? '/', this.apiBase).searchParams);
    this.gatewayQueries.push(query);
    const session: Session = { identified: false, sequence: 0, shard: [0, 1] };
    this.sessions.set(socket, session);
    socket.on('close', () => this.sessions.delete(socket));
    socket.on('message', (data) => this.onGatewayMessage(socket, session, String(data)));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onGatewayMessage(socket: WebSocket, session: Session, text: string): void {
    let payload: GatewaySendPayload;
    try {
      payload = JSON.parse(text) as GatewaySendPayload;
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    this.gatewayPayloads.push({ op: payload.op, d: payload.d, at: Date.now() });
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify: {
        session.shard = payload.d.shard ?? [0, 1];
        if (session.shard[1] < this.requiredShards) {
          socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
          break;
        }
        session.identified = true;
        const servesGuild = shardOf(this.guildId, session.shard[1]) === session.shard[0];
        this.sendDispatch(socket, session, GatewayDispatchEvents.Ready, this.ready(session, servesGuild));
        if (servesGuild) {
          this.sendDispatch(
            socket,
            session,
            GatewayDispatchEvents.GuildCreate,
            guildCreatePayload([...this.channels.values()], this.botPermissions),
          );
        }
        break;
      }
      case GatewayOpcodes.Resume:
        if (!this.resumableSessions.has(payload.d.session_id)) {
          this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
          break;
        }
        session.identified = true;
        session.sequence = payload.d.seq;
        this.sendDispatch(socket, session, GatewayDispatchEvents.Resumed, {});
        break;
      case GatewayOpcodes.RequestGuildMembers:
        this.sendDispatch(socket, session, GatewayDispatchEvents.GuildMembersChunk, {
          guild_id: payload.d.guild_id,
          members: guildMembers(),
          chunk_index: 0,
          chunk_count: 1,
          nonce: payload.d.nonce,
        });
        break;
      default:
        break;
    }
  }

  private send(
    socket: WebSocket,
    payload: { op: GatewayOpcodes; d?: unknown; s?: number; t?: string },
  ): void {
    socket.send(JSON.stringify(payload));
  }

  private sendDispatch(socket: WebSocket, session: Session, event: string, data: unknown): void {
    session.sequence += 1;
    this.send(socket, { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data });
  }

  private ready(session: Session, servesGuild: boolean): GatewayReadyDispatchData {
    const sessionId = randomUUID();
    this.resumableSessions.add(sessionId);
    return {
      v: Number(APIVersion),
      user: this.botUser,
      guilds: servesGuild ? [{ id: this.guildId, unavailable: true }] : [],
      session_id: sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
  }
}

/** The shard that receives a guild's events among `count` shards; direct messages (no guild) go to shard 0. */
function shardOf(guildId: string | undefined, count: number): number {
  return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Starts a fake Discord on 127.0.0.1 with a random port. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

/** Creates a real discord.js Client pointed at the fake (not logged in); intents default to Guilds. */
export function createTestClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { ...options.rest, api: fake.apiBase },
  });
  fake.track(client);
  return client;
}

/** Logs a test client in to the fake with a dummy token and resolves once it is ready. */
export async function connectClient(
  fake: FakeDiscord,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = createTestClient(fake, options);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(fakeToken);
  return ready;
}
