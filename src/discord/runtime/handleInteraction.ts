import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DISCORD_LIMITS } from '../render/discordLimits.ts';
import { truncateText } from '../render/truncateText.ts';
import type { BotContext } from './BotContext.ts';
import { type Command, parseCustomId } from './Command.ts';
import type {
  AutocompleteRequest,
  Choice,
  CommandRequest,
  ComponentRequest,
  InteractionRequest,
} from './InteractionRequest.ts';
import { takeTurn } from './takeTurn.ts';
import { UserError } from './UserError.ts';

/** What a button from an older version of Dossier says: its command or action no longer exists. */
const STALE_COMPONENT_MESSAGE = 'This button no longer works. Run the command again.';

/** Commands by name, for routing. */
export type CommandRegistry = ReadonlyMap<string, Command>;

/** Indexes commands by name, refusing two with the same name. */
export function commandRegistry(commands: readonly Command[]): CommandRegistry {
  const registry = new Map<string, Command>();
  for (const command of commands) {
    if (registry.has(command.data.name))
      throw new Error(`discord: two commands are named ${command.data.name}`);
    registry.set(command.data.name, command);
  }
  return registry;
}

/** Keeps autocomplete choices within Discord's limits: 25 of them, names and string values of 100 characters. */
function fitChoices(choices: readonly Choice[]): Choice[] {
  return choices
    .filter((choice) => typeof choice.value !== 'string' || choice.value.length <= DISCORD_LIMITS.choiceValue)
    .slice(0, DISCORD_LIMITS.choices)
    .map((choice) => ({ ...choice, name: truncateText(choice.name, DISCORD_LIMITS.choiceName) || '…' }));
}

/** A short id that ties the message a user sees to the log entry with the stack. */
function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

async function runCommand(request: CommandRequest, commands: CommandRegistry, context: BotContext) {
  const command = commands.get(request.commandName);
  if (!command) throw new UserError('This command is not available any more.');
  const seconds = command.cooldownSeconds?.(context.config) ?? 0;
  const wait = await context.cooldowns.take(request.user.id, request.commandName, seconds);
  if (wait > 0) throw new UserError(`You're going a little fast: try again in ${wait} s.`);
  await command.execute(request, context);
}

async function runComponent(request: ComponentRequest, commands: CommandRegistry, context: BotContext) {
  const { command: name, action, args } = parseCustomId(request.customId);
  const handler = commands.get(name)?.components?.[action];
  if (!handler) throw new UserError(STALE_COMPONENT_MESSAGE);
  await handler(request, context, args);
}

async function runAutocomplete(request: AutocompleteRequest, commands: CommandRegistry, context: BotContext) {
  const command = commands.get(request.commandName);
  const choices = command?.autocomplete ? await command.autocomplete(request, context) : [];
  await request.respond(fitChoices(choices));
}

/** Tells the person what went wrong, privately, whatever has been sent so far. */
async function sendEphemeral(request: CommandRequest | ComponentRequest, content: string): Promise<void> {
  const message = { content, ephemeral: true };
  if (request.responseState === 'pending' || request.deferredEphemeral) return request.reply(message);
  if (request.responseState === 'deferred') {
    // The placeholder may be public; remove it rather than fill it with an error for everyone to see.
    await request.deleteReply().catch(() => undefined);
  }
  await request.followUp(message);
}

async function reportFailure(error: unknown, request: InteractionRequest, log: Logger): Promise<string> {
  const expected = error instanceof UserError;
  const errorId = expected ? undefined : newErrorId();
  // A refusal may quote what the user typed, which is only logged at debug level.
  if (expected) log.debug({ reason: error.message }, 'refused');
  else log.error({ err: error, errorId }, 'interaction failed');
  try {
    if (request.kind === 'autocomplete') await request.respond([]);
    else
      await sendEphemeral(
        request,
        expected
          ? error.message
          : `Something went wrong on Dossier's side. If it keeps happening, tell a moderator this error id: \`${errorId}\`.`,
      );
  } catch (sendError) {
    // The interaction may have expired or been answered already; there is nobody left to tell.
    log.warn({ err: sendError, errorId }, 'could not tell the user about a failure');
  }
  return expected ? 'refused' : 'error';
}

function logFields(request: InteractionRequest): Record<string, unknown> {
  const base = {
    interactionId: request.id,
    kind: request.kind,
    userId: request.user.id,
    guildId: request.guildId,
    channelId: request.channelId,
  };
  if (request.kind !== 'component') return { ...base, command: request.commandName };
  const { command, action } = parseCustomId(request.customId);
  return { ...base, command, action };
}

/**
 * Routes an interaction to its command's handler, transport-neutral: the gateway adapter and an HTTP
 * endpoint both call it. Applies cooldowns, logs each interaction with its latency, and is the one place
 * failures are caught: a `UserError` is shown as it is; anything else gets a short message with an error id,
 * and the stack goes to the log. Interactions take turns on the event loop, so one slow answer does not hold
 * back the replies computed before it. It never throws.
 */
export async function handleInteraction(
  request: InteractionRequest,
  commands: CommandRegistry,
  context: BotContext,
): Promise<void> {
  const started = performance.now();
  const log = context.logger.child(logFields(request));
  if (request.kind !== 'component') log.debug({ options: request.options.toJSON() }, 'options');
  let outcome = 'ok';
  try {
    await takeTurn();
    if (request.kind === 'command') await runCommand(request, commands, context);
    else if (request.kind === 'component') await runComponent(request, commands, context);
    else await runAutocomplete(request, commands, context);
  } catch (error) {
    outcome = await reportFailure(error, request, log);
  }
  log.info(
    {
      outcome,
      latencyMs: Math.round(performance.now() - started),
      ageMs: Date.now() - request.createdAt.getTime(),
    },
    'interaction handled',
  );
}
