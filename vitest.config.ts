import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts one real Temporal dev server and prepares the test database for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    // Temporal's native worker runs best in its own process per test file.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
