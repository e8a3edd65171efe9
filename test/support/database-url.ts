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
