import { createCustomer, createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';

type Method = 'post' | 'put' | 'delete' | 'get';
/** bodyless: the endpoint reads no body, so a deeply nested one is simply ignored. */
const ENDPOINTS: Array<{ method: Method; path: string; auth: 'operator' | 'customer' | 'none'; bodyless?: true }> = [
  { method: 'post', path: '/v1/customers', auth: 'operator' },
  { method: 'post', path: '/v1/customers/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f/invites', auth: 'operator' },
  { method: 'post', path: '/v1/console/sign-in', auth: 'none' },
  { method: 'get', path: '/v1/console/invites/lk_inv_%%', auth: 'none' },
  { method: 'post', path: '/v1/console/invites/lk_inv_x/accept', auth: 'none' },
  { method: 'get', path: '/v1/console/session', auth: 'customer' },
  { method: 'post', path: '/v1/console/sign-out', auth: 'customer', bodyless: true },
  { method: 'get', path: '/v1/api-keys', auth: 'customer' },
  { method: 'post', path: '/v1/api-keys', auth: 'customer' },
  { method: 'delete', path: '/v1/api-keys/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f', auth: 'customer' },
  { method: 'get', path: '/v1/connectors/outlook-email', auth: 'customer' },
  { method: 'put', path: '/v1/connectors/outlook-email', auth: 'customer' },
  { method: 'get', path: '/v1/scopes/outlook-email', auth: 'none' },
  { method: 'get', path: '/v1/settings', auth: 'customer' },
  { method: 'put', path: '/v1/settings', auth: 'customer' },
  { method: 'post', path: '/v1/connect-sessions', auth: 'customer' },
  { method: 'get', path: '/v1/connections?limit=0&cursor=%%%', auth: 'customer' },
  { method: 'get', path: '/v1/connections/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f', auth: 'customer' },
  { method: 'delete', path: '/v1/connections/not-a-uuid', auth: 'customer' },
  { method: 'get', path: '/v1/connections/not-a-uuid/events', auth: 'customer' },
  { method: 'get', path: '/v1/connections?search=', auth: 'customer' },
  { method: 'get', path: '/v1/connect-attempts?status=bogus', auth: 'customer' },
  { method: 'get', path: '/v1/connections/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f/token?minValidity=99999', auth: 'customer' },
  { method: 'get', path: '/v1/end-users/x/connections/outlook-email/token', auth: 'customer' },
];

const BODIES: Array<[string, string]> = [
  ['invalid JSON', '{"name": '],
  ['a JSON array', '[{"name":"x"}]'],
  ['a JSON string', '"hello"'],
  ['a JSON number', '42'],
  ['null', 'null'],
  ['wrong types', '{"name": 5, "slug": [], "scopes": "Mail.Read", "enabled": "true", "clientId": {}, "tenant": 7}'],
  ['a prototype-pollution attempt', '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}'],
  ['deep nesting', `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`],
  ['a body over 100 KB', JSON.stringify({ name: 'x'.repeat(150_000) })],
];

describe('Malformed input never gets a 500 (e2e)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    ({ key } = await createCustomer(t));
    await t.http().put('/v1/connectors/outlook-email').set('Authorization', `Bearer ${key}`).send({
      clientId: '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b',
      clientSecret: 'the-original-secret-value',
    });
  });
  afterAll(() => t.close());

  for (const endpoint of ENDPOINTS) {
    for (const [label, body] of BODIES) {
      it(`${endpoint.method.toUpperCase()} ${endpoint.path} with ${label} answers 4xx problem details`, async () => {
        let req = t.http()[endpoint.method](endpoint.path).set('Content-Type', 'application/json');
        if (endpoint.auth === 'operator') req = req.set('Authorization', OPERATOR_AUTH);
        if (endpoint.auth === 'customer') req = req.set('Authorization', `Bearer ${key}`);
        const res = await req.send(body);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(typeof res.body.code).toBe('string');
          expect(typeof res.body.detail).toBe('string');
        }
        if (label === 'invalid JSON') expect(res.body.code).toBe('MALFORMED_JSON');
        if (label === 'deep nesting' && ['post', 'put'].includes(endpoint.method) && !endpoint.bodyless) expect(res.status).toBe(400);
        if (label === 'a body over 100 KB') expect(res.status).toBe(413);
      });
    }
  }

  it('answers 400 MALFORMED_JSON with an actionable message', async () => {
    const res = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).set('Content-Type', 'application/json').send('{oops');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400 });
  });

  it('refuses a non-object body on a write endpoint', async () => {
    const res = await t.http().put('/v1/connectors/outlook-email').set('Authorization', `Bearer ${key}`).set('Content-Type', 'application/json').send('[1,2]');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('not_an_object');
  });

  it('never lost or corrupted the stored connector', async () => {
    const res = await t.http().get('/v1/connectors/outlook-email').set('Authorization', `Bearer ${key}`);
    expect(res.body).toMatchObject({ configured: true, clientSecret: { set: true, hint: 'alue' }, tenant: 'common' });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.http().get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
