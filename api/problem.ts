/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Every refusal says what was
 * wrong in words a caseworker can act on, and for schema violations which field.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { unavailableDependency } from '../platform/unavailable.js';

export interface FieldError {
  field: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
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
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
    stage: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

const problemType = (slug: string) => `https://homeward.dev/problems/${slug}`;

export class HttpProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new HttpProblem({
      type: problemType('validation'),
      title: 'The request is not valid',
      status: 400,
      detail: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    }),
  unauthorized: (detail: string) =>
    new HttpProblem(
      { type: problemType('unauthorized'), title: 'Authentication required', status: 401, detail },
      { 'www-authenticate': 'Bearer' },
    ),
  notFound: (detail: string) => new HttpProblem({ type: problemType('not-found'), title: 'Not found', status: 404, detail }),
  conflict: (slug: string, detail: string, stage?: string) =>
    new HttpProblem({
      type: problemType(slug),
      title: 'The case cannot take this action now',
      status: 409,
      detail,
      ...(stage ? { stage } : {}),
    }),
  refused: (detail: string, stage?: string) =>
    new HttpProblem({ type: problemType('rule'), title: 'The rules refuse this action', status: 422, detail, ...(stage ? { stage } : {}) }),
  idempotencyMismatch: () =>
    new HttpProblem({
      type: problemType('idempotency-key-reused'),
      title: 'Idempotency-Key reused',
      status: 422,
      detail: 'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    }),
  unavailable: (detail: string) =>
    new HttpProblem({ type: problemType('unavailable'), title: 'Service unavailable', status: 503, detail }, { 'retry-after': '5' }),
};

export function sendProblem(reply: FastifyReply, error: HttpProblem): FastifyReply {
  return reply.status(error.problem.status).headers(error.headers).type('application/problem+json').send(error.problem);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns Ajv's errors into field paths like `body.person.sex` with the reason. */
export function fieldErrors(context: string, validation: AjvError[]): FieldError[] {
  return validation.map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'additionalProperties') {
      return { field: [context, ...path, String(e.params.additionalProperty)].join('.'), reason: 'unknown field (not allowed)' };
    }
    if (e.keyword === 'required') {
      return { field: [context, ...path, String(e.params.missingProperty)].join('.'), reason: 'is required' };
    }
    if (e.keyword === 'discriminator') {
      return { field: [context, ...path, 'type'].join('.'), reason: `must be one of the documented action types` };
    }
    const allowed = e.params.allowedValues ?? e.params.allowedValue;
    const reason = allowed !== undefined ? `${e.message ?? 'is invalid'}: ${JSON.stringify(allowed)}` : (e.message ?? 'is invalid');
    return { field: [context, ...path].join('.'), reason };
  });
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
    return sendProblem(
      reply,
      new HttpProblem({ type: problemType('bad-request'), title: 'Bad request', status: error.statusCode, detail: error.message }),
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
    }),
  );
}
