/**
 * A credential speaks for a registered agency, for a while (issue 14): every route the app serves,
 * listed from the app itself (its onRoute hook), refuses a correctly signed token that names an
 * agency outside the registry, and a token without an expiry. The only routes that take no
 * credential are the sign-in steps (listed here) and what lives outside /v1 and /codec (health,
 * API docs, the console's files), none of which holds data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIST, CONSOLE_PATHS } from '../../api/console.js';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.js';
import type { ServedRoute } from '../../api/app.js';
import { startHarness, TEST_JWT_SECRET, type Harness } from '../support/harness.js';

const PUBLIC_V1_ROUTES = [
  // The index of the API: links only, no data.
  'GET /v1',
  'GET /v1/auth/oidc/:agencyId/start',
  'GET /v1/auth/oidc/callback',
  'GET /v1/auth/providers',
  'POST /v1/auth/password-reset',
  'POST /v1/auth/second-factor',
  'POST /v1/auth/second-factor/enrol',
  'POST /v1/auth/second-factor/enrol/confirm',
  'POST /v1/auth/sign-in',
];
/** Outside /v1 and /codec: liveness, readiness and the API docs (the console's files join them when it lands). */
// /metrics: aggregates for Prometheus (no ids, no personal data in labels; tested), fenced off by the network in production.
const OUTSIDE_PREFIXES = ['/healthz', '/readyz', '/docs', '/metrics'];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
});
afterAll(async () => h?.stop());

const guarded = (route: ServedRoute) => route.url.startsWith('/v1') || route.url.startsWith('/codec');
/** Every route that needs a credential; HEAD mirrors GET and OPTIONS is the codec's CORS preflight. */
const routesNeedingCredentials = () =>
  h.app.servedRoutes.filter((r) => guarded(r) && !r.isPublic && r.method !== 'HEAD' && r.method !== 'OPTIONS');

/** A concrete URL for a route: ids as UUIDs, agencies as a registered one. */
const urlOf = (route: ServedRoute) =>
  route.url.replace(/:(\w+)/g, (_, name: string) => (/agency/i.test(name) ? 'th-dsdhs-bangkok' : randomUUID()));

describe('every route refuses a credential it cannot trust', () => {
  it('lists its routes, and the ones without a credential are exactly the sign-in steps', () => {
    expect(routesNeedingCredentials().length).toBeGreaterThan(40);
    const publicV1 = h.app.servedRoutes.filter((r) => guarded(r) && r.isPublic && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(publicV1.sort()).toEqual([...PUBLIC_V1_ROUTES].sort());
    // Outside /v1 and /codec: health, the docs, the console's screens, and files of the console's build.
    const outside = (url: string) =>
      OUTSIDE_PREFIXES.some((prefix) => url.startsWith(prefix)) || CONSOLE_PATHS.includes(url) || existsSync(join(CONSOLE_DIST, url));
    for (const route of h.app.servedRoutes.filter((r) => !guarded(r))) expect(outside(route.url), route.url).toBe(true);
  });

  it('refuses, on every route, a signed token naming an agency outside the registry', async () => {
    const token = await mintToken(TEST_JWT_SECRET, { userId: 'u-forged', agencyId: 'xx-not-registered', role: 'admin' });
    for (const route of routesNeedingCredentials()) {
      const response = await h.app.inject({
        method: route.method as 'GET',
        url: urlOf(route),
        headers: { authorization: `Bearer ${token}` },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['content-type'], `${route.method} ${route.url}`).toMatch(/application\/problem\+json/);
    }
  });

  it('refuses, on every route, a signed token without an expiry', async () => {
    const token = await new SignJWT({ agency: 'th-dsdhs-bangkok', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-forever')
      .setIssuer('homeward')
      .setIssuedAt()
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    for (const route of routesNeedingCredentials()) {
      const response = await h.app.inject({
        method: route.method as 'GET',
        url: urlOf(route),
        headers: { authorization: `Bearer ${token}` },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses every route without any credential', async () => {
    for (const route of routesNeedingCredentials()) {
      const response = await h.app.inject({ method: route.method as 'GET', url: urlOf(route) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('accepts the same token shape for a registered agency (the refusals above are about the agency and the expiry)', async () => {
    const token = await mintToken(TEST_JWT_SECRET, { userId: 'u-real', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' });
    const response = await h.app.inject({ method: 'GET', url: '/v1/agencies', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
  });
});
