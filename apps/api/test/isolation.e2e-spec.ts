import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

const CLIENT_ID = '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';

describe('Tenant isolation (e2e)', () => {
  let t: TestApp;
  let a: { id: string; slug: string; key: string };
  let b: { id: string; slug: string; key: string };
  beforeAll(async () => {
    t = await createTestApp();
    a = await createCustomer(t);
    b = await createCustomer(t);
    const put = await t.http().put('/v1/connectors/outlook-email').set('Authorization', `Bearer ${a.key}`).send({
      clientId: CLIENT_ID,
      clientSecret: 'a-secret-value-of-customer-a',
      displayName: 'A connector',
    });
    expect(put.status).toBe(200);
  });
  afterAll(() => t.close());

  it("DELETE /v1/api-keys/:id: another customer's key answers the same 404 as an unknown one, and stays active", async () => {
    const extra = await t.http().post('/v1/api-keys').set('Authorization', `Bearer ${a.key}`).send({});
    const foreign = await t.http().delete(`/v1/api-keys/${extra.body.id}`).set('Authorization', `Bearer ${b.key}`);
    const unknown = await t.http().delete('/v1/api-keys/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f').set('Authorization', `Bearer ${b.key}`);
    const malformed = await t.http().delete('/v1/api-keys/not-a-uuid').set('Authorization', `Bearer ${b.key}`);
    for (const res of [foreign, unknown, malformed]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.detail).toBe('API key was not found');
    }
    const stillWorks = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${extra.body.secret}`);
    expect(stillWorks.status).toBe(200);
  });

  it('GET /v1/api-keys lists only the caller\'s keys', async () => {
    const listA = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${a.key}`);
    const listB = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${b.key}`);
    const idsA = listA.body.data.map((k: { id: string }) => k.id);
    for (const k of listB.body.data) expect(idsA).not.toContain(k.id);
    expect(listB.body.data).toHaveLength(1);
  });

  it("GET/PUT /v1/connectors/outlook-email never see or touch another customer's connector", async () => {
    const getB = await t.http().get('/v1/connectors/outlook-email').set('Authorization', `Bearer ${b.key}`);
    expect(getB.status).toBe(200);
    expect(getB.body.configured).toBe(false);
    expect(getB.body.clientId).toBeNull();
    expect(getB.body.callbackUrl).toContain(`/oauth/callback/${b.slug}`);

    const putB = await t.http().put('/v1/connectors/outlook-email').set('Authorization', `Bearer ${b.key}`).send({ clientId: CLIENT_ID, clientType: 'public', displayName: 'B connector' });
    expect(putB.status).toBe(200);
    expect(putB.body.id).not.toBe(undefined);

    const getA = await t.http().get('/v1/connectors/outlook-email').set('Authorization', `Bearer ${a.key}`);
    expect(getA.body).toMatchObject({ displayName: 'A connector', clientType: 'confidential', clientSecret: { set: true } });
    expect(getA.body.id).not.toBe(putB.body.id);
  });
});
