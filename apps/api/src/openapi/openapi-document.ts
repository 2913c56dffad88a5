import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_STATUS } from '@app/common';
import { graphProxyPaths } from './graph-proxy.openapi';

/**
 * The API's OpenAPI document, built from the controllers and response classes. setupApp serves it; the generator
 * (scripts/openapi-generate.ts) writes it and the console's types from it, so both come from this one function.
 */
export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Latchkey API')
      .setDescription('Outlook Email connections for your users: connectors, connect sessions, fresh Microsoft Graph tokens.')
      .setVersion('1')
      .addServer(publicUrl)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Secret API key (lk_sk_...)' }, 'apiKey')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'OPERATOR_TOKEN' }, 'operator')
      .addCookieAuth('lk_console', { type: 'apiKey', in: 'cookie', description: 'Admin console session (__Host-lk_console over https); state changes also need X-CSRF-Token' }, 'console')
      .build(),
  );
  Object.assign(document.paths, graphProxyPaths());
  describeWhatIsAccepted(document);
  return document;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errorId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'code', 'message'], properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/**
 * The validation pipe refuses unknown fields, so every body schema says so, and every operation documents its error
 * answer: RFC 9457 problem details with a stable code.
 */
function describeWhatIsAccepted(document: OpenAPIObject): void {
  document.components ??= {};
  for (const schema of Object.values(document.components.schemas ?? {})) {
    if ('properties' in schema) schema.additionalProperties = false;
  }
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA as never };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses.default = {
        description: 'A problem: RFC 9457 problem details with a stable machine-readable code.',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
}
