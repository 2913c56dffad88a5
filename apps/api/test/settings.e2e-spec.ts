import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

describe('Customer settings (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores normalised allowed return origins and refuses anything that is not an origin', async () => {
    const { key } = await createCustomer(t);
    const auth = { Authorization: `Bearer ${key}` };
    expect((await t.http().get('/v1/settings').set(auth)).body).toEqual({ allowedReturnOrigins: [] });

    const ok = await t.http().put('/v1/settings').set(auth).send({ allowedReturnOrigins: ['https://App.Example.com', 'http://localhost:5173', 'https://app.example.com/'] });
    expect(ok.status).toBe(200);
    expect(ok.body.allowedReturnOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);

    const bad = await t.http().put('/v1/settings').set(auth).send({ allowedReturnOrigins: ['http://app.example.com', 'https://x.example.com/path', '*', 'javascript:alert(1)'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'allowedReturnOrigins.0',
      'allowedReturnOrigins.1',
      'allowedReturnOrigins.2',
      'allowedReturnOrigins.3',
    ]);
    expect((await t.http().get('/v1/settings').set(auth)).body.allowedReturnOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });
});
