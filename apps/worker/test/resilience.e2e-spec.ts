import Redis from 'ioredis';
import { JOBS, QUEUES, redisKeys, SecretBox } from '@app/common';
import { tokenAad } from '@app/common';
import { runMigrations } from '@app/database';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { startPostgres, startRedis, startWorker, stopAllProcesses, until, WorkerProcess } from '../../../test/processes';
import { TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';

/**
 * The worker as a real child process against real Postgres, Redis and the Microsoft emulator: killed mid-refresh,
 * stopped with SIGTERM, cut off from a Redis that restarts empty, and from a Postgres that restarts. Afterwards
 * every connection is refreshed exactly once, and the refresh token Postgres holds still works at the emulator.
 */
describe('Refresh worker resilience (e2e, real processes)', () => {
  const N = 6;
  const LEASE_SECONDS = 5;
  let emulator: RunningEmulator;
  let t: TestApp;
  const redis = new Redis(TEST_REDIS_URL);

  const microsoftEnv = () => ({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  const workerEnv = (overrides: Record<string, string>) => ({
    ...TEST_ENV,
    ...microsoftEnv(),
    REFRESH_SWEEP_INTERVAL_SECONDS: '1',
    // Schedules are moved back into windows already swept, which only a full sweep sees (sweeper.e2e-spec).
    REFRESH_FULL_SWEEP_SECONDS: '1',
    REFRESH_JITTER_SECONDS: '0',
    REFRESH_LEASE_SECONDS: String(LEASE_SECONDS),
    ...overrides,
  });

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp(microsoftEnv());
  });
  afterAll(async () => {
    await stopAllProcesses();
    await t?.close();
    await emulator?.close();
    redis.disconnect();
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.resetCounters();
  });

  interface Row {
    id: string;
    customer_id: string;
    status: string;
    version: number;
    expires_at: Date;
    next_refresh_at: Date | null;
    refresh_failures: number;
    refresh_token_encrypted: string;
    requested_scopes: string[] | null;
    scopes: string[];
  }

  async function connectMany(app: TestApp, f: ConnectFixture, n = N): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const endUserId = `r-${Math.random().toString(36).slice(2, 10)}`;
      const { res } = await connectEndToEnd(app, f, 'work', endUserId);
      if (res.status >= 400) throw new Error(`connect: ${res.status} ${res.text.slice(0, 200)}`);
      ids.push((await app.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id);
    }
    return ids;
  }

  const rows = async (app: TestApp, ids: string[]): Promise<Row[]> =>
    app.db.query('SELECT * FROM connections WHERE id = ANY($1) ORDER BY id', [ids]);
  const versions = async (app: TestApp, ids: string[]) => Object.fromEntries((await rows(app, ids)).map((r) => [r.id, r.version]));
  const makeDue = (app: TestApp, ids: string[], inSeconds = 0) =>
    app.db.query(`UPDATE connections SET next_refresh_at = now() + make_interval(secs => $2) WHERE id = ANY($1)`, [ids, inSeconds]);

  /** Refreshes the emulator answered with new tokens for this app, whether or not anyone received the answer. */
  const refreshesIssued = (f: ConnectFixture) =>
    emulator.tokenRequests().filter((r) => r.clientId === f.clientId && r.grantType === 'refresh_token' && r.outcome === 'success').length;

  /** The delay faults not taken yet: each refresh request takes one on arrival, before it waits. */
  async function delaysLeft(): Promise<number> {
    const { faults } = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as { faults: Array<{ kind: string; count: number }> };
    return faults.filter((x) => x.kind === 'delay').reduce((sum, x) => sum + x.count, 0);
  }

  /** Every connection refreshed exactly once since `before`, active, with a token valid for long and a next refresh planned. */
  async function expectRefreshedOnce(app: TestApp, worker: WorkerProcess, ids: string[], before: Record<string, number>): Promise<Row[]> {
    const after = await until(() => rows(app, ids), (rs) => rs.every((r) => r.version > before[r.id]), 45_000);
    const missing = after.filter((r) => r.version <= before[r.id]).length;
    if (missing) throw new Error(`${missing} connection(s) not refreshed; worker exit ${JSON.stringify(worker.exit())}, output:\n${worker.tail(60)}`);
    const now = Date.now();
    for (const r of after) {
      expect({ id: r.id, status: r.status, version: r.version, failures: r.refresh_failures }).toEqual({ id: r.id, status: 'active', version: before[r.id] + 1, failures: 0 });
      expect(new Date(r.expires_at).getTime()).toBeGreaterThan(now + 30 * 60_000);
      expect(r.next_refresh_at).not.toBeNull();
      expect(new Date(r.next_refresh_at!).getTime()).toBeGreaterThan(now);
    }
    return after;
  }

  /** The refresh token Postgres holds is one the emulator issued and still honours: nothing was lost. */
  async function expectStoredRefreshTokensWork(app: TestApp, f: ConnectFixture, stored: Row[]): Promise<void> {
    const box = app.app.get(SecretBox);
    for (const r of stored) {
      const refreshToken = box.decrypt(r.refresh_token_encrypted, tokenAad(r.customer_id, r.id, 'refresh_token'));
      const res = await fetch(`${emulator.url}/common/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: f.clientId,
          client_secret: f.clientSecret,
          refresh_token: refreshToken,
          scope: (r.requested_scopes ?? r.scopes).join(' '),
        }),
      });
      expect({ id: r.id, status: res.status }).toEqual({ id: r.id, status: 200 });
    }
  }

  it('SIGKILL mid-refresh: the next worker refreshes every connection once the lease lapses; no refresh token is lost', async () => {
    const f = await setupConnector(t, emulator);
    const ids = await connectMany(t, f);
    const env = workerEnv({ QUEUE_PREFIX: 'rs-kill' });
    const first = await startWorker(env);
    const before = await versions(t, ids);

    emulator.injectFaults({ kind: 'delay', delayMs: 8000, count: N, clientId: f.clientId, grantType: 'refresh_token' });
    await makeDue(t, ids);
    // Every refresh has reached Microsoft and none has been answered yet: kill the worker now.
    expect(await until(delaysLeft, (left) => left === 0, 20_000, 50)).toBe(0);
    expect(refreshesIssued(f)).toBe(0);
    // It dies holding a lease on every connection (and BullMQ's lock on every job).
    expect((await redis.keys('rs-kill:lock:refresh:*')).length).toBe(N);
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await versions(t, ids)).toEqual(before);

    const second = await startWorker(env);
    const after = await expectRefreshedOnce(t, second, ids, before);
    // Microsoft answered the killed worker's N calls too (nobody received those tokens) and the new worker's N.
    expect(await until(() => refreshesIssued(f), (n) => n >= 2 * N, 15_000)).toBe(2 * N);
    await new Promise((r) => setTimeout(r, 2500)); // a few more sweeps: nothing is refreshed twice
    expect(refreshesIssued(f)).toBe(2 * N);
    expect(await versions(t, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, before[id] + 1])));
    expect(second.exit()).toBeNull();
    expect(await redis.keys('rs-kill:lock:refresh:*')).toEqual([]);
    await expectStoredRefreshTokensWork(t, f, after);
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('SIGTERM: in-flight refreshes finish and are stored, the process exits 0, queued ones are left to the next worker', async () => {
    const f = await setupConnector(t, emulator);
    const ids = await connectMany(t, f);
    const inFlight = 3;
    const env = workerEnv({ QUEUE_PREFIX: 'rs-term', REFRESH_CONCURRENCY: String(inFlight) });
    const first = await startWorker(env);
    const before = await versions(t, ids);

    emulator.injectFaults({ kind: 'delay', delayMs: 3000, count: N, clientId: f.clientId, grantType: 'refresh_token' });
    await makeDue(t, ids);
    expect(await until(delaysLeft, (left) => left === N - inFlight, 20_000, 50)).toBe(N - inFlight);
    expect(refreshesIssued(f)).toBe(0);
    const stopping = Date.now();
    first.kill('SIGTERM');
    const exit = await Promise.race([first.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(20_000);
    // The refreshes that were in flight were answered and stored; the waiting ones were not started.
    const stored = await rows(t, ids);
    expect(stored.filter((r) => r.version === before[r.id] + 1)).toHaveLength(inFlight);
    expect(stored.filter((r) => r.version === before[r.id])).toHaveLength(N - inFlight);
    expect(refreshesIssued(f)).toBe(inFlight);

    emulator.clearFaults();
    const second = await startWorker(env);
    const after = await expectRefreshedOnce(t, second, ids, before);
    await new Promise((r) => setTimeout(r, 2500));
    expect(refreshesIssued(f)).toBe(N);
    expect(await versions(t, ids)).toEqual(Object.fromEntries(ids.map((id) => [id, before[id] + 1])));
    await expectStoredRefreshTokensWork(t, f, after);
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('Redis restart: the worker reconnects on its own, restores its schedulers and refreshes what was due', async () => {
    const f = await setupConnector(t, emulator);
    const ids = await connectMany(t, f);
    const privateRedis = await startRedis();
    const worker = await startWorker(workerEnv({ REDIS_URL: privateRedis.url, QUEUE_PREFIX: 'rs-redis' }));
    const before = await versions(t, ids);
    const queued = ids.slice(0, N / 2);
    const dueDuringOutage = ids.slice(N / 2);

    // Half are due in a few seconds: the sweep puts them in Redis as delayed jobs, which the restart then erases.
    await makeDue(t, queued, 6);
    const watcher = new Redis(privateRedis.url, { maxRetriesPerRequest: 1 });
    watcher.on('error', () => undefined);
    expect(await until(() => watcher.zcard(`rs-redis:${QUEUES.refresh}:delayed`), (n) => n === queued.length, 10_000)).toBe(queued.length);

    await privateRedis.kill();
    watcher.disconnect();
    await makeDue(t, dueDuringOutage);
    await new Promise((r) => setTimeout(r, 3000));
    expect(worker.exit()).toBeNull();
    await privateRedis.start();

    await expectRefreshedOnce(t, worker, ids, before);
    const fresh = new Redis(privateRedis.url);
    try {
      expect(await fresh.get(redisKeys('rs-redis').workerHeartbeat)).not.toBeNull();
      const schedulers = await fresh.keys(`rs-redis:${QUEUES.system}:repeat:*`);
      expect(schedulers.join(' ')).toContain(JOBS.sweepRefreshes);
    } finally {
      fresh.disconnect();
    }
    await new Promise((r) => setTimeout(r, 2500));
    expect(refreshesIssued(f)).toBe(N);
    expect(worker.exit()).toBeNull();
    worker.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('Postgres restart: refreshes due while the database is down are done once it is back', async () => {
    const pg = await startPostgres();
    const databaseUrl = await pg.createDatabase('latchkey_resilience');
    await runMigrations(databaseUrl);
    const app = await createTestApp({ ...microsoftEnv(), DATABASE_URL: databaseUrl });
    try {
      const f = await setupConnector(app, emulator);
      const ids = await connectMany(app, f);
      const worker = await startWorker(workerEnv({ DATABASE_URL: databaseUrl, QUEUE_PREFIX: 'rs-pg' }));
      const before = await versions(app, ids);
      const dueDuringOutage = ids.slice(0, N / 2);
      const dueAfter = ids.slice(N / 2);

      await makeDue(app, dueDuringOutage, 5);
      const dueAt = Math.max(...(await rows(app, dueDuringOutage)).map((r) => new Date(r.next_refresh_at!).getTime()));
      const delayed = () => redis.zcard(`rs-pg:${QUEUES.refresh}:delayed`);
      expect(await until(delayed, (n) => n === dueDuringOutage.length, 10_000)).toBe(dueDuringOutage.length);
      await pg.stop();
      expect(Date.now()).toBeLessThan(dueAt);
      // Their jobs come due and run while nothing can read or write a connection: they fail and are gone.
      expect(await until(delayed, (n) => n === 0, 15_000)).toBe(0);
      await new Promise((r) => setTimeout(r, Math.max(0, dueAt + 2000 - Date.now())));
      expect(worker.exit()).toBeNull();
      await pg.start();
      expect(await versions(app, ids)).toEqual(before);

      await makeDue(app, dueAfter);
      const after = await expectRefreshedOnce(app, worker, ids, before);
      await new Promise((r) => setTimeout(r, 2500));
      expect(refreshesIssued(f)).toBe(N);
      expect(worker.exit()).toBeNull();
      await expectStoredRefreshTokensWork(app, f, after);
      worker.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    } finally {
      await app.close();
    }
  }, 120_000);
});
