/**
 * Browser tests of the console: Debian's Chromium (headless shell) driven by Playwright, against
 * a real Homeward (global-setup.ts starts it). `npx playwright install` is never needed.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // One worker: the tests share one server on a 2-core machine, and cases are per test anyway.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Hang guards, not speed checks.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: '../../data/test-reports/browser.json' }]],
  outputDir: '../../data/browser/test-output',
  use: {
    viewport: { width: 1024, height: 768 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium-headless-shell',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
