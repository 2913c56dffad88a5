import type { OpenAPIObject } from '@nestjs/swagger';
import type { TestApp } from '../../../test/create-test-app';

/** A JSON schema as @nestjs/swagger writes it (OpenAPI 3.0), loosely typed for walking. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  security: string[];
  pathParams: string[];
  queryParams: string[];
  body?: Schema;
}

/** The document exactly as clients get it. */
export async function fetchDocument(t: TestApp): Promise<OpenAPIObject> {
  const res = await t.http().get('/docs/openapi.json');
  if (res.status !== 200) throw new Error(`GET /docs/openapi.json answered ${res.status}`);
  return res.body as OpenAPIObject;
}

export function operationsOf(doc: OpenAPIObject): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const params = (op.parameters ?? []) as Array<{ in: string; name: string }>;
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      out.push({
        method,
        path,
        security: (op.security ?? []).flatMap((s) => Object.keys(s)),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: body ? resolve(doc, body) : undefined,
      });
    }
  }
  return out;
}

function resolve(doc: OpenAPIObject, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return doc.components!.schemas![schema.$ref.split('/').pop()!] as Schema;
}

/** A value the schema accepts: its example, else one made from its type and format. */
export function sampleOf(doc: OpenAPIObject, raw: Schema): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(doc, v)]));
    case 'array':
      return [sampleOf(doc, schema.items ?? { type: 'string' })];
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return 1;
    default:
      if (schema.format === 'uuid') return '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uri') return 'https://example.com/logo.png';
      if (schema.format === 'password') return 'a fuzz passphrase';
      return 'sample';
  }
}

/** Every leaf field of a schema with its dotted path as the API names it (endUser.id, scopes.0). */
export function fieldsOf(doc: OpenAPIObject, raw: Schema, prefix = ''): Array<{ path: string; schema: Schema }> {
  const schema = resolve(doc, raw);
  const out: Array<{ path: string; schema: Schema }> = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const resolved = resolve(doc, child);
    out.push({ path, schema: resolved });
    if (resolved.type === 'object') out.push(...fieldsOf(doc, resolved, path));
    if (resolved.type === 'array') out.push({ path: `${path}.0`, schema: resolved.items ?? {} });
  }
  return out;
}

/** A copy of `value` with the field at the dotted path set. */
export function withField(value: unknown, path: string, field: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = field;
  return copy;
}
