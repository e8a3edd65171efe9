/**
 * Starts the browser tests' Homeward (server.ts) in a child process and hands its address to the
 * tests through HOMEWARD_BROWSER_URL, and the accounts it made through HOMEWARD_BROWSER_ACCOUNTS;
 * the returned function stops it. A server that does not come
 * up fails the run with its output.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST } from '../../../api/console.js';
import { PROJECT_ROOT } from '../../../platform/config.js';
import { ACCOUNTS_ENV } from './accounts.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) throw new Error('The console is not built: run `bash scripts/setup.sh` first.');
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/browser/support/server.ts')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser test server did not start in 180 s:\n${output}`)), 180_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      const accounts = /^ACCOUNTS (.+)$/m.exec(output);
      if (match && accounts) {
        clearTimeout(timer);
        process.env[ACCOUNTS_ENV] = accounts[1]!;
        resolve(match[1]!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser test server exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  process.env.HOMEWARD_BROWSER_URL = url;
  return async () => {
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  };
}
