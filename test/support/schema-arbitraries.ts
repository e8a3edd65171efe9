/**
 * fast-check arbitraries from the JSON schemas of the OpenAPI document: values the schema accepts
 * (`validValue`), and values near them that it should refuse (`invalidValue`: a wrong type, an
 * unknown or missing field, text Postgres cannot store, numbers past any column).
 */
import fc, { type Arbitrary } from 'fast-check';

export type JsonSchema = Record<string, any>;

const SMALL = 3;
const printable = (minLength = 0, maxLength = 40) => fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringOf(schema: JsonSchema): Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return isoDate;
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= (schema.maxLength ?? 2000));
  }
  if (schema.contentEncoding === 'base64') return fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b).toString('base64'));
  if (schema.pattern && !schema.pattern.includes('\\u0000')) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return printable(minLength, maxLength);
}

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

export function validValue(schema: JsonSchema): Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(validValue));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(validValue));
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...schema, type })));
  switch (types[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -(2 ** 31)), max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? SMALL, SMALL)),
      });
    case 'object':
      return objectOf(schema);
  }
  return fc.jsonValue({ maxDepth: 1 });
}

function objectOf(schema: JsonSchema): Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const record: Record<string, Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) record[name] = validValue(property);
  const requiredKeys = Object.keys(record).filter((k) => required.has(k));
  const fixed = fc.record(record, { requiredKeys });
  const extra = schema.patternProperties
    ? (Object.values(schema.patternProperties)[0] as JsonSchema)
    : typeof schema.additionalProperties === 'object'
      ? (schema.additionalProperties as JsonSchema)
      : undefined;
  if (!extra || Object.keys(properties).length > 0) return fixed;
  return fc.dictionary(printable(1, 10), validValue(extra), { maxKeys: SMALL });
}

/** Strings and numbers a client may send that no column can store, and shapes no schema names. */
const hostile: Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('a\u0000b', '\u0000', 'x\ud800', '1e400', 2 ** 31, -(2 ** 31) - 1, 1e20, -1, 0, '', 'false', null, true, [], {}, ['x']),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value of the schema's shape with one thing wrong (or something else entirely). */
export function invalidValue(schema: JsonSchema): Arbitrary<unknown> {
  const mutated = validValue(schema).chain((value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const keys = Object.keys(value);
    const options: Arbitrary<unknown>[] = [
      fc.record({ name: printable(1, 12), junk: hostile }).map(({ name, junk }) => ({ ...value, [name]: junk })),
    ];
    if (keys.length > 0) {
      options.push(
        fc.record({ key: fc.constantFrom(...keys), junk: hostile }).map(({ key, junk }) => ({ ...value, [key]: junk })),
        fc.constantFrom(...keys).map((key) => {
          const { [key]: _removed, ...rest } = value as Record<string, unknown>;
          return rest;
        }),
      );
    }
    return fc.oneof(...options);
  });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: hostile });
}
