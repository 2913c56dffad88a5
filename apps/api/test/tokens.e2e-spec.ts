import { randomUUID } from 'node:crypto';
import { ReadTracker } from '@app/tokens';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

describe('Token endpoint (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let connectionId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  });
  beforeEach(async () => {
    emulator.clearFaults();
    f = await setupConnector(t, emulator);
    const userId = `tok-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', userId);
    connectionId = (await t.http().get(`/v1/connections?endUserId=${userId}`).set(f.auth)).body.data[0].id;
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  const refreshes = () => emulator.counters().token.byClientId[f.clientId]?.byGrantType?.refresh_token ?? 0;
  const expire = () => t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [connectionId]);

  it('hands out the stored token when it is fresh enough, without calling Microsoft', async () => {
    const res = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ tokenType: 'Bearer', connectionId, account: { tenantId: expect.any(String) } });
    expect(res.body.expiresIn).toBeGreaterThan(3000);
    expect(refreshes()).toBe(0);
    const me = await fetch(`${emulator.url}/v1.0/me`, { headers: { Authorization: `Bearer ${res.body.accessToken}` } });
    expect(me.status).toBe(200);
  });

  it('the hot path keeps the regular route\'s contract: request id, headers, and every refusal explained the same way', async () => {
    const ok = await t.http().get(`/v1/connections/${connectionId}/token?minValidity=60`).set(f.auth).set('X-Request-Id', 'trace-123');
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ 'x-request-id': 'trace-123', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const badKey = await t.http().get(`/v1/connections/${connectionId}/token`).set('Authorization', 'Bearer lk_sk_nope');
    expect(badKey.status).toBe(401);
    expect(badKey.body.code).toBe('INVALID_API_KEY');
    const tooLong = await t.http().get(`/v1/connections/${connectionId}/token?minValidity=3001`).set(f.auth);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('minValidity');
    const unknown = await t.http().get(`/v1/connections/${connectionId}/token?minValidity=60&extra=1`).set(f.auth);
    expect(unknown.status).toBe(400);
    const other = await setupConnector(t, emulator);
    const foreign = await t.http().get(`/v1/connections/${connectionId}/token`).set(other.auth);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', instance: `/v1/connections/${connectionId}/token`, requestId: expect.any(String) });
  });

  it('records every read: a count and the last time per connection, written in batches, surviving a deleted connection', async () => {
    const view = async (id: string) => (await t.http().get(`/v1/connections/${id}`).set(f.auth)).body;
    expect(await view(connectionId)).toMatchObject({ readCount: 0, lastReadAt: null });
    const before = Date.now();
    for (let i = 0; i < 3; i++) expect((await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth)).status).toBe(200);
    // A second connection read in the same batch, then deleted before the batch is written.
    const userId = `gone-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', userId);
    const gone = (await t.http().get(`/v1/connections?endUserId=${userId}`).set(f.auth)).body.data[0].id;
    expect((await t.http().get(`/v1/connections/${gone}/token`).set(f.auth)).status).toBe(200);
    expect((await t.http().delete(`/v1/connections/${gone}`).set(f.auth)).status).toBe(204);
    // Enough unknown ids for several statements (250 rows each): they are skipped, the real reads are not.
    const unknown = Array.from({ length: 600 }, () => randomUUID());
    for (const id of unknown) t.app.get(ReadTracker).record(id);
    await t.app.get(ReadTracker).flush();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM connection_reads WHERE connection_id = ANY($1::uuid[])`, [[...unknown, gone]]))[0].n).toBe(0);
    const after = await view(connectionId);
    expect(after.readCount).toBe(3);
    expect(Date.parse(after.lastReadAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(after.lastReadAt)).toBeLessThanOrEqual(Date.now());
    // Later batches add up; the list shows the same figures.
    await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    await t.app.get(ReadTracker).flush();
    const listed = (await t.http().get(`/v1/connections?endUserId=${after.endUser.id}`).set(f.auth)).body.data[0];
    expect(listed).toMatchObject({ id: connectionId, readCount: 4 });
    expect(Date.parse(listed.lastReadAt)).toBeGreaterThanOrEqual(Date.parse(after.lastReadAt));
  });

  it('refreshes on the spot when less than minValidity is left', async () => {
    await expire();
    const before = await t.http().get(`/v1/connections/${connectionId}/token?minValidity=10`).set(f.auth);
    expect(before.body.expiresIn).toBeLessThan(60);
    expect(refreshes()).toBe(0);
    const res = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeGreaterThanOrEqual(300);
    expect(res.body.accessToken).not.toBe(before.body.accessToken);
    expect(refreshes()).toBe(1);
    const [row] = await t.db.query('SELECT version, refresh_failures FROM connections WHERE id = $1', [connectionId]);
    expect(row.version).toBe(2);
  });

  it('100 concurrent requests on an expiring connection cause exactly one refresh, and all get the new token', async () => {
    await expire();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => a.body.accessToken)).size).toBe(1);
    expect(refreshes()).toBe(1);
  });

  it('by end user, with 404 for an unknown one', async () => {
    const list = await t.http().get(`/v1/connections/${connectionId}`).set(f.auth);
    const res = await t.http().get(`/v1/end-users/${encodeURIComponent(list.body.endUser.id)}/connections/outlook-email/token`).set(f.auth);
    expect(res.status).toBe(200);
    expect(res.body.connectionId).toBe(connectionId);
    expect((await t.http().get('/v1/end-users/nobody/connections/outlook-email/token').set(f.auth)).status).toBe(404);
  });

  it('a revoked grant marks the connection needs_reauth with the reason, and never retries', async () => {
    emulator.revokeUserSessions('work', 50173, f.clientId);
    await expire();
    const res = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONNECTION_NEEDS_REAUTH', microsoftError: 'AADSTS50173' });
    const again = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(again.status).toBe(409);
    expect(refreshes()).toBe(1);
    const conn = await t.http().get(`/v1/connections/${connectionId}`).set(f.auth);
    expect(conn.body).toMatchObject({ status: 'needs_reauth', statusCode: 'AADSTS50173', nextRefreshAt: null });
    expect(conn.body.statusReason).toMatch(/reconnect/i);
  });

  it('a wrong secret flags the connector; the still-valid stored token keeps being served', async () => {
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '120 seconds' WHERE id = $1`, [connectionId]);
    await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: 'Wrong~secret-value-0123456789' });
    const res = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeLessThan(300);
    const connector = await t.http().get('/v1/connectors/outlook-email').set(f.auth);
    expect(connector.body.warnings[0]).toMatchObject({ code: 'connector_misconfigured' });
    expect(connector.body.warnings[0].message).toContain('AADSTS7000215');
    await expire();
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '5 seconds' WHERE id = $1`, [connectionId]);
    const expired = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('CONNECTOR_MISCONFIGURED');
    expect(refreshes()).toBe(1);
    // Fixing the secret lifts the flag; the next request refreshes.
    await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: f.clientSecret });
    expect((await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth)).status).toBe(200);
  });

  it('saving a flagged connector re-checks it with a real refresh: the error that remains, or the flag lifted', async () => {
    const connectorRow = async () => (await t.db.query('SELECT * FROM connectors WHERE customer_id = $1', [f.customer.id]))[0];
    const version = async () => (await t.db.query('SELECT version FROM connections WHERE id = $1', [connectionId]))[0].version;
    await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: 'Wrong~secret-value-0123456789' });
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '5 seconds' WHERE id = $1`, [connectionId]);
    expect((await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth)).body.code).toBe('CONNECTOR_MISCONFIGURED');
    expect((await connectorRow()).misconfigured_connection_id).toBe(connectionId);

    const stillWrong = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: 'Other~wrong-value-0123456789' }).expect(200);
    expect(stillWrong.body.credentialCheck).toMatchObject({ result: 'failed', connectionId, microsoftError: 'AADSTS7000215' });
    expect(stillWrong.body.warnings[0]).toMatchObject({ code: 'connector_misconfigured' });
    expect((await connectorRow()).misconfigured_at).not.toBeNull();

    const before = await version();
    const fixed = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: f.clientSecret }).expect(200);
    expect(fixed.body.credentialCheck).toMatchObject({ result: 'passed', connectionId, microsoftError: null });
    expect(fixed.body.warnings.map((w: { code: string }) => w.code)).not.toContain('connector_misconfigured');
    expect(await version()).toBe(before + 1);
    expect((await connectorRow()).misconfigured_at).toBeNull();
    // A save of a connector that is not flagged does not call Microsoft.
    const plain = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ description: 'Mail' }).expect(200);
    expect(plain.body.credentialCheck).toBeUndefined();
  });

  it('a Microsoft outage: the stored token while valid, then 503 with Retry-After, never an expired token', async () => {
    emulator.injectFaults({ kind: 'unavailable', count: 5 });
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '120 seconds' WHERE id = $1`, [connectionId]);
    const degraded = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(degraded.status).toBe(200);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '2 seconds' WHERE id = $1`, [connectionId]);
    const down = await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('MICROSOFT_UNAVAILABLE');
    expect(Number(down.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const conn = await t.http().get(`/v1/connections/${connectionId}`).set(f.auth);
    expect(conn.body.status).toBe('active');
    expect(conn.body.refreshFailures).toBeGreaterThanOrEqual(1);
  });

  it('honours the stored backoff: after a 429 with Retry-After: 30 nobody calls Microsoft before it, however many ask', async () => {
    emulator.injectFaults({ kind: 'throttle', retryAfter: 30, count: 100 });
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '120 seconds' WHERE id = $1`, [connectionId]);
    const get = () => t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
    // 20 at once, while the first refresh fails: one call to Microsoft; everyone gets the still-valid stored token.
    const during = await Promise.all(Array.from({ length: 20 }, get));
    expect(during.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(refreshes()).toBe(1);
    const [row] = await t.db.query('SELECT refresh_failures, extract(epoch FROM next_refresh_at - now()) AS wait FROM connections WHERE id = $1', [connectionId]);
    expect(row.refresh_failures).toBe(1);
    expect(Number(row.wait)).toBeGreaterThan(28);
    const after = await Promise.all(Array.from({ length: 20 }, get));
    expect(after.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(refreshes()).toBe(1);
    // The stored token nearly gone: 503 with the time left of the backoff, still without calling Microsoft.
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '5 seconds' WHERE id = $1`, [connectionId]);
    const down = await Promise.all(Array.from({ length: 10 }, get));
    expect(down.map((a) => a.status)).toEqual(Array(10).fill(503));
    expect(down[0].body.code).toBe('MICROSOFT_UNAVAILABLE');
    expect(Number(down[0].headers['retry-after'])).toBeGreaterThan(25);
    expect(Number(down[0].headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(refreshes()).toBe(1);
    // Once the backoff is over (moved to now here), the next request refreshes.
    emulator.clearFaults();
    await t.db.query('UPDATE connections SET next_refresh_at = now() WHERE id = $1', [connectionId]);
    const back = await get();
    expect(back.status).toBe(200);
    expect(back.body.expiresIn).toBeGreaterThan(300);
    expect(refreshes()).toBe(2);
  });

  it('validates minValidity and answers 404 across tenants', async () => {
    expect((await t.http().get(`/v1/connections/${connectionId}/token?minValidity=-1`).set(f.auth)).status).toBe(400);
    expect((await t.http().get(`/v1/connections/${connectionId}/token?minValidity=abc`).set(f.auth)).status).toBe(400);
    const other = await setupConnector(t, emulator);
    const res = await t.http().get(`/v1/connections/${connectionId}/token`).set(other.auth);
    expect(res.status).toBe(404);
    expect(res.body.accessToken).toBeUndefined();
  });
});
