import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bodyParsers, createValidationPipe, ERROR_STATUS, installClientErrorAnswers, requestIdMiddleware, safeQueryMiddleware } from '@app/common';
import type { AppConfig } from '@app/config';
import { serveConsole } from './console/serve-console';
import { installTokenFastPath } from './tokens/token-fast-path';

/**
 * Everything main.ts and the tests both apply, so tests exercise the real HTTP stack.
 * The app must be created with `bodyParser: false`: the parsers here turn bad bodies into coded 4xx answers.
 */
export function setupApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(safeQueryMiddleware);
  // Hosted pages set their own stricter policy; this default covers the API and Swagger UI.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  serveConsole(app);
  app.use(...bodyParsers());
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Latchkey API')
      .setDescription('Outlook Email connections for your users: connectors, connect sessions, fresh Microsoft Graph tokens.')
      .setVersion('1')
      .addServer(config.publicUrl)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Secret API key (lk_sk_...)' }, 'apiKey')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'OPERATOR_TOKEN' }, 'operator')
      .addCookieAuth('lk_console', { type: 'apiKey', in: 'cookie', description: 'Admin console session (__Host-lk_console over https); state changes also need X-CSRF-Token' }, 'console')
      .build(),
  );
  describeWhatIsAccepted(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  installTokenFastPath(app);
  installClientErrorAnswers(app.getHttpServer());
  for (const warning of config.warnings) app.get(Logger).warn(warning);
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
