import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: the integration tests on the full Temporal server (scripts/test-cluster.sh). */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    // Starts the full Temporal server (four processes, fresh schema) and prepares the test database.
    globalSetup: ['test/cluster/global-setup.ts'],
    pool: 'forks',
    // Each file starts worker and API processes of its own: one file at a time on a 2-core machine.
    maxWorkers: 1,
    fileParallelism: false,
    // Hang guards, not speed checks.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
