import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { REST } from 'discord.js';
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { NO_MENTIONS } from '../../render/ReplyMessage.ts';
import type { InteractionRequest } from '../InteractionRequest.ts';
import { requestFromHttp } from './httpInteraction.ts';
import { signatureProblem } from './verifyDiscordSignature.ts';

/** The path Discord POSTs interactions to: the Interactions Endpoint URL ends with it. */
export const INTERACTIONS_PATH = '/interactions';
/** The path a load balancer or orchestrator asks whether this replica can answer. */
export const HEALTH_PATH = '/healthz';
/** Interactions are small JSON documents; Discord's largest stay far below this. */
const MAX_BODY_BYTES = 256 * 1024;
/**
 * A handler that has not answered by then gets its interaction deferred, and finishes through the webhook:
 * Discord waits three seconds for the first answer, and a slow download or a busy machine must not cost it.
 */
const DEFER_AFTER_MS = 1_000;
/** Interactions being handled at once; past this a burst is refused at once rather than queued. */
const MAX_CONCURRENT_INTERACTIONS = 64;
/**
 * An interaction that waited this long before its handler could start (the process was busy with others) is
 * refused: by the time it was answered, Discord would have given up on it.
 */
const MAX_QUEUED_MS = 2_000;

/** What a person sees when a burst of interactions is more than this replica can answer in time. */
export const BUSY_MESSAGE = 'Dossier is answering a lot of requests right now. Try again in a few seconds.';

export interface InteractionEndpointOptions {
  /** The application's public key, from `discordPublicKey`. */
  publicKey: KeyObject;
  applicationId: string;
  /** For the webhook requests that complete deferred answers. */
  rest: REST;
  logger: Logger;
  /** Whether the corpus is loaded and interactions can be answered. */
  isReady(): boolean;
  /** Whether the shared database answers, when there is one; a replica that cannot reach it is not healthy. */
  databaseReachable?(): Promise<boolean>;
  /** Answers one interaction; never throws (`handleInteraction`). */
  handle(request: InteractionRequest): Promise<void>;
  /** When a burst is refused: `MAX_CONCURRENT_INTERACTIONS` and `MAX_QUEUED_MS` by default. */
  limits?: { concurrent?: number; queuedMs?: number };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves once the response is handed to the network, or the connection is gone (Discord gave up). */
function sendJson(response: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (response.headersSent) return resolve();
    const json = JSON.stringify(body);
    response.once('close', resolve);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    });
    response.end(json, () => resolve());
  });
}

/**
 * Reads the body exactly as sent. Past `MAX_BODY_BYTES` the rest is read and dropped, so the sender still
 * gets its 413; the server's request timeout bounds how long that may take.
 */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (length > MAX_BODY_BYTES) reject(new HttpError(413, 'request body too large'));
      else resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function parseInteraction(body: Buffer): APIInteraction {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  const candidate = payload as Partial<APIInteraction> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.type !== 'number' ||
    typeof candidate.id !== 'string' ||
    typeof candidate.token !== 'string'
  ) {
    throw new HttpError(400, 'the body is not an interaction');
  }
  return candidate as APIInteraction;
}

/** What a refused interaction gets: an empty list of suggestions, or a private message saying why. */
function busyResponse(payload: APIInteraction): APIInteractionResponse {
  if (payload.type === InteractionType.ApplicationCommandAutocomplete) {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  }
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content: BUSY_MESSAGE, flags: MessageFlags.Ephemeral, allowed_mentions: NO_MENTIONS },
  };
}

/**
 * Dossier's interactions endpoint: `POST /interactions` takes what Discord sends, refuses anything not signed
 * with the application's key (401), too large (413) or not an interaction (400), answers pings, and hands
 * the rest to the handlers, whose first answer becomes the HTTP response. `GET /healthz` says whether this
 * replica is ready: its corpus loaded, and its database reachable when it has one. The endpoint keeps nothing between requests, so any number of replicas can share the
 * traffic.
 */
export function createInteractionEndpoint(options: InteractionEndpointOptions): Server {
  const { logger } = options;
  const maxConcurrent = options.limits?.concurrent ?? MAX_CONCURRENT_INTERACTIONS;
  const maxQueuedMs = options.limits?.queuedMs ?? MAX_QUEUED_MS;
  let handling = 0;

  async function onInteraction(request: IncomingMessage, response: ServerResponse, receivedAt: number) {
    const body = await readBody(request);
    const problem = signatureProblem(
      {
        signature: request.headers['x-signature-ed25519'] as string | undefined,
        timestamp: request.headers['x-signature-timestamp'] as string | undefined,
        body,
      },
      options.publicKey,
    );
    if (problem) {
      logger.warn({ problem, remote: request.socket.remoteAddress }, 'refused an unsigned interaction');
      throw new HttpError(401, 'invalid request signature');
    }
    const payload = parseInteraction(body);
    if (payload.type === InteractionType.Ping) {
      await sendJson(response, 200, { type: InteractionResponseType.Pong });
      return;
    }
    if (!options.isReady()) throw new HttpError(503, 'the corpus is still loading');

    const send = (answer: APIInteractionResponse) => {
      if (response.headersSent) throw new Error('discord: the HTTP response was sent already');
      return sendJson(response, 200, answer);
    };
    const mapped = requestFromHttp(payload, send, {
      rest: options.rest,
      applicationId: options.applicationId,
    });
    if (!mapped) throw new HttpError(400, 'this kind of interaction is not handled');
    const queuedMs = performance.now() - receivedAt;
    if (handling >= maxConcurrent || queuedMs > maxQueuedMs) {
      logger.warn({ interactionId: payload.id, handling, queuedMs: Math.round(queuedMs) }, 'busy: refused');
      await send(busyResponse(payload));
      return;
    }
    handling++;
    const safetyNet = setTimeout(() => {
      mapped.deferIfPending().catch((error: unknown) => {
        logger.warn({ err: error, interactionId: payload.id }, 'could not defer a slow interaction');
      });
    }, DEFER_AFTER_MS);
    try {
      await options.handle(mapped.request);
    } finally {
      clearTimeout(safetyNet);
      handling--;
    }
    if (!mapped.answered()) {
      logger.error({ interactionId: payload.id }, 'a handler finished without answering');
      throw new HttpError(500, 'the interaction was not answered');
    }
  }

  /** Ready once the corpus is loaded and the database, when configured, answers. */
  async function health(): Promise<{ status: string; code: number }> {
    if (!options.isReady()) return { status: 'loading', code: 503 };
    if (options.databaseReachable && !(await options.databaseReachable())) {
      return { status: 'database unreachable', code: 503 };
    }
    return { status: 'ready', code: 200 };
  }

  const server = createServer((request, response) => {
    const receivedAt = performance.now();
    const path = new URL(request.url ?? '/', 'http://endpoint').pathname;
    let route: Promise<void>;
    if (path === HEALTH_PATH && request.method === 'GET') {
      route = health().then(({ status, code }) => sendJson(response, code, { status }));
    } else if (path === INTERACTIONS_PATH && request.method === 'POST') {
      route = onInteraction(request, response, receivedAt);
    } else {
      route = Promise.reject(
        new HttpError(path === INTERACTIONS_PATH ? 405 : 404, `no route for ${request.method} ${path}`),
      );
    }
    route.catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) logger.error({ err: error }, 'interactions endpoint failed');
      void sendJson(response, status, {
        error: error instanceof HttpError ? error.message : 'internal error',
      });
    });
  });
  // Discord waits three seconds; a client that takes ten to send one small request is not Discord.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return server;
}
