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
});
