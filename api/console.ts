/**
 * The web console, served by the API server itself (no second back end): the built files of
 * `web/` at `/`, hashed assets cached for good, index.html never cached, and the console's own
 * paths answered with index.html so a bookmarked case page opens. /v1, /docs and /codec never
 * fall back to it. Responses are compressed; the console's pages carry security headers and a
 * content security policy without inline scripts or eval.
 */
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/config.js';

export const CONSOLE_DIST = join(PROJECT_ROOT, 'web', 'dist');

/** Paths of the console's screens (react-router); anything else unknown stays a 404 problem. */
export const CONSOLE_PATHS = [
  '/',
  '/sign-in',
  '/cases',
  '/cases/*',
  '/new-case',
  '/inbox',
  '/batches',
  '/batches/*',
  '/transfers',
  '/transfers/*',
  '/monitoring/*',
  '/audit',
  '/admin/*',
];

/** Registered first in the app, so compression covers the API's responses too. */
export const consoleRoutes = (options: { dist?: string } = {}) =>
  fp(async (app: FastifyInstance) => {
    await app.register(compress, { global: true, threshold: 1024 });
    const dist = options.dist ?? CONSOLE_DIST;
    if (!existsSync(join(dist, 'index.html'))) {
      app.log.warn('the web console is not built (run `npm run setup`); serving the API only');
      return;
    }
    // Encapsulated: the CSP fits the console's pages; the API's JSON and the /docs UI keep theirs.
    await app.register(async (site) => {
      await site.register(helmet, {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            fontSrc: ["'self'"],
            imgSrc: ["'self'", 'data:'],
            connectSrc: ["'self'"],
            // The service worker (/sw.js) and the web app manifest, both from the console itself.
            workerSrc: ["'self'"],
            manifestSrc: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            baseUri: ["'none'"],
            objectSrc: ["'none'"],
          },
        },
        crossOriginEmbedderPolicy: false,
        referrerPolicy: { policy: 'no-referrer' },
      });
      await site.register(fastifyStatic, {
        root: dist,
        wildcard: false,
        index: false,
        setHeaders: (res, path) => {
          res.header('cache-control', path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      for (const path of CONSOLE_PATHS) {
        site.get(path, { schema: { hide: true } }, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
      }
    });
  });
