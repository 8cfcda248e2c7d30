import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Suites that run the CLI or the bot as users do run the compiled JavaScript in dist/.
    globalSetup: ['tests/buildOnce.ts'],
    // Discord suites start a loopback server and a real client; give them room on a busy two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
