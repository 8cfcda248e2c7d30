import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

/** Settings are missing or invalid; the message lists every bad variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Settings every entry point needs: where the articles are and where Dossier keeps its own files. */
export const coreSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('./corpus'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: logLevel.default('info'),
});

export type CoreConfig = z.infer<typeof coreSchema>;

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
