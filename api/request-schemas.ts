/**
 * What a request may carry, beyond what each route's schema says: every field is bounded by what
 * stores it. Applied to every route's body, query string, path parameters and headers as the route
 * is registered (before the OpenAPI document reads them), so a field added tomorrow gets it too.
 *
 * - Text must be storable in Postgres: no NUL (U+0000), and no unpaired surrogate (JSON columns
 *   refuse `\ud800`). A string with its own `pattern`, `format`, `enum` or `const` is already
 *   narrower than that; every other string gets the storable-text pattern.
 * - An integer without its own bounds is bounded by a Postgres `integer` (int4) column, the type of
 *   every version, position and count we store; a field stored wider (a bigserial id) says so with
 *   its own `maximum`. Numbers must be finite (Ajv's `strictNumbers`), so `1e400` is refused too.
 */
import type { RouteOptions } from 'fastify';
import { STORABLE_TEXT_PATTERN } from './problem.js';

export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

type JsonSchema = Record<string, unknown>;

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

const hasType = (schema: JsonSchema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && (schema.type as unknown[]).includes(type));

/** A copy of the schema with the storage bounds added to every string and integer in it. */
export function boundedByStorage(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundedByStorage);
  if (!isObject(schema)) return schema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    // `enum`, `const`, `default` and `examples` are values, not schemas.
    copy[key] = ['enum', 'const', 'default', 'examples', 'required'].includes(key) ? value : boundedByStorage(value);
  }
  const narrowed = 'enum' in schema || 'const' in schema;
  if (hasType(schema, 'string') && !narrowed && schema.pattern === undefined && schema.format === undefined) {
    copy.pattern = STORABLE_TEXT_PATTERN;
  }
  if (hasType(schema, 'integer') && !narrowed) {
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) copy.maximum = INT4_MAX;
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) copy.minimum = INT4_MIN;
  }
  if (hasType(schema, 'number') && !narrowed) {
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) copy.maximum = Number.MAX_SAFE_INTEGER;
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) copy.minimum = -Number.MAX_SAFE_INTEGER;
  }
  return copy;
}

/** The `onRoute` hook: bounds every request part of the route's schema (responses are ours, not the client's). */
export function boundRequestSchemas(route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  const bounded: Record<string, unknown> = { ...schema };
  for (const part of REQUEST_PARTS) if (schema[part] !== undefined) bounded[part] = boundedByStorage(schema[part]);
  route.schema = bounded;
}
