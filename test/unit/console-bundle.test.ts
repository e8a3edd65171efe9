/**
 * The console's first screen loads with at most 200 KB of compressed JavaScript: the entry chunk
 * index.html names plus the largest language catalog (set-up builds web/dist before the tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONSOLE_DIST } from '../../api/console.js';

const gzipped = (file: string) => gzipSync(readFileSync(file)).length;

describe('console bundle', () => {
  it('keeps the first screen under 200 KB of compressed JavaScript', () => {
    const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
    const entries = [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => join(CONSOLE_DIST, m[1]!));
    expect(entries.length).toBeGreaterThan(0);
    const assets = join(CONSOLE_DIST, 'assets');
    const catalogs = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(assets, f))
      .filter((f) => !entries.includes(f) && readFileSync(f, 'utf8').includes('"nav.signOut"'));
    expect(catalogs.length).toBe(7);
    const total = entries.reduce((sum, f) => sum + gzipped(f), 0) + Math.max(...catalogs.map(gzipped));
    expect(total).toBeLessThanOrEqual(200 * 1024);
  });
});
