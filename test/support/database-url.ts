import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../platform/config.js';

/** TEST_DATABASE_URL, or the test database `npm run setup` created. */
export function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const file = join(DATA_DIR, 'test-database-url');
  if (!existsSync(file)) throw new Error('No test database: run `npm run setup` or set TEST_DATABASE_URL');
  return readFileSync(file, 'utf8').trim();
}

/** The same test database as the role row-level security applies to (see migration 0006). */
export function testAppDatabaseUrl(): string {
  if (process.env.TEST_APP_DATABASE_URL) return process.env.TEST_APP_DATABASE_URL;
  const file = join(DATA_DIR, 'test-app-database-url');
  if (!existsSync(file)) throw new Error('No app-role test database URL: run `npm run setup` or set TEST_APP_DATABASE_URL');
  return readFileSync(file, 'utf8').trim();
}
