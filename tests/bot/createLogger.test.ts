import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/discord/runtime/createLogger.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';

function capture(level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const logger = createLogger(
    { LOG_LEVEL: level, DISCORD_TOKEN: TEST_TOKEN },
    { write: (line: string) => void lines.push(line) },
  );
  return { logger, lines };
}

describe('logs never hold a secret', () => {
  it('redacts the bot token from fields, messages and error stacks', () => {
    const { logger, lines } = capture();
    logger.info({ DISCORD_TOKEN: TEST_TOKEN, config: { DISCORD_TOKEN: TEST_TOKEN } }, 'settings');
    logger.error({ err: new Error(`login failed with ${TEST_TOKEN}`) }, `token ${TEST_TOKEN} refused`);
    const output = lines.join('');
    expect(output).not.toContain(TEST_TOKEN);
    expect(output).toContain('[redacted]');
    expect(output).toContain('login failed with [redacted]');
  });

  it('removes interaction tokens from the REST paths that discord.js puts in its errors', () => {
    const path =
      '/interactions/1100000000000000099/aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAwMDA5OTp0b2tlbg/callback';
    expect(scrubSecrets(`POST ${path} failed`, undefined)).toBe(
      'POST /interactions/1100000000000000099/[redacted]/callback failed',
    );
    expect(
      scrubSecrets(
        'PATCH /webhooks/1100000000000000001/aW50ZXJhY3Rpb246dG9rZW4tdG9rZW4/messages/@original',
        undefined,
      ),
    ).toBe('PATCH /webhooks/1100000000000000001/[redacted]/messages/@original');
  });
});
