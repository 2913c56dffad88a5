import { randomUUID } from 'node:crypto';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { sample } from '../../../test/prometheus-text';

const TOKEN_ROUTE = '/v1/connections/:id/token';

/** GET /metrics on the API: Prometheus text from prom-client, after real token requests and refreshes. */
describe('API metrics (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let connectionId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    f = await setupConnector(t, emulator);
    const userId = `met-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', userId);
    connectionId = (await t.http().get(`/v1/connections?endUserId=${userId}`).set(f.auth)).body.data[0].id;
  });
  beforeEach(() => emulator.clearFaults());
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  const scrape = async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    return res.text;
  };
  const tokenCount = (text: string, outcome: string) => sample(text, 'latchkey_token_request_duration_seconds_count', { outcome });
  const refreshes = (text: string, outcome: string) => sample(text, 'latchkey_refreshes_total', { outcome });
  const requests = (text: string, route: string, status: string, method = 'GET') => sample(text, 'latchkey_http_requests_total', { method, route, status }) ?? 0;
  const token = () => t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);

  it('serves the Prometheus text format with the process metrics, open while METRICS_TOKEN is unset, outside the OpenAPI document', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8/);
    expect(res.text).toContain('# TYPE latchkey_http_requests_total counter');
    expect(res.text).toContain('# TYPE latchkey_token_request_duration_seconds histogram');
    expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    const document = await t.http().get('/docs/openapi.json');
    expect(Object.keys(document.body.paths).filter((p) => p.includes('metrics'))).toEqual([]);
  });

  it('token requests by outcome (served, refreshed, refused), on-the-spot refreshes by outcome, both counted once', async () => {
    const before = await scrape();
    expect((await token()).status).toBe(200);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [connectionId]);
    expect((await token()).status).toBe(200);
    expect((await t.http().get(`/v1/connections/${randomUUID()}/token`).set(f.auth)).status).toBe(404);
    const after = await scrape();

    expect(tokenCount(after, 'served')! - tokenCount(before, 'served')!).toBe(1);
    expect(tokenCount(after, 'refreshed')! - tokenCount(before, 'refreshed')!).toBe(1);
    expect(tokenCount(after, 'refused')! - tokenCount(before, 'refused')!).toBe(1);
    expect(tokenCount(after, 'degraded')).toBe(tokenCount(before, 'degraded'));
    expect(refreshes(after, 'ok')! - refreshes(before, 'ok')!).toBe(1);
    expect(refreshes(after, 'transient')).toBe(refreshes(before, 'transient'));
    expect(sample(after, 'latchkey_refresh_microsoft_call_seconds_count')! - (sample(before, 'latchkey_refresh_microsoft_call_seconds_count') ?? 0)).toBe(1);
  });

  it('HTTP requests by route template and status: the fast path and Express alike, unmatched for no route, never a raw URL', async () => {
    const missing = randomUUID();
    const before = await scrape();
    expect((await token()).status).toBe(200); // the fast path
    expect((await t.http().get(`/v1/connections/${connectionId}/token`)).status).toBe(401); // no key: Express answers
    expect((await t.http().get(`/v1/connections/${connectionId}`).set(f.auth)).status).toBe(200);
    expect((await t.http().get(`/no-such-route/${missing}`)).status).toBe(404);
    const after = await scrape();

    expect(requests(after, TOKEN_ROUTE, '200') - requests(before, TOKEN_ROUTE, '200')).toBe(1);
    expect(requests(after, TOKEN_ROUTE, '401') - requests(before, TOKEN_ROUTE, '401')).toBe(1);
    expect(requests(after, '/v1/connections/:id', '200') - requests(before, '/v1/connections/:id', '200')).toBe(1);
    expect(requests(after, 'unmatched', '404') - requests(before, 'unmatched', '404')).toBe(1);
    expect(sample(after, 'latchkey_http_request_duration_seconds_count', { method: 'GET', route: TOKEN_ROUTE })).toBeGreaterThanOrEqual(2);
    expect(after).not.toContain(connectionId);
    expect(after).not.toContain(missing);
    expect(after).not.toContain('route="/metrics"');
    expect(after).not.toContain('*');
  });

  // Last of the token tests: it leaves the connection backing off.
  it('degraded: the stored token while Microsoft is down, then refused once it is too close to expiry', async () => {
    emulator.injectFaults({ kind: 'unavailable', count: 5, clientId: f.clientId });
    const before = await scrape();
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '120 seconds' WHERE id = $1`, [connectionId]);
    expect((await token()).status).toBe(200);
    // Still backing off (the stored retry time is ahead): no call to Microsoft, and too close to expiry to hand out.
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '2 seconds', next_refresh_at = now() + interval '60 seconds' WHERE id = $1`, [connectionId]);
    expect((await token()).status).toBe(503);
    const after = await scrape();
    expect(tokenCount(after, 'degraded')! - tokenCount(before, 'degraded')!).toBe(1);
    expect(tokenCount(after, 'refused')! - tokenCount(before, 'refused')!).toBe(1);
    expect(refreshes(after, 'transient')! - refreshes(before, 'transient')!).toBe(1);
  });

  describe('with METRICS_TOKEN set', () => {
    const METRICS_TOKEN = 'metrics-scrape-token-0123456789abcdef';
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await createTestApp({ METRICS_TOKEN });
    });
    afterAll(() => guarded?.close());

    it('answers 401 UNAUTHENTICATED without the bearer token or with a wrong one, the exposition with it; the API key does not do', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${f.customer.key}`]) {
        const req = guarded.http().get('/metrics');
        const res = await (authorization ? req.set('Authorization', authorization) : req);
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="latchkey-metrics"');
      }
      const ok = await guarded.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('latchkey_refreshes_total');
    });
  });

  describe('with METRICS_ENABLED=false', () => {
    let bare: TestApp;
    beforeAll(async () => {
      bare = await createTestApp({ METRICS_ENABLED: 'false' });
    });
    afterAll(() => bare?.close());

    it('collects nothing: /metrics answers 404 NOT_FOUND', async () => {
      const res = await bare.http().get('/metrics');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });
  });
});
