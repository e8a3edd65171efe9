/**
 * The contract is the document: every operation of the OpenAPI document (`GET /docs/json`) is
 * driven with requests generated from its own schemas - valid ones, and ones with something wrong -
 * by callers of every role, on the real services. Any 5xx fails, and so does any status, content
 * type or body the document does not promise for that operation.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc, { type Arbitrary } from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/auth.js';
import { intake, openCase } from '../support/cases.js';
import { startHarness, TEST_JWT_SECRET, type Caller, type Harness } from '../support/harness.js';
import { isolatedSchema, type IsolatedSchema } from '../support/isolated-schema.js';
import { invalidValue, validValue, type JsonSchema } from '../support/schema-arbitraries.js';

/** Runs per operation: enough to meet each kind of wrong input, few enough to stay within a minute. */
const RUNS_PER_OPERATION = 20;

let h: Harness;
let schema: IsolatedSchema;
let fixture: { caseId: string; personId: string };
beforeAll(async () => {
  // The generated requests open cases, transfers and subscriptions: in a schema of their own, so
  // the figures other test files count stay theirs.
  schema = await isolatedSchema();
  h = await startHarness({ databaseUrls: schema.urls });
  const caseId = await openCase(h.api, intake());
  fixture = { caseId, personId: (await h.api.get(`/v1/cases/${caseId}`)).body.person.personId };
});
afterAll(async () => {
  await h?.stop();
  await schema?.drop();
});

const CALLERS: (Caller | null)[] = [
  { userId: 'u-fuzz-cw', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' },
  { userId: 'u-fuzz-co', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' },
  { userId: 'u-fuzz-au', agencyId: 'th-dsdhs-bangkok', role: 'auditor' },
  { userId: 'u-fuzz-ad', agencyId: 'th-dsdhs-bangkok', role: 'admin' },
  { userId: 'u-fuzz-ngo', agencyId: 'th-ngo-shelter', role: 'ngo_worker' },
  { userId: 'u-fuzz-mm', agencyId: 'mm-dsw', role: 'caseworker' },
  { userId: 'u-fuzz-ap', agencyId: 'th-oag-central-authority', role: 'approver' },
  null,
];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

interface GeneratedRequest {
  url: string;
  headers: Record<string, string>;
  payload?: string;
  caller: Caller | null;
}

const encode = (value: unknown): string => {
  const text = typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ZZ'; // an unpaired surrogate cannot be percent-encoded: send a malformed escape instead
  }
};

function operationsOf(doc: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        body: op.requestBody?.content?.['application/json']?.schema,
        responses: op.responses,
      });
    }
  }
  return operations;
}

/** Path parameters that name something real half the time, so valid requests reach past the 404. */
function pathValue(parameter: Parameter): Arbitrary<unknown> {
  const known = parameter.name === 'personId' ? [fixture.personId] : parameter.name === 'caseId' ? [fixture.caseId] : [];
  return known.length > 0 ? fc.oneof(fc.constantFrom(...known), validValue(parameter.schema)) : validValue(parameter.schema);
}

const queryOf = (values: Record<string, unknown>): string => {
  const parts = Object.entries(values).flatMap(([name, value]) =>
    Array.isArray(value) ? value.map((v) => `${encode(name)}=${encode(v)}`) : [`${encode(name)}=${encode(value)}`],
  );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
};

