import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // A safety net, not a wait (every wait in the tests is event-driven): end-to-end tests run whole
    // runs through the built CLI, and on a loaded 2-core machine one can take several times its
    // quiet-machine time.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
