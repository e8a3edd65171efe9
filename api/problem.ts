/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Every refusal says what was
 * wrong in words a caseworker can act on, and for schema violations which field; beside the words,
 * a stable `code` (kebab-case) and the `params` a client needs to say it in its own language
 * (CONTRACTS.md): no client parses `detail`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { KIND_CODES } from '../domain/shared/rejection.js';

import type { RejectionDetail } from '../workflows/shared/runner.js';

export type ProblemParams = Record<string, unknown>;

export interface FieldError {
  field: string;
  reason: string;
  /** `required`, `unknown-field`, `type`, `enum`, `format`, `min-length`, ... (CONTRACTS.md); `invalid` when not given. */
  code: string;
  params?: ProblemParams;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine code of the problem; for a decider refusal, the rule's own. */
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
    code: Type.String({ description: 'Stable machine code (kebab-case); for a refusal, the rule refused' }),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Values the message of `code` needs' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          reason: Type.String(),
          code: Type.String(),
          params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
      ),
    ),
    stage: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

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

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Ajv's keywords as the field codes of CONTRACTS.md. */
const FIELD_CODES: Record<string, string> = {
  type: 'type',
  enum: 'enum',
  const: 'enum',
  format: 'format',
  minLength: 'min-length',
  maxLength: 'max-length',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'minimum',
  exclusiveMaximum: 'maximum',
  pattern: 'pattern',
  minItems: 'min-items',
  maxItems: 'max-items',
  uniqueItems: 'unique-items',
};

/** Turns Ajv's errors into field paths like `body.person.sex` with the reason. */
export function fieldErrors(context: string, validation: AjvError[]): FieldError[] {
  return validation.map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'additionalProperties') {
      return {
        field: [context, ...path, String(e.params.additionalProperty)].join('.'),
        reason: 'unknown field (not allowed)',
        code: 'unknown-field',
      };
    }
    if (e.keyword === 'required') {
      return { field: [context, ...path, String(e.params.missingProperty)].join('.'), reason: 'is required', code: 'required' };
    }
    if (e.keyword === 'discriminator') {
      return { field: [context, ...path, 'type'].join('.'), reason: `must be one of the documented action types`, code: 'enum' };
    }
    const allowed = e.params.allowedValues ?? e.params.allowedValue;
    const reason = allowed !== undefined ? `${e.message ?? 'is invalid'}: ${JSON.stringify(allowed)}` : (e.message ?? 'is invalid');
    const params: ProblemParams | undefined =
      allowed !== undefined ? { allowed: [allowed].flat() } : e.params.limit !== undefined ? { limit: e.params.limit } : undefined;
    return { field: [context, ...path].join('.'), reason, code: FIELD_CODES[e.keyword] ?? 'invalid', ...(params ? { params } : {}) };
  });
}

export function errorHandler(error: FastifyError & { validationContext?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) return sendProblem(reply, error);
  if (error.validation)
    return sendProblem(reply, problems.validation(fieldErrors(error.validationContext ?? 'body', error.validation as AjvError[])));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(
      reply,
      new HttpProblem({
        type: problemType('bad-request'),
        title: 'Bad request',
        status: error.statusCode,
        detail: error.message,
        code: 'bad-request',
      }),
    );
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
