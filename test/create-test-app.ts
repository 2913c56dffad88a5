import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { AppConfig, loadConfig } from '@app/config';
import { AppModule } from '../apps/api/src/app.module';
import { setupApp } from '../apps/api/src/setup-app';
import { TEST_ENV } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The real API (real HTTP stack, Postgres, Redis) with the test environment plus any overrides. */
export async function createTestApp(overrides: Record<string, string | undefined> = {}): Promise<TestApp> {
  const config = loadConfig({ ...TEST_ENV, ...overrides });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
  setupApp(app, config);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    db: app.get(DataSource),
    http: () => request(server),
    close: () => app.close(),
  };
}

let counter = 0;

/** A fresh platform customer with its first API key. */
export async function createCustomer(t: TestApp, name?: string): Promise<{ id: string; slug: string; key: string }> {
  counter += 1;
  const slug = `t-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
  const res = await t
    .http()
    .post('/v1/customers')
    .set('Authorization', `Bearer ${TEST_ENV.OPERATOR_TOKEN}`)
    .send({ name: name ?? `Customer ${slug}`, slug });
  if (res.status !== 201) throw new Error(`createCustomer failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, slug: res.body.slug, key: res.body.apiKey.secret };
}

export const OPERATOR_AUTH = `Bearer ${TEST_ENV.OPERATOR_TOKEN}`;
