import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Suites that run the CLI or the bot as users do run the compiled JavaScript in dist/.
    globalSetup: ['tests/buildOnce.ts'],
    // Most suites spend their time waiting on child processes (the bot, the CLI, PostgreSQL), so two files run
    // well side by side even on two cores; vitest's default there is one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Safety nets against a hang, never a measure: no test depends on how fast the machine is, and a suite
    // with three CPU-bound processes beside it on two cores stays far inside these.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