function requestsFor(op: Operation): Arbitrary<GeneratedRequest> {
  const byPlace = (place: Parameter['in']) => op.parameters.filter((p) => p.in === place);
  const recordOf = (params: Parameter[], value: (p: Parameter) => Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, value(p)])), {
      requiredKeys: params.filter((p) => p.required || p.in === 'path').map((p) => p.name),
    });
  const valid = fc.record({
    path: recordOf(byPlace('path'), pathValue),
    query: recordOf(byPlace('query'), (p) => validValue(p.schema)),
    headers: recordOf(byPlace('header'), (p) => validValue(p.schema)),
    body: op.body ? validValue(op.body).map((b) => JSON.stringify(b)) : fc.constant(undefined),
    contentType: fc.constant<string>('application/json'),
  });
  const broken = valid.chain((request) => {
    const options: Arbitrary<typeof request>[] = [
      fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), value: fc.string() }).map(({ name, value }) => ({
        ...request,
        query: { ...request.query, [name]: value },
      })),
    ];
    for (const p of byPlace('query'))
      options.push(invalidValue(p.schema).map((value) => ({ ...request, query: { ...request.query, [p.name]: value } })));
    for (const p of byPlace('path'))
      options.push(
        fc
          .oneof(invalidValue(p.schema), fc.constant('x'.repeat(101)))
          .map((value) => ({ ...request, path: { ...request.path, [p.name]: value } })),
      );
    if (op.body) {
      options.push(invalidValue(op.body).map((b) => ({ ...request, body: JSON.stringify(b) })));
      options.push(fc.constantFrom('{"unterminated":', 'null', '[]', '"text"').map((body) => ({ ...request, body })));
      options.push(fc.constant({ ...request, contentType: 'text/plain' }));
    }
    return fc.oneof(...options);
  });
  return fc.record({ request: fc.oneof(valid, broken), caller: fc.constantFrom(...CALLERS) }).map(({ request, caller }) => {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode((request.path as Record<string, unknown>)[name]));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      const text = String(value);
      if (/^[\x21-\x7e]*$/.test(text) && text.length > 0) headers[name] = text; // what HTTP can carry
    }
    if (request.body !== undefined) headers['content-type'] = request.contentType;
    return { url: path + queryOf(request.query as Record<string, unknown>), headers, payload: request.body, caller };
  });
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const validators = new Map<object, ValidateFunction>();
const validatorFor = (schema: object) => validators.get(schema) ?? validators.set(schema, ajv.compile(schema)).get(schema)!;

/** What the document promises for this answer, or why the answer breaks the promise. */
function breach(op: Operation, status: number, contentType: string | undefined, rawBody: string): string | undefined {
  if (status >= 500) return `answered ${status}: ${rawBody.slice(0, 300)}`;
  const documented = op.responses[String(status)] ?? op.responses.default;
  if (!documented) return `answered ${status}, which is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
  if (rawBody.length === 0) return undefined;
  const type = contentType?.split(';')[0]?.trim() ?? '';
  const content = documented.content?.[type];
  if (!content) return `answered ${status} as ${type}, documented as ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`;
  if (!content.schema || !type.endsWith('json')) return undefined;
  const validate = validatorFor(content.schema);
  if (!validate(JSON.parse(rawBody)))
    return `answered ${status} with a body off its schema: ${ajv.errorsText(validate.errors)}; ${rawBody.slice(0, 300)}`;
  return undefined;
}

describe('the OpenAPI document', () => {
  it('documents every error as application/problem+json', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const wrong = operationsOf(doc).flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status, response]) => Number(status) >= 400 && Object.keys(response.content ?? {}).join() !== 'application/problem+json')
        .map(([status]) => `${op.method} ${op.path} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('says what the server does: every operation, driven from its own schemas', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(30);
    const tokens = new Map<Caller, string>();
    for (const caller of CALLERS) if (caller) tokens.set(caller, await mintToken(TEST_JWT_SECRET, caller));
    const failures: string[] = [];
    for (const op of operations) {
      let breached = '';
      try {
        await fc.assert(
          fc.asyncProperty(requestsFor(op), async (request) => {
            const headers = { ...request.headers, ...(request.caller ? { authorization: `Bearer ${tokens.get(request.caller)}` } : {}) };
            const response = await h.app.inject({ method: op.method as 'GET', url: request.url, headers, payload: request.payload });
            const problem = breach(op, response.statusCode, response.headers['content-type'] as string | undefined, response.body);
            if (problem) {
              breached = `${request.caller?.role ?? 'no token'} ${op.method} ${request.url} ${request.payload ?? ''}: ${problem}`;
              throw new Error(breached);
            }
          }),
          { numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        );
      } catch (error) {
        failures.push(breached || `${op.method} ${op.path}: ${(error as Error).message.slice(0, 500)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
