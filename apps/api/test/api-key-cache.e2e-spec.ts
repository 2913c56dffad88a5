import { ApiKeyCache } from '@app/customers';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

/** API keys are cached in memory for the hot path; a revocation on one API instance is refused at once on another. */
describe('API key cache across API instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a key revoked through instance A is refused by instance B, which had it cached', async () => {
    const customer = await createCustomer(a);
    const auth = { Authorization: `Bearer ${customer.key}` };
    const second = await a.http().post('/v1/api-keys').set(auth).send({ name: 'to revoke' });
    const doomed = { Authorization: `Bearer ${second.body.secret}` };
    expect((await b.http().get('/v1/api-keys').set(doomed)).status).toBe(200);
    // Served from B's cache now: a revocation written behind the API's back (no broadcast) is not seen yet...
    await b.db.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [second.body.id]);
    expect((await b.http().get('/v1/api-keys').set(doomed)).status).toBe(200);

    // ...but a revocation through the API (idempotent) is broadcast: B refuses the key on the very next request.
    expect((await a.http().delete(`/v1/api-keys/${second.body.id}`).set(auth)).status).toBe(200);
    const refused = await b.http().get('/v1/api-keys').set(doomed);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_API_KEY');
  });

  it('does not serve from the cache while the revocation channel is down', async () => {
    const customer = await createCustomer(b);
    const auth = { Authorization: `Bearer ${customer.key}` };
    expect((await b.http().get('/v1/api-keys').set(auth)).status).toBe(200);
    const cache = b.app.get(ApiKeyCache);
    const sub = (cache as unknown as { subscriber: { disconnect(reconnect?: boolean): void } }).subscriber;
    sub.disconnect(true);
    // A revocation written straight to the database (as if its broadcast were lost) is seen while the channel is down.
    await b.db.query(`UPDATE api_keys SET revoked_at = now() WHERE customer_id = $1`, [customer.id]);
    expect((await b.http().get('/v1/api-keys').set(auth)).status).toBe(401);
  });

  it('a key revoked while a request was reading it is not cached afterwards', async () => {
    const customer = await createCustomer(a);
    const auth = { Authorization: `Bearer ${customer.key}` };
    expect((await a.http().get('/v1/api-keys').set(auth)).status).toBe(200);
    const second = await a.http().post('/v1/api-keys').set(auth).send({ name: 'revoked mid-read' });
    const query = a.db.query.bind(a.db);
    let armed = true;
    // The revocation commits and is broadcast between the key's read and the moment its answer would be cached.
    const spy = jest.spyOn(a.db, 'query').mockImplementation(async (sql: string, params?: unknown[] | object) => {
      const rows = await query(sql, params);
      if (armed && sql.includes('FROM api_keys k JOIN customers c')) {
        armed = false;
        expect((await b.http().delete(`/v1/api-keys/${second.body.id}`).set(auth)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return rows;
    });
    try {
      const doomed = { Authorization: `Bearer ${second.body.secret}` };
      expect((await a.http().get('/v1/api-keys').set(doomed)).status).toBe(200);
      expect(armed).toBe(false);
      expect((await a.http().get('/v1/api-keys').set(doomed)).status).toBe(401);
    } finally {
      spy.mockRestore();
    }
  });

  it('parallel revocations of the last two keys: exactly one succeeds, the other is LAST_ACTIVE_KEY', async () => {
    const customer = await createCustomer(a);
    const auth = { Authorization: `Bearer ${customer.key}` };
    const second = await a.http().post('/v1/api-keys').set(auth).send({ name: 'second' });
    const keys = (await a.http().get('/v1/api-keys').set(auth)).body.data.map((k: { id: string }) => k.id);
    expect(keys).toHaveLength(2);
    const answers = await Promise.all([
      a.http().delete(`/v1/api-keys/${keys[0]}`).set(auth),
      b.http().delete(`/v1/api-keys/${keys[1]}`).set({ Authorization: `Bearer ${second.body.secret}` }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('LAST_ACTIVE_KEY');
    const [row] = await a.db.query(`SELECT count(*)::int AS active FROM api_keys WHERE customer_id = $1 AND revoked_at IS NULL`, [customer.id]);
    expect(row.active).toBe(1);
  });
});
