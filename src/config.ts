import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

/** Settings are missing or invalid; the message lists every bad variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A share from 0 to 1 written as a plain decimal ("0.6"), never a hex, exponent or percentage. */
const share = z
  .string()
  .regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/, 'must be a decimal from 0 to 1, such as 0.6')
  .transform(Number);

/** Settings every entry point needs: where the articles are and where Dossier keeps its own files. */
const coreSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: logLevel.default('info'),
  /** The confidence an answer needs; unset, the answer model's own operating point applies. */
  ANSWER_MIN_CONFIDENCE: share.optional(),
});

export type CoreConfig = z.infer<typeof coreSchema>;

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id: 17 to 20 digits');
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A whole number written in decimal digits, within a range: "16", never " ", "0x10", "1e3" or "12.5". */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}, written in digits`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

const seconds = wholeNumber(0, 3600);

/** Discord allows far fewer; the bound only catches a typo such as an extra zero or a snowflake. */
const MAX_SHARDS = 100_000;

/** "0,1" or "0-3" or "0-3,8": the shard ids this process runs, ascending. */
const shardIdList = z
  .string()
  .regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, 'must be shard ids such as 0,1 or 0-3')
  .transform((text, ctx) => {
    const ids = new Set<number>();
    for (const part of text.split(',')) {
      const [first = 0, last = first] = part.split('-').map((bound) => Number(bound.trim()));
      if (last < first || last >= MAX_SHARDS) {
        ctx.addIssue({ code: 'custom', message: `${part.trim()} is not a range of shard ids` });
        continue;
      }
      for (let id = first; id <= last; id += 1) {
        if (ids.has(id)) ctx.addIssue({ code: 'custom', message: `shard ${id} is listed twice` });
        ids.add(id);
      }
    }
    return [...ids].sort((a, b) => a - b);
  });

/** The bot's settings one by one; `botSchema` adds the checks that involve several of them. */
export const botFields = coreSchema.extend({
  DISCORD_TOKEN: z
    .string()
    .regex(/^[\w.-]+$/, 'must be the token alone, on one line, with no spaces or quotes inside')
    .min(50, 'is too short to be a bot token'),
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  DISCORD_SHARDS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(MAX_SHARDS)], {
      error: 'must be auto or a number of shards',
    })
    .default('auto'),
  DISCORD_SHARD_IDS: shardIdList.optional(),
  DISCORD_SHARD_COUNT: z.coerce.number().int().min(1).max(MAX_SHARDS).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ASK_COOLDOWN_SECONDS: seconds.default(5),
  SEARCH_COOLDOWN_SECONDS: seconds.default(3),
  MODERATOR_ROLE_ID: snowflake.optional(),
  MAX_UPLOAD_BYTES: wholeNumber(1024, 25 * 1024 * 1024).default(1024 * 1024),
  DOWNLOAD_TIMEOUT_SECONDS: wholeNumber(1, 300).default(15),
  CORPUS_WATCH: flag.default(false),
  CORPUS_ANNOUNCE_CHANNEL_ID: snowflake.optional(),
  ENABLE_CHANNEL_DIGEST: flag.default(false),
  DIGEST_CHANNEL_ID: snowflake.optional(),
  DIGEST_INTERVAL_MINUTES: wholeNumber(5, 7 * 24 * 60).default(60),
  DISCORD_TRANSPORT: z.enum(['gateway', 'http']).default('gateway'),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters')
    .optional(),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  PORT: wholeNumber(0, 65_535).default(8080),
});

/** Everything the bot needs on top of the core settings. */
export const botSchema = botFields.superRefine((settings, ctx) => {
  // An interactions endpoint cannot tell Discord's requests from forgeries without the application's key.
  if (settings.DISCORD_TRANSPORT === 'http' && !settings.DISCORD_PUBLIC_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_PUBLIC_KEY'],
      message: 'is required with DISCORD_TRANSPORT=http',
    });
  }
  const { DISCORD_SHARDS: shards, DISCORD_SHARD_IDS: ids, DISCORD_SHARD_COUNT: count } = settings;
  if (ids === undefined && count === undefined) return;
  // Refinements run even when a single field failed; that field's own message says enough.
  if (ids !== undefined && !Array.isArray(ids)) return;
  if (ids === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: 'is required' });
  } else if (count === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARD_COUNT'], message: 'is required' });
  } else {
    const outside = ids.filter((id) => id >= count);
    if (outside.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARD_IDS'],
        message: `shard ids start at 0, so ${outside.join(', ')} cannot be among ${count} shards`,
      });
    }
  }
  if (shards !== 'auto') {
    ctx.addIssue({
      code: 'custom',
      path: ['DISCORD_SHARDS'],
      message: 'cannot be a number when DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT split the shards',
    });
  }
});

export type BotConfig = z.infer<typeof botSchema>;

const BOT_HINTS: Record<string, string> = {
  DISCORD_TOKEN: 'copy it from the Developer Portal, Bot page, "Reset Token"',
  DISCORD_APPLICATION_ID: "the Application ID on the Developer Portal's General Information page",
  DISCORD_GUILD_ID: 'right-click your server with Developer Mode on, "Copy Server ID"; or leave it empty',
  DISCORD_API_BASE: 'a full http(s) URL such as https://discord.com/api; or leave it empty',
  DISCORD_SHARDS: 'auto (as many as Discord recommends), a number of shards, or leave it empty',
  DISCORD_SHARD_IDS:
    'the shards this process runs, such as 0,1 or 0-3, set together with DISCORD_SHARD_COUNT; or leave both empty',
  DISCORD_SHARD_COUNT:
    'the number of shards across every process, set together with DISCORD_SHARD_IDS; or leave both empty',
  DATABASE_URL:
    'postgres://user:password@host:5432/dossier to share state between replicas; or leave it empty to keep it in DATA_DIR',
  MODERATOR_ROLE_ID: 'right-click the role in Server Settings, "Copy Role ID"; or leave it empty',
  CORPUS_WATCH: 'true or false',
  ENABLE_CHANNEL_DIGEST: 'true or false',
  DISCORD_TRANSPORT: 'gateway (the default) or http',
  DISCORD_PUBLIC_KEY:
    "the Public Key on the Developer Portal's General Information page (needed with DISCORD_TRANSPORT=http)",
  PORT: 'a port number from 0 to 65535',
};

/** Variables from `.env` under those of the real environment, which win, as dotenv does by default. */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}

/** Validates settings against a schema, collecting every problem into one readable message. */
export function parseSettings<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
  hints: Record<string, string> = {},
): z.infer<Schema> {
  // An empty value in .env ("DISCORD_GUILD_ID=") means "not set", not "set to nothing".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'settings');
    const problem = present[name] === undefined ? 'is not set' : `is invalid (${issue.message})`;
    return `  ${name} ${problem}${hints[name] ? `: ${hints[name]}` : ''}`;
  });
  throw new ConfigError(
    `Dossier cannot start; fix these settings in .env (see .env.example):\n${lines.join('\n')}`,
  );
}

/** The core settings, from `.env` and the environment. */
export function loadCoreConfig(env = readEnvironment()): CoreConfig {
  return parseSettings(coreSchema, env);
}

/** The bot's settings, from `.env` and the environment; throws a `ConfigError` listing every bad one. */
export function loadBotConfig(env = readEnvironment()): BotConfig {
  return parseSettings(botSchema, env, BOT_HINTS);
}
