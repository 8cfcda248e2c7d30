import { PermissionFlagsBits } from 'discord-api-types/v10';
import ms from 'ms';
import { UserError } from './UserError.ts';

/** The Developer Portal setting that lets Dossier read what people write. */
const INTENT_STEP =
  'turn on **Message Content Intent** in the Discord Developer Portal → your application → **Bot** → *Privileged Gateway Intents*';

/** What `/digest` says while channel digests are off, with every step to turn them on. */
export const DIGEST_DISABLED_MESSAGE = [
  'Channel digests are turned off on this Dossier. Whoever runs the bot can turn them on:',
  '1. set `ENABLE_CHANNEL_DIGEST=true` in its settings (`.env`) and restart it;',
  `2. ${INTENT_STEP} (a privileged intent: without it Discord sends Dossier messages without their text);`,
  '3. give Dossier **View Channel** and **Read Message History** in the channels to digest.',
  'Until then, **Check against sources** (right-click a message → Apps) works on any single message.',
].join('\n');

/** What `/digest` says when Discord sent people's messages without their text. */
export const INTENT_MISSING_MESSAGE = [
  'Discord sent Dossier these messages without their text: the privileged **Message Content Intent** is off for this application.',
  `To fix it, ${INTENT_STEP}, then restart Dossier. Nothing was posted.`,
].join('\n');

/** What Dossier needs in a channel to read its history, by name. */
const READ_PERMISSIONS: ReadonlyArray<[string, bigint]> = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Read Message History', PermissionFlagsBits.ReadMessageHistory],
];

function noAccess(missing: readonly string[]): UserError {
  const names = missing.map((name) => `**${name}**`).join(' and ');
  return new UserError(
    `Dossier can't read this channel's history: it lacks the ${names} ${missing.length === 1 ? 'permission' : 'permissions'} here. A server admin can allow ${missing.length === 1 ? 'it' : 'them'} for Dossier's role in the channel's settings → *Permissions*. Nothing was posted.`,
  );
}

/**
 * Refuses, naming what is missing, when Dossier may not read the channel: `appPermissions` are the bot's
 * permissions in it as the interaction reports them (`null` when Discord does not say, left to the fetch).
 */
export function requireReadAccess(appPermissions: bigint | null): void {
  if (appPermissions === null) return;
  const missing = READ_PERMISSIONS.filter(([, bit]) => (appPermissions & bit) === 0n).map(([name]) => name);
  if (missing.length > 0) throw noAccess(missing);
}

/** The same refusal when Discord itself turns the read down (the permissions changed, or were not reported). */
export function readRefused(): UserError {
  return noAccess(READ_PERMISSIONS.map(([name]) => name));
}

/** The shortest and longest `since` a digest accepts. */
const MIN_SINCE_MS = 60_000;
const MAX_SINCE_MS = 30 * 24 * 60 * 60_000;

/**
 * Reads a duration such as `30m`, `2h`, `1d` or `1 week` into milliseconds, refusing anything else with an
 * example: a bare number would be read as milliseconds, which nobody means.
 */
export function parseSince(text: string): number {
  const typed = text.trim();
  const value = /^\d+(\.\d+)?\s*[a-z]+$/i.test(typed) ? ms(typed as ms.StringValue) : undefined;
  if (value === undefined || !Number.isFinite(value) || value < MIN_SINCE_MS || value > MAX_SINCE_MS) {
    const shown = typed.replace(/[`\\]/g, '').slice(0, 40);
    throw new UserError(
      `\`since\` takes a duration from 1 minute to 30 days, such as \`30m\`, \`2h\` or \`1d\`; \`${shown}\` is not one.`,
    );
  }
  return value;
}
