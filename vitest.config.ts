import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Discord suites start a loopback server and a real client; give them room on a busy two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
