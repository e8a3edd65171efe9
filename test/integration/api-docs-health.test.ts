/** The OpenAPI document describes every route and action; health and readiness probe the real services. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionSchemas } from '../../domain/repatriation/commands.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
});
afterAll(async () => h?.stop());

describe('OpenAPI document', () => {
  it('is served by the app and describes every action type and route', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/cases',
        '/v1/cases/{caseId}',
        '/v1/cases/{caseId}/events',
        '/v1/cases/{caseId}/actions',
        '/healthz',
        '/readyz',
      ]),
    );
    const body = doc.paths['/v1/cases/{caseId}/actions'].post.requestBody.content['application/json'].schema;
    type TypeSchema = { const?: string; enum?: string[] };
    const documented = body.oneOf.map((s: { properties: { type: TypeSchema } }) => s.properties.type.const ?? s.properties.type.enum?.[0]);
    expect(documented.sort()).toEqual(Object.keys(ActionSchemas).sort());
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('health', () => {
  it('healthz answers without a token; readyz checks Postgres and Temporal', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
  });
});
