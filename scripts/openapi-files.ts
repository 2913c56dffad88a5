import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@app/config';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi-document';
import { renderOpenApiFiles } from './openapi-render';

/**
 * The document is built from the default configuration (PUBLIC_URL http://localhost:3000, as in the tests), so the
 * committed file equals what a default server answers at /docs/openapi.json. Preview mode registers the controllers
 * without creating any provider: no database or Redis connection is opened. The secrets below only pass validation.
 */
async function buildDocumentWithoutServices(): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/unused',
    REDIS_URL: 'redis://127.0.0.1:1/0',
    OPERATOR_TOKEN: 'openapi-generator-operator-token-unused',
    ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    API_KEY_PEPPER: 'openapi-generator-pepper-0123456789abcdef',
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app, config.publicUrl);
  } finally {
    await app.close();
  }
}

/** Builds the document and writes the OpenAPI files under `root` (the repository, or a temp dir to compare with it). */
export async function writeOpenApiFiles(root: string): Promise<string[]> {
  const files = await renderOpenApiFiles(await buildDocumentWithoutServices());
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return Object.keys(files);
}
