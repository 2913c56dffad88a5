import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { loadConfig } from '@app/config';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

/** The worker refreshes due connections from Postgres, survives a Redis flush, and classifies failures. */
describe('Refresh worker (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let worker: INestApplicationContext;
  let f: ConnectFixture;
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const env = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, REFRESH_SWEEP_INTERVAL_SECONDS: '1', REFRESH_JITTER_SECONDS: '0',
      // These tests move schedules back into windows already swept, which only a full sweep sees (sweeper.e2e-spec).
      REFRESH_FULL_SWEEP_SECONDS: '1' };
    t = await createTestApp(env);
    f = await setupConnector(t, emulator);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...TEST_ENV, ...env })), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await emulator?.close();
    redis.disconnect();
  });

  const refreshes = () => emulator.counters().token.byClientId[f.clientId]?.byGrantType?.refresh_token ?? 0;

  async function newConnection(user: 'work' | 'personal' = 'work'): Promise<string> {
    const endUserId = `w-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, user, endUserId);
    return (await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id;
  }

  async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await what();
      if (ok(v) || Date.now() > deadline) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const row = async (id: string) => (await t.db.query('SELECT * FROM connections WHERE id = $1', [id]))[0];

  it('refreshes a connection when it is due and schedules the next refresh from the actual expires_in', async () => {
    const id = await newConnection();
    const before = await row(id);
    expect(new Date(before.next_refresh_at).getTime()).toBeLessThan(new Date(before.expires_at).getTime() - 590_000);
    await t.db.query(`UPDATE connections SET next_refresh_at = now(), expires_at = now() + interval '9 minutes' WHERE id = $1`, [id]);
    const after = await until(() => row(id), (r) => r.version > before.version);
    expect(after.version).toBe(before.version + 1);
    expect(after.refresh_token_encrypted).not.toBe(before.refresh_token_encrypted);
    const lifetime = new Date(after.expires_at).getTime() - new Date(after.last_refreshed_at).getTime();
    expect(lifetime).toBeGreaterThanOrEqual(3600_000 - 2000);
    expect(new Date(after.expires_at).getTime() - new Date(after.next_refresh_at).getTime()).toBeGreaterThanOrEqual(600_000 - 1000);
  });

  it('after a Redis FLUSHALL, due connections are still found and refreshed', async () => {
    const id = await newConnection();
    const before = await row(id);
    await redis.flushdb();
    await t.db.query(`UPDATE connections SET next_refresh_at = now() WHERE id = $1`, [id]);
    const after = await until(() => row(id), (r) => r.version > before.version);
    expect(after.version).toBe(before.version + 1);
  });

  it('a revoked refresh token: needs_reauth with the reason, no retry storm', async () => {
    const id = await newConnection('personal');
    emulator.revokeUserGrant('personal', f.clientId);
    const start = refreshes();
    await t.db.query(`UPDATE connections SET next_refresh_at = now() WHERE id = $1`, [id]);
    const after = await until(() => row(id), (r) => r.status === 'needs_reauth');
    expect(after).toMatchObject({ status: 'needs_reauth', status_code: 'AADSTS65001', next_refresh_at: null });
    await new Promise((r) => setTimeout(r, 2500));
    expect(refreshes() - start).toBe(1);
    const events = await t.http().get(`/v1/connections/${id}`).set(f.auth);
    expect(events.body.status).toBe('needs_reauth');
  });

  it('transient faults are retried with backoff until the refresh succeeds', async () => {
    const id = await newConnection();
    const before = await row(id);
    emulator.injectFaults({ kind: 'unavailable', count: 2, clientId: f.clientId });
    await t.db.query(`UPDATE connections SET next_refresh_at = now(), expires_at = now() + interval '60 seconds' WHERE id = $1`, [id]);
    const after = await until(() => row(id), (r) => r.version > before.version, 25_000);
    expect(after.version).toBe(before.version + 1);
    expect(after.refresh_failures).toBe(0);
  }, 30_000);
});
