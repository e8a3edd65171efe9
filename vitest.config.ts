import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts one real Temporal dev server and prepares the test database for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    // Temporal's native worker runs best in its own process per test file.
    pool: 'forks',
    maxWorkers: 2,
    // Hang guards, not speed checks: the batch tests drive thousands of workflows on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
