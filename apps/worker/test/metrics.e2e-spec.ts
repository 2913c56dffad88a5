import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { sample } from '../../../test/prometheus-text';
import { startRedis, stopAllProcesses, until } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';
import { WorkerHttpServer } from '../src/metrics/worker-http.server';
import { WorkerModule } from '../src/worker.module';

const METRICS_TOKEN = 'worker-metrics-token-0123456789abcdef';

/** The worker's listener: /metrics after a real refresh, and its health probes. */
describe('Worker metrics and health (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let worker: INestApplicationContext | null = null;
  let url: string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const env = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, REFRESH_SWEEP_INTERVAL_SECONDS: '1', REFRESH_JITTER_SECONDS: '0', REFRESH_FULL_SWEEP_SECONDS: '1' };
    t = await createTestApp(env);
    f = await setupConnector(t, emulator);
    // NODE_ENV=test: the listener takes an ephemeral port.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...TEST_ENV, ...env, METRICS_TOKEN })), { logger: false });
    await worker.init();
    url = `http://127.0.0.1:${worker.get(WorkerHttpServer).port}`;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await emulator?.close();
  });

  const scrape = async () => {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const row = async (id: string) => (await t.db.query('SELECT * FROM connections WHERE id = $1', [id]))[0];

  it('/health/live while the process runs; /health/ready once Postgres, Redis and both BullMQ workers answer', async () => {
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await until(() => fetch(`${url}/health/ready`), (r) => r.status === 200, 10_000);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, workers: { status: 'up' } } });
    const unknown = await fetch(`${url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('/metrics needs METRICS_TOKEN when one is set: 401 UNAUTHENTICATED problem without it or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }] as Array<Record<string, string>>) {
      const res = await fetch(`${url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('after a refresh: ok counted exactly once, its lag and Microsoft call timed, queue depths for both queues, connections as Postgres holds them', async () => {
    const endUserId = `wm-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', endUserId);
    const id = (await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id;
    const before = await scrape();
    const version = (await row(id)).version;
    await t.db.query(`UPDATE connections SET next_refresh_at = now(), expires_at = now() + interval '9 minutes' WHERE id = $1`, [id]);
    expect((await until(() => row(id), (r) => r.version > version)).version).toBe(version + 1);

    const ok = (text: string) => sample(text, 'latchkey_refreshes_total', { outcome: 'ok' })!;
    const after = await until(scrape, (text) => ok(text) > ok(before));
    expect(ok(after) - ok(before)).toBe(1);
    for (const outcome of ['transient', 'needs_reauth', 'tenant_blocked', 'connector']) {
      expect(sample(after, 'latchkey_refreshes_total', { outcome })).toBe(sample(before, 'latchkey_refreshes_total', { outcome }));
    }
    expect(sample(after, 'latchkey_refresh_lag_seconds_count')! - sample(before, 'latchkey_refresh_lag_seconds_count')!).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'latchkey_refresh_microsoft_call_seconds_count')! - sample(before, 'latchkey_refresh_microsoft_call_seconds_count')!).toBe(1);

    for (const queue of ['connection-refresh', 'system', 'mail-subscriptions']) {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) {
        expect(sample(after, 'latchkey_queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
      }
    }
    const [{ n: active }] = await t.db.query(`SELECT count(*)::int AS n FROM connections WHERE status = 'active'`);
    expect(sample(after, 'latchkey_connections', { status: 'active' })).toBe(active);
    expect(sample(after, 'latchkey_connections', { status: 'needs_reauth' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'latchkey_oldest_due_refresh_age_seconds')).toBeGreaterThanOrEqual(0);
    const [{ n: activeSubscriptions }] = await t.db.query(`SELECT count(*)::int AS n FROM mail_subscriptions WHERE status = 'active' AND NOT connection_gone`);
    expect(sample(after, 'latchkey_mail_subscriptions', { status: 'active' })).toBe(activeSubscriptions);
    expect(sample(after, 'latchkey_oldest_due_mail_subscription_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(after).not.toContain(id);
    expect(after).not.toContain(f.customer.id);
    expect(sample(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('is closed when the worker shuts down', async () => {
    await worker!.close();
    worker = null;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });

  describe('while its Redis is down', () => {
    it('/health/ready answers 503 naming redis, /metrics still answers (without the queue depths), and both recover', async () => {
      const redis = await startRedis();
      const own = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...TEST_ENV, REDIS_URL: redis.url })), { logger: false });
      try {
        await own.init();
        const base = `http://127.0.0.1:${own.get(WorkerHttpServer).port}`;
        expect((await until(() => fetch(`${base}/health/ready`), (r) => r.status === 200, 10_000)).status).toBe(200);

        await redis.kill();
        const down = await fetch(`${base}/health/ready`);
        expect(down.status).toBe(503);
        expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const body = (await down.json()) as { code: string; failed: string[]; checks: Record<string, { status: string }> };
        expect(body.code).toBe('SERVICE_UNAVAILABLE');
        expect(body.failed).toContain('redis');
        expect(body.checks.postgres).toEqual({ status: 'up' });
        const scrape = await fetch(`${base}/metrics`);
        expect(scrape.status).toBe(200);
        const text = await scrape.text();
        expect(sample(text, 'latchkey_queue_jobs', { queue: 'connection-refresh', state: 'waiting' })).toBeUndefined();
        expect(sample(text, 'latchkey_connections', { status: 'active' })).toBeGreaterThanOrEqual(0);

        await redis.start();
        expect((await until(() => fetch(`${base}/health/ready`), (r) => r.status === 200, 20_000)).status).toBe(200);
      } finally {
        await own.close();
        await stopAllProcesses();
      }
    }, 60_000);
  });
});
