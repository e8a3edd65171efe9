/**
 * Builds the service worker (service-worker.ts) into dist/sw.js at the end of the console's
 * build, with the list of files to keep (every script and style sheet of the build, the page,
 * the manifest and icons from public/) and a version that changes with them. Fonts are not in
 * the list (6 MB, most of them Chinese subsets a reader may never need): they are kept as the
 * page fetches them. Written here rather than with a PWA plugin: a page of code, no build
 * dependency, and the rule of what is never cached stays in plain sight in service-worker.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

const SOURCE = join(import.meta.dirname, 'service-worker.ts');
const PUBLIC = join(import.meta.dirname, '../../public');

/** The public/ files (manifest, icons), as the server serves them. */
function publicFiles(dir = PUBLIC, prefix = '/'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? publicFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

export function serviceWorker(): Plugin {
  return {
    name: 'homeward-service-worker',
    apply: 'build',
    // After the bundle is written: by then Vite has dropped the chunks that held only CSS, which
    // generateBundle still lists (a precache naming a missing file fails the worker's install).
    async writeBundle(options, bundle) {
      const built = Object.keys(bundle)
        .filter((file) => /\.(js|css)$/.test(file))
        .map((file) => `/${file}`);
      const precache = ['/', ...publicFiles(), ...built].sort();
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const { code } = await transformWithOxc(readFileSync(SOURCE, 'utf8'), 'service-worker.ts', { lang: 'ts' });
      const script = code.replace(/^export \{\};.*$/m, '');
      writeFileSync(
        join(options.dir!, 'sw.js'),
        `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(version)};\n${script}`,
      );
    },
  };
}
