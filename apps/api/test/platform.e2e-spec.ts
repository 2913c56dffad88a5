import { createTestApp, TestApp } from '../../../test/create-test-app';

describe('Health, docs and headers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('liveness answers without touching dependencies', async () => {
    const res = await t.http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('readiness checks Postgres and Redis', async () => {
    const res = await t.http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('readiness fails with 503 when Redis is unreachable', async () => {
    const broken = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0' });
    try {
      const res = await broken.http().get('/health/ready');
      expect(res.status).toBe(503);
      expect(JSON.stringify(res.body)).toContain('redis');
    } finally {
      await broken.close();
    }
  });

  it('serves the OpenAPI document generated from the code, and Swagger UI', async () => {
    const doc = await t.http().get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/customers', '/v1/api-keys', '/v1/api-keys/{id}', '/v1/connectors/outlook-email', '/v1/scopes/outlook-email']),
    );
    expect(doc.body.components.schemas.PutOutlookEmailConnectorDto.properties).toHaveProperty('scopes');
    const ui = await t.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('echoes a request id and sets security headers', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http().get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('puts the request id in problem details', async () => {
    const res = await t.http().get('/v1/api-keys').set('X-Request-Id', 'req-42');
    expect(res.status).toBe(401);
    expect(res.body.requestId).toBe('req-42');
  });
});
