/**
 * The actions' JSON schemas, read from the OpenAPI document (GET /docs/json): the request body of
 * POST /v1/cases/{caseId}/actions is a union chosen by `type`, one TypeBox schema per action, the
 * same the API validates with. The console builds each action's form from its schema.
 */
import { useQuery } from '@tanstack/react-query';

export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  title?: string;
  description?: string;
}

/** One input of an action's form, as the schema describes it. */
export type FieldSpec =
  | { name: string; required: boolean; kind: 'choice'; choices: string[] }
  | { name: string; required: boolean; kind: 'boolean' }
  /** An array of codes (e.g. a transfer's charges): several may be chosen. */
  | { name: string; required: boolean; kind: 'multi'; choices: string[] }
  | { name: string; required: boolean; kind: 'date' }
  | { name: string; required: boolean; kind: 'text'; pattern?: string | undefined; maxLength?: number | undefined };

export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== 'type')
    .map(([name, property]) => fieldOf(name, property, required.has(name)));
}

/** A literal as TypeBox writes it (`const`) or as the OpenAPI document does (a one-value `enum`). */
const literalOf = (schema: JsonSchema): unknown => schema.const ?? (schema.enum?.length === 1 ? schema.enum[0] : undefined);

function fieldOf(name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const alternatives = schema.anyOf ?? schema.oneOf;
  const constants = alternatives?.every((a) => literalOf(a) !== undefined)
    ? alternatives.map((a) => String(literalOf(a)))
    : schema.enum?.map(String);
  if (constants) return { name, required, kind: 'choice', choices: constants };
  if (schema.type === 'array' && schema.items) {
    const item = fieldOf(name, schema.items, required);
    if (item.kind === 'choice') return { name, required, kind: 'multi', choices: item.choices };
  }
  if (schema.type === 'boolean') return { name, required, kind: 'boolean' };
  if (schema.format === 'date') return { name, required, kind: 'date' };
  return { name, required, kind: 'text', pattern: schema.pattern, maxLength: schema.maxLength };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

/** Each action's schema, by type, from the request body of `path` (a case's actions by default). */
export function useActionSchemas(path = '/v1/cases/{caseId}/actions') {
  return useQuery({
    queryKey: ['action-schemas', path],
    staleTime: Infinity,
    queryFn: async () => {
      const response = await fetch('/docs/json', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`OpenAPI document: HTTP ${response.status}`);
      const document = (await response.json()) as OpenApiDocument;
      const body = document.paths[path]?.post?.requestBody?.content['application/json']?.schema;
      const byType = new Map<string, JsonSchema>();
      for (const schema of body?.oneOf ?? []) {
        const type = schema.properties?.type ? literalOf(schema.properties.type) : undefined;
        if (typeof type === 'string') byType.set(type, schema);
      }
      return byType;
    },
  });
}
