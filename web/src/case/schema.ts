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

/** One input of an action's form, as the schema describes it; a nested object's fields are named `outer.inner`. */
export type FieldSpec =
  | { name: string; required: boolean; kind: 'choice'; choices: string[] }
  | { name: string; required: boolean; kind: 'boolean' }
  /** An array of codes (e.g. a transfer's charges): several may be chosen. */
  | { name: string; required: boolean; kind: 'multi'; choices: string[] }
  | { name: string; required: boolean; kind: 'date' }
  | { name: string; required: boolean; kind: 'text'; pattern?: string | undefined; maxLength?: number | undefined };

export function fieldsOf(schema: JsonSchema, prefix = '', parentRequired = true): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !(prefix === '' && name === 'type'))
    .flatMap(([name, property]) =>
      property.type === 'object' && property.properties
        ? fieldsOf(property, `${prefix}${name}.`, parentRequired && required.has(name))
        : [fieldOf(`${prefix}${name}`, property, parentRequired && required.has(name))],
    );
}

/** The request body from a form's values: dotted names nest, booleans are booleans, empty inputs are left out. */
export function bodyOf(fields: FieldSpec[], values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === '') continue;
    const path = field.name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = field.kind === 'boolean' ? value === 'true' : field.kind === 'multi' ? value.split(',') : value;
  }
  return body;
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

type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema }> } };
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** The OpenAPI document, read once per page load (the schemas the API validates with). */
function useOpenApi() {
  return useQuery({
    queryKey: ['openapi'],
    staleTime: Infinity,
    queryFn: async () => {
      const response = await fetch('/docs/json', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`OpenAPI document: HTTP ${response.status}`);
      return (await response.json()) as OpenApiDocument;
    },
  });
}

const bodySchemaOf = (document: OpenApiDocument, path: string): JsonSchema | undefined =>
  document.paths[path]?.post?.requestBody?.content['application/json']?.schema;

/** Where a case's actions are posted: a victim case's or a suspect transfer's own route. */
export const actionsPathOf = (kind: string) =>
  kind === 'suspect_transfer' ? '/v1/transfers/{caseId}/actions' : '/v1/cases/{caseId}/actions';

/** Each action's schema by its type, for the process of this kind of case (`suspect_transfer` for a transfer). */
export function useActionSchemas(kind = 'victim_repatriation') {
  const document = useOpenApi();
  const byType = new Map<string, JsonSchema>();
  const body = document.data ? bodySchemaOf(document.data, actionsPathOf(kind)) : undefined;
  for (const schema of body?.oneOf ?? body?.anyOf ?? []) {
    const type = schema.properties?.type ? literalOf(schema.properties.type) : undefined;
    if (typeof type === 'string') byType.set(type, schema);
  }
  return { isPending: document.isPending, data: document.data ? byType : undefined };
}

/** The requests besides actions a case page offers, each with the route it is posted to. */
export const CASE_REQUESTS = {
  link: { form: 'link_case', path: '/v1/cases/{caseId}/links' },
  rescreen_as_suspect: { form: 'rescreen_as_suspect', path: '/v1/cases/{caseId}/rescreen-as-suspect' },
  rescreen_as_victim: { form: 'rescreen_as_victim', path: '/v1/transfers/{caseId}/rescreen-as-victim' },
} as const;
export type CaseRequest = keyof typeof CASE_REQUESTS;

/** The body schema of one such request, from the same document. */
export function useRequestSchema(request: CaseRequest): JsonSchema | undefined {
  const document = useOpenApi();
  return document.data ? bodySchemaOf(document.data, CASE_REQUESTS[request].path) : undefined;
}
