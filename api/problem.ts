/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Every refusal says what was
 * wrong in words a caseworker can act on, and for schema violations which field; beside the words,
 * a stable `code` (kebab-case) and the `params` a client needs to say it in its own language
 * (CONTRACTS.md): no client parses `detail`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { KIND_CODES } from '../domain/shared/rejection.js';
import { unavailableDependency } from '../platform/unavailable.js';
import type { RejectionDetail } from '../workflows/shared/runner.js';

export type ProblemParams = Record<string, unknown>;

export interface FieldError {
  field: string;
  reason: string;
  /** Stable machine code of the reason (`required`, `unknown-field`, `type`, `enum`, `max-length`, ...); `invalid` when none is given. */
  code: string;
  /** The values the reason needs, e.g. `{ limit: 100 }` or `{ allowed: [...] }`. */
  params?: ProblemParams;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine code (kebab-case) a client can act on; for a decider refusal, the rule's own. The English `detail` is for humans. */
  code: string;
  params?: ProblemParams;
  errors?: FieldError[];
  /** For 409/422 on a case: the stage the case is in. */
  stage?: string;
  [extension: string]: unknown;
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable machine code, e.g. `validation`, `not-found`, `forbidden`, `wrong-stage`' }),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'e.g. `body.person.sex`' }),
          reason: Type.String(),
          code: Type.String({
            description:
              '`required`, `unknown-field`, `type`, `enum`, `format`, `min-length`, `max-length`, `minimum`, `maximum`, `pattern`, `invalid`, ...',
          }),
          params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
      ),
    ),
    stage: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** The statuses a route answers with a problem document (HTTP refusals, access, the rules, Temporal's silence). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 415 | 422 | 423 | 429 | 503;

/**
 * A route's problem responses, by status, for its `response` schema: one place, so every route
 * documents its problems alike and the TypeBox types stay (`{ 400: typeof ProblemSchema, ... }`).
 *
 * @example
 * response: { 200: CaseView, ...problemResponses(400, 401, 404) }
 */
export function problemResponses<const S extends readonly ProblemStatus[]>(...statuses: S): { [K in S[number]]: typeof ProblemSchema } {
  return Object.fromEntries(statuses.map((status) => [status, ProblemSchema])) as { [K in S[number]]: typeof ProblemSchema };
}

/** What a route that sends a command to a workflow may answer: bad input, access, stage, the rules, no answer in time. */
export const COMMAND_PROBLEMS = problemResponses(400, 401, 403, 404, 409, 422, 503);

const problemType = (slug: string) => `https://homeward.dev/problems/${slug}`;

/** A problem as built: without a `code`, the last segment of its `type` is its code; field errors default to `invalid`. */
export interface ProblemInput {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  params?: ProblemParams;
  stage?: string;
  errors?: (Omit<FieldError, 'code'> & { code?: string })[];
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(
    problem: ProblemInput,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    const { errors, ...rest } = problem;
    this.problem = {
      ...rest,
      code: problem.code ?? problem.type.slice(problem.type.lastIndexOf('/') + 1),
      ...(errors ? { errors: errors.map((e) => ({ ...e, code: e.code ?? 'invalid' })) } : {}),
    };
  }
}

export const problems = {
  validation: (errors: ProblemInput['errors'] & object) =>
    new HttpProblem({
      type: problemType('validation'),
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      code: 'validation',
      errors,
    }),
  unauthorized: (detail: string) =>
    new HttpProblem(
      { type: problemType('unauthorized'), title: 'Authentication required', status: 401, detail, code: 'unauthorized' },
      { 'www-authenticate': 'Bearer' },
    ),
  forbidden: (detail: string, code = 'forbidden', params?: ProblemParams) =>
    new HttpProblem({ type: problemType(code), title: 'Not allowed', status: 403, detail, code, ...(params ? { params } : {}) }),
  notFound: (detail: string) =>
    new HttpProblem({ type: problemType('not-found'), title: 'Not found', status: 404, detail, code: 'not-found' }),
  conflict: (code: string, detail: string, stage?: string, params?: ProblemParams) =>
    new HttpProblem({
      type: problemType(code),
      title: 'The case cannot take this action now',
      status: 409,
      detail,
      code,
      ...(params ? { params } : {}),
      ...(stage ? { stage } : {}),
    }),
  refused: (detail: string, stage?: string, code = 'rule', params?: ProblemParams) =>
    new HttpProblem({
      type: problemType('rule'),
      title: 'The rules refuse this action',
      status: 422,
      detail,
      code,
      ...(params ? { params } : {}),
      ...(stage ? { stage } : {}),
    }),
  idempotencyMismatch: () =>
    new HttpProblem({
      type: problemType('idempotency-key-reused'),
      title: 'Idempotency-Key reused',
      status: 422,
      detail: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      code: 'idempotency-key-reused',
    }),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new HttpProblem(
      {
        type: problemType('unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail,
        code: 'unavailable',
        params: { retryAfterSeconds },
      },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  /** A refusal the HTTP layer itself makes (unsupported media type, URI too long, ...), with its status and code. */
  protocol: (status: number, code: string, title: string, detail: string) =>
    new HttpProblem({ type: problemType(code), title, status, detail, code }),
};

/** A decider's refusal as a problem: 409 when the case cannot move now (stage, hold, closed), 422 when a rule refuses. */
export function rejectionProblem(message: string, detail: Partial<RejectionDetail>): HttpProblem {
  const { kind = 'rule', stage, params } = detail;
  const code = detail.code ?? KIND_CODES[kind];
  if (kind === 'rule') return problems.refused(message, stage, code, params);
  return problems.conflict(code, message, stage, params);
}

export function sendProblem(reply: FastifyReply, error: HttpProblem): FastifyReply {
  return reply.status(error.problem.status).headers(error.headers).type('application/problem+json').send(error.problem);
}

/** The same document as a raw HTTP response, for errors met before Fastify has a request (a 431 from the HTTP parser). */
export function rawProblemResponse(error: HttpProblem): string {
  const body = JSON.stringify(error.problem);
  const reason = error.problem.title.replace(/[^\x20-\x7e]/g, '');
  return (
    `HTTP/1.1 ${error.problem.status} ${reason}\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** With Ajv's `verbose`: the schema of the failing keyword and of its object. */
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
}

/** The pattern every free text must match: Postgres stores no NUL, and JSON in Postgres no unpaired surrogate. */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

const LIMIT_CODES: Record<string, string> = {
  minLength: 'min-length',
  maxLength: 'max-length',
  minItems: 'min-items',
  maxItems: 'max-items',
  minimum: 'minimum',
  exclusiveMinimum: 'minimum',
  maximum: 'maximum',
  exclusiveMaximum: 'maximum',
  minProperties: 'min-properties',
  maxProperties: 'max-properties',
};

const constsOf = (branches: unknown): unknown[] | undefined => {
  if (!Array.isArray(branches) || !branches.every((b) => b && typeof b === 'object' && 'const' in b)) return undefined;
  return branches.map((b) => (b as { const: unknown }).const);
};

/**
 * Turns Ajv's errors into field paths like `body.person.sex`, each with a stable `code` and the
 * `params` its message needs. The alternatives of a union are reported once, as the union.
 */
export function fieldErrors(context: string, validation: AjvError[]): FieldError[] {
  const unions = validation.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const own = validation.filter((e) => !unions.some((prefix) => e.schemaPath.startsWith(prefix)));
  const seen = new Set<string>();
  return own
    .map((e) => fieldError(context, e))
    .filter((e) => {
      const id = `${e.field} ${e.code}`;
      return seen.has(id) ? false : (seen.add(id), true);
    });
}

function fieldError(context: string, e: AjvError): FieldError {
  const path = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = (...more: string[]) => [context, ...path, ...more].join('.');
  const message = e.message ?? 'is invalid';
  switch (e.keyword) {
    case 'additionalProperties':
      return { field: field(String(e.params.additionalProperty)), reason: 'unknown field (not allowed)', code: 'unknown-field' };
    case 'required':
      return { field: field(String(e.params.missingProperty)), reason: 'is required', code: 'required' };
    case 'discriminator': {
      const allowed = ((e.parentSchema?.oneOf as { properties?: { type?: { const?: unknown } } }[] | undefined) ?? [])
        .map((branch) => branch.properties?.type?.const)
        .filter((v) => v !== undefined);
      const tag = String(e.params.tag ?? 'type');
      return e.params.error === 'tag'
        ? { field: field(tag), reason: 'is required and must be a string', code: 'required' }
        : { field: field(tag), reason: 'must be one of the documented action types', code: 'enum', params: { allowed } };
    }
    case 'type':
      return { field: field(), reason: message, code: 'type', params: { expected: e.params.type } };
    case 'enum':
      return {
        field: field(),
        reason: `${message}: ${JSON.stringify(e.params.allowedValues)}`,
        code: 'enum',
        params: { allowed: e.params.allowedValues },
      };
    case 'const':
      return {
        field: field(),
        reason: `must be ${JSON.stringify(e.params.allowedValue)}`,
        code: 'enum',
        params: { allowed: [e.params.allowedValue] },
      };
    case 'anyOf':
    case 'oneOf': {
      const allowed = constsOf(e.schema);
      return allowed
        ? { field: field(), reason: `must be one of ${JSON.stringify(allowed)}`, code: 'enum', params: { allowed } }
        : { field: field(), reason: 'does not match any of the allowed shapes', code: 'type' };
    }
    case 'format':
      return { field: field(), reason: message, code: 'format', params: { format: e.params.format } };
    case 'pattern':
      return e.params.pattern === STORABLE_TEXT_PATTERN
        ? { field: field(), reason: 'must not contain NUL (U+0000) or unpaired surrogate characters', code: 'invalid-character' }
        : { field: field(), reason: message, code: 'pattern', params: { pattern: e.params.pattern } };
    case 'uniqueItems':
      return { field: field(), reason: message, code: 'unique-items' };
  }
  const limitCode = LIMIT_CODES[e.keyword];
  if (limitCode) return { field: field(), reason: message, code: limitCode, params: { limit: e.params.limit } };
  return { field: field(), reason: message, code: 'invalid' };
}

/** Refusals Fastify or Node make before a route runs, as problems with stable codes. */
const HTTP_REFUSALS: Record<number, { code: string; title: string }> = {
  400: { code: 'bad-request', title: 'Bad request' },
  404: { code: 'not-found', title: 'Not found' },
  405: { code: 'method-not-allowed', title: 'Method not allowed' },
  406: { code: 'not-acceptable', title: 'Not acceptable' },
  408: { code: 'request-timeout', title: 'Request timeout' },
  413: { code: 'payload-too-large', title: 'Request body too large' },
  414: { code: 'uri-too-long', title: 'URI too long' },
  415: { code: 'unsupported-media-type', title: 'Unsupported media type' },
  431: { code: 'headers-too-large', title: 'Request headers too large' },
};

export function httpRefusal(status: number, detail: string): HttpProblem {
  const known = HTTP_REFUSALS[status] ?? { code: 'bad-request', title: 'Bad request' };
  return problems.protocol(status, known.code, known.title, detail);
}

const DEPENDENCY_NAMES = { postgres: 'The database', temporal: 'The workflow service' } as const;

export function errorHandler(error: FastifyError & { validationContext?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) return sendProblem(reply, error);
  if (error.validation)
    return sendProblem(reply, problems.validation(fieldErrors(error.validationContext ?? 'body', error.validation as AjvError[])));
  const away = unavailableDependency(error);
  if (away) {
    request.log.warn({ dependency: away }, 'dependency unavailable; answered 503');
    return sendProblem(
      reply,
      problems.unavailable(`${DEPENDENCY_NAMES[away]} is not reachable right now. Nothing is lost: retry with the same Idempotency-Key.`),
    );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const detail =
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? `Send the body as application/json (this was ${request.headers['content-type'] ?? 'without a content type'}).`
        : error.message;
    return sendProblem(reply, httpRefusal(error.statusCode, detail));
  }
  request.log.error({ err: error }, 'request failed');
  return sendProblem(
    reply,
    new HttpProblem({
      type: problemType('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong; nothing was lost. Retry with the same Idempotency-Key.',
      code: 'internal',
    }),
  );
}
