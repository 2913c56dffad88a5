import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bodyParsers, createValidationPipe, httpMetricsMiddleware, installClientErrorAnswers, Metrics, requestIdMiddleware, safeQueryMiddleware } from '@app/common';
import type { AppConfig } from '@app/config';
import { serveConsole } from './console/serve-console';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { installGraphProxy } from './graph-proxy/graph-proxy-route';
import { installGraphNotificationsPath } from './graph/graph-notifications-path';
import { installTokenFastPath } from './tokens/token-fast-path';

/**
 * Everything main.ts and the tests both apply, so tests exercise the real HTTP stack.
 * The app must be created with `bodyParser: false`: the parsers here turn bad bodies into coded 4xx answers.
 */
export function setupApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // First, so a request's time includes every middleware after it.
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  app.use(requestIdMiddleware);
  app.use(safeQueryMiddleware);
  // Hosted pages set their own stricter policy; this default covers the API and Swagger UI.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  serveConsole(app);
  app.use(...bodyParsers());
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, config.publicUrl), { jsonDocumentUrl: 'docs/openapi.json' });
  installTokenFastPath(app);
  installGraphProxy(app);
  installGraphNotificationsPath(app);
  installClientErrorAnswers(app.getHttpServer());
  for (const warning of config.warnings) app.get(Logger).warn(warning);
}
