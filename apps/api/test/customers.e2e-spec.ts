import { createCustomer, createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';

describe('Customers and API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('POST /v1/customers', () => {
    it('creates a customer and shows its secret key once; only the hash is stored', async () => {
      const res = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Acme Mail Tools' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Acme Mail Tools', slug: 'acme-mail-tools' });
      expect(res.body.apiKey.secret).toMatch(/^lk_sk_[A-Za-z0-9_-]{43}$/);
      expect(res.body.apiKey.prefix).toBe(res.body.apiKey.secret.slice(0, 12));

      const rows = await t.db.query('SELECT * FROM api_keys WHERE customer_id = $1', [res.body.id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(res.body.apiKey.secret);
      expect(JSON.stringify(rows)).not.toContain(res.body.apiKey.secret.slice(12));

      const again = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${res.body.apiKey.secret}`);
      expect(again.status).toBe(200);
      expect(JSON.stringify(again.body)).not.toContain(res.body.apiKey.secret);
    });

    it('derives a free slug when the name collides, and refuses a taken explicit slug with 409', async () => {
      const a = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Twin Co' });
      const b = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Twin Co' });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.slug).not.toBe(a.body.slug);
      expect(b.body.slug).toMatch(/^twin-co-[0-9a-f]{6}$/);

      const c = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Other', slug: a.body.slug });
      expect(c.status).toBe(409);
      expect(c.body).toMatchObject({ code: 'SLUG_TAKEN', status: 409 });
    });

    it('requires the operator token', async () => {
      const none = await t.http().post('/v1/customers').send({ name: 'x' });
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      const wrong = await t.http().post('/v1/customers').set('Authorization', 'Bearer nope').send({ name: 'x' });
      expect(wrong.status).toBe(403);
      const { key } = await createCustomer(t);
      const customerKey = await t.http().post('/v1/customers').set('Authorization', `Bearer ${key}`).send({ name: 'x' });
      expect(customerKey.status).toBe(403);
    });

    it('validates the body and lists every bad field', async () => {
      const res = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: '', slug: 'Bad Slug!', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['extra', 'name', 'slug']);
    });
  });

  describe('API keys', () => {
    it('authenticates, lists with last use, creates and revokes; a revoked key is refused at once', async () => {
      const { key } = await createCustomer(t);
      const auth = { Authorization: `Bearer ${key}` };

      const created = await t.http().post('/v1/api-keys').set(auth).send({ name: 'backend' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'backend', status: 'active', revokedAt: null });
      const second = created.body.secret as string;
      expect(second).toMatch(/^lk_sk_/);

      const viaSecond = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${second}`);
      expect(viaSecond.status).toBe(200);
      expect(viaSecond.body.data).toHaveLength(2);
      for (const k of viaSecond.body.data) expect(k).not.toHaveProperty('secret');
      // last_used_at is recorded without blocking the request
      await new Promise((r) => setTimeout(r, 100));
      const listed = await t.http().get('/v1/api-keys').set(auth);
      const usedKey = listed.body.data.find((k: { id: string }) => k.id === created.body.id);
      expect(usedKey.lastUsedAt).not.toBeNull();

      const revoked = await t.http().delete(`/v1/api-keys/${created.body.id}`).set(auth);
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');

      const refused = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${second}`);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('INVALID_API_KEY');
      expect((await t.http().get('/v1/api-keys').set(auth)).status).toBe(200);
    });

    it('refuses to revoke the last active key', async () => {
      const { key } = await createCustomer(t);
      const list = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${key}`);
      const res = await t.http().delete(`/v1/api-keys/${list.body.data[0].id}`).set('Authorization', `Bearer ${key}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LAST_ACTIVE_KEY');
      expect((await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    });

    it('refuses missing, malformed and unknown keys', async () => {
      expect((await t.http().get('/v1/api-keys')).status).toBe(401);
      expect((await t.http().get('/v1/api-keys').set('Authorization', 'Basic abc')).status).toBe(401);
      const unknown = await t.http().get('/v1/api-keys').set('Authorization', `Bearer lk_sk_${'A'.repeat(43)}`);
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('INVALID_API_KEY');
      expect(unknown.headers['www-authenticate']).toContain('Bearer');
    });
  });
});
