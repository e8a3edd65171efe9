/**
 * The OpenAPI document says what the server does. Every error is a problem document
 * (`application/problem+json`), and every status a route can answer is in it: the ones its own
 * schema names, and those the HTTP layer answers for any route of its shape (a body can be
 * malformed, too large or of another media type; a path parameter too long; /v1 needs a token).
 */
import type { FastifySchema } from 'fastify';
import { ProblemSchema } from './problem.js';

type Schema = Record<string, unknown>;

interface TransformInput {
  schema: FastifySchema | undefined;
  url: string;
}

const PROBLEM = 'application/problem+json';

const GENERIC: Record<string, string> = {
  '400': 'The request is not valid: `errors` names each field, with a stable `code`',
  '401': 'No valid bearer token',
  '403': 'Not allowed for this role or agency',
  '404': 'Not found, or not visible to this agency',
  '409': 'The case, transfer or batch cannot take this now (the problem names its stage)',
  '413': 'The request body is too large',
  '414': 'A path parameter is too long',
  '415': 'The body is not application/json',
  '422': 'The rules refuse it, or the Idempotency-Key was used for another request',
  '503': 'Not answered in time; resend with the same Idempotency-Key',
};

const problemResponse = (status: string) => ({
  description: GENERIC[status] ?? 'A problem document (RFC 9457)',
  content: { [PROBLEM]: { schema: ProblemSchema } },
});

/** Statuses the HTTP layer answers for any route of this shape, whatever its handler does. */
function layerStatuses(schema: Schema, url: string): string[] {
  const statuses: string[] = [];
  const hasInput = ['body', 'querystring', 'params', 'headers'].some((part) => schema[part] !== undefined);
  if (hasInput || schema.body !== undefined) statuses.push('400');
  if (schema.body !== undefined) statuses.push('413', '415');
  if (url.includes(':')) statuses.push('414');
  const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
  if ((url.startsWith('/v1/') || url.startsWith('/codec/')) && !isPublic) statuses.push('401');
  return statuses;
}

/** The `transform` of @fastify/swagger: error responses as problem documents, the layer's statuses added. */
export function documentProblems({ schema: routeSchema, url }: TransformInput): { schema: FastifySchema; url: string } {
  const schema = routeSchema as Schema | undefined;
  if (!schema || schema.hide) return { schema: schema ?? {}, url };
  const response: Record<string, unknown> = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const status of Object.keys(response)) if (Number(status) >= 400) response[status] = problemResponse(status);
  for (const status of layerStatuses(schema, url)) response[status] ??= problemResponse(status);
  return { schema: { ...schema, response }, url };
}
