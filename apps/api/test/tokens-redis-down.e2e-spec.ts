import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { PrivateRedis, startRedis, stopAllProcesses } from '../../../test/processes';

/**
 * The token endpoint with its Redis gone: leases fail fast, stored tokens are served, refreshes go on without a lease.
 * The Graph proxy goes on without its Redis semaphore and budget.
 */
describe('Token endpoint with Redis down (e2e)', () => {
  let emulator: RunningEmulator;
  let redis: PrivateRedis;
  let t: TestApp;
  let f: ConnectFixture;
  let connectionId: string;

  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, REDIS_URL: redis.url });
    f = await setupConnector(t, emulator);
    await connectEndToEnd(t, f, 'work', 'redis-down-user');
    connectionId = (await t.http().get('/v1/connections?endUserId=redis-down-user').set(f.auth)).body.data[0].id;
    await redis.kill();
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
    await stopAllProcesses();
  });

  const refreshes = () => emulator.counters().token.byClientId[f.clientId]?.byGrantType?.refresh_token ?? 0;
  const get = () => t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);

  it('serves a valid stored token', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeGreaterThan(300);
    expect(refreshes()).toBe(0);
  });

  it('refreshes without the lease, quickly and once for concurrent callers, instead of answering 500', async () => {
    const before = (await get()).body.accessToken;
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [connectionId]);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, get));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(new Set(answers.map((a) => a.body.accessToken)).size).toBe(1);
    expect(answers[0].body.accessToken).not.toBe(before);
    expect(answers[0].body.expiresIn).toBeGreaterThan(300);
    expect(refreshes()).toBe(1);
    const [row] = await t.db.query('SELECT version FROM connections WHERE id = $1', [connectionId]);
    expect(row.version).toBe(2);
  });

  it('proxies Graph calls without the concurrency slot and budget (Graph\'s own limits still apply), instead of answering 500', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 3 }, () => t.http().get(`/v1/connections/${connectionId}/graph/v1.0/me`).set(f.auth)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
