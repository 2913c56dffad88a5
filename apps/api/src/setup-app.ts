import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bodyParsers, createValidationPipe, requestIdMiddleware } from '@app/common';
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  installTokenFastPath(app);
  for (const warning of config.warnings) app.get(Logger).warn(warning);
}
