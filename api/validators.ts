/**
 * Request validation: a field means what it says. A JSON body carries its own types, so it is
 * validated without any coercion (`null`, `0` or `"false"` never become `false`; `42` never becomes
 * `"42"`; `"x"` never becomes `["x"]`). Query strings, path parameters and headers are text on the
 * wire: they convert to the type their schema names (`?limit=20` to 20), and to nothing else.
 */
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import fastUri from 'fast-uri';

const shared: Options = {
  useDefaults: true,
  removeAdditional: false,
  allErrors: true,
  discriminator: true,
  // Infinity and NaN are not numbers a client can mean (`1e400`).
  strictNumbers: true,
  // Error messages name the allowed values of a union (api/problem.ts fieldErrors).
  verbose: true,
  uriResolver: fastUri,
  addUsedSchema: false,
};

const withFormats = (ajv: Ajv): Ajv => {
  addFormats.default(ajv);
  return ajv;
};

const strict = withFormats(new Ajv({ ...shared, coerceTypes: false }));
const converting = withFormats(new Ajv({ ...shared, coerceTypes: 'array' }));

export const requestValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  refusingNonFinite((httpPart === 'body' ? strict : converting).compile(schema as object));

interface Validator {
  (data: unknown): boolean;
  errors?: FastifySchemaValidationError[] | null;
}

/**
 * Ajv converts `?limit=1e400` to Infinity and then lets it pass its own bounds; a number a client
 * sends must be finite, so the converted data is checked once more.
 */
function refusingNonFinite(validate: Validator): Validator {
  const checked: Validator = (data: unknown) => {
    const valid = validate(data);
    // Verbose errors carry the refused value itself: personal data must not travel on in them.
    checked.errors = validate.errors?.map(({ data: _value, ...error }: FastifySchemaValidationError & { data?: unknown }) => error);
    if (!valid) return false;
    const path = nonFinitePath(data, '');
    if (path === undefined) return true;
    checked.errors = [
      { instancePath: path, schemaPath: '#', keyword: 'type', params: { type: 'number' }, message: 'must be a finite number' },
    ];
    return false;
  };
  return checked;
}

function nonFinitePath(data: unknown, path: string): string | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? undefined : path;
  if (data === null || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data)) {
    const found = nonFinitePath(value, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
