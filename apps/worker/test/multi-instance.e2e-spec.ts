import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { ApiProcess, startApi, startWorker, stopAllProcesses, until, WorkerProcess } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';

/**
 * Two API processes and two worker processes (real children, as production runs them) against one Postgres, one
 * Redis and the Microsoft emulator: each due refresh happens once across both workers, a token stampede across both
 * APIs costs Microsoft one refresh, and a key revoked on one API is refused by the other within a second.
 */
describe('More than one instance (e2e, real processes)', () => {
  const N = 50;
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let ids: string[];
  let apis: ApiProcess[];
  let workers: WorkerProcess[];

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const microsoftEnv = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url };
    // The in-process API only seeds (customer, connector, connections); the children do the work under test.
    t = await createTestApp(microsoftEnv);
    f = await setupConnector(t, emulator);
    for (let i = 0; i < N; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, N - i) }, async (_, j) => {
          const { res } = await connectEndToEnd(t, f, 'work', `mi-${i + j}-${Math.random().toString(36).slice(2, 8)}`);
          if (res.status >= 400) throw new Error(`connect: ${res.status} ${res.text.slice(0, 200)}`);
        }),
      );
    }
    ids = (await t.db.query('SELECT id FROM connections WHERE customer_id = $1 ORDER BY id', [f.customer.id])).map((r: { id: string }) => r.id);

    const env = { ...TEST_ENV, ...microsoftEnv, QUEUE_PREFIX: `mi-${Date.now().toString(36)}` };
    const workerEnv = {
      ...env,
      REFRESH_SWEEP_INTERVAL_SECONDS: '1',
      REFRESH_FULL_SWEEP_SECONDS: '1',
      REFRESH_JITTER_SECONDS: '0',
      // With 50 due at once, neither worker can take them all in one go: both must do a share.
      REFRESH_CONCURRENCY: '10',
      // "Token refreshed" is a debug line: it tells which worker refreshed which connection.
      LOG_LEVEL: 'debug',
    };
    [apis, workers] = await Promise.all([
      Promise.all([startApi(env, 90_000), startApi(env, 90_000)]),
      Promise.all([startWorker(workerEnv, 90_000), startWorker(workerEnv, 90_000)]),
    ]);
  }, 180_000);

  afterAll(async () => {
    await stopAllProcesses();
    await t?.close();
    await emulator?.close();
  });

  const versions = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await t.db.query('SELECT id, version FROM connections WHERE id = ANY($1)', [ids])).map((r: { id: string; version: number }) => [r.id, r.version]));

  /** Refresh-token grants the emulator counted for this customer's app (every outcome: each one is a call to Microsoft). */
  async function refreshGrants(): Promise<{ all: number; success: number }> {
    const counters = await (await fetch(`${emulator.url}/_emulator/counters`)).json();
    const mine = counters.token.byClientId[f.clientId];
    const success = emulator.tokenRequests().filter((r) => r.clientId === f.clientId && r.grantType === 'refresh_token' && r.outcome === 'success').length;
    return { all: mine?.byGrantType.refresh_token ?? 0, success };
  }

  const refreshedBy = (w: WorkerProcess) => w.logs().filter((l) => l.msg === 'Token refreshed').map((l) => l.connectionId as string);

  it('two workers refresh every due connection exactly once', async () => {
    expect(ids).toHaveLength(N);
    const before = await versions();
    emulator.resetCounters();
    // Each refresh takes a moment at Microsoft, as it does for real, so the work overlaps in time.
    emulator.injectFaults({ kind: 'delay', delayMs: 300, count: N, clientId: f.clientId, grantType: 'refresh_token' });
    await t.db.query(`UPDATE connections SET next_refresh_at = now() + interval '2 seconds' WHERE id = ANY($1)`, [ids]);

    const after = await until(versions, (v) => ids.every((id) => v[id] > before[id]), 60_000);
    const late = ids.filter((id) => after[id] <= before[id]);
    if (late.length) throw new Error(`${late.length} not refreshed; worker output:\n${workers.map((w) => w.tail(30)).join('\n---\n')}`);
    // A few more sweeps by both workers: a duplicate would show up here.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await versions()).toEqual(Object.fromEntries(ids.map((id) => [id, before[id] + 1])));
    expect(await refreshGrants()).toEqual({ all: N, success: N });
    const [one, two] = workers.map(refreshedBy);
    expect([...one, ...two].sort()).toEqual([...ids].sort());
    // Both took a share: the work is really spread, not done by whichever started first.
    expect(Math.min(one.length, two.length)).toBeGreaterThan(0);
    expect(workers.map((w) => w.exit())).toEqual([null, null]);
    emulator.clearFaults();
  }, 90_000);

  it('100 concurrent token requests across both APIs on an expired connection cause one refresh', async () => {
    const id = ids[0];
    const before = (await versions())[id];
    await t.db.query(`UPDATE connections SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    emulator.resetCounters();

    const answers = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await fetch(`${apis[i % 2].url}/v1/connections/${id}/token`, { headers: f.auth });
        return { status: res.status, body: (await res.json()) as { accessToken?: string; code?: string; detail?: string } };
      }),
    );
    // The first few refusals in full, so a failure says why.
    expect(answers.filter((a) => a.status !== 200).slice(0, 3)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.accessToken)).size).toBe(1);
    expect(await refreshGrants()).toEqual({ all: 1, success: 1 });
    expect((await versions())[id]).toBe(before + 1);
  }, 60_000);

  it('an API key revoked through one API is refused by the other within a second', async () => {
    const [one, two] = apis;
    const created = await fetch(`${one.url}/v1/api-keys`, {
      method: 'POST',
      headers: { ...f.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'multi-instance' }),
    });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; secret: string };
    const list = (api: ApiProcess) => fetch(`${api.url}/v1/api-keys`, { headers: { Authorization: `Bearer ${key.secret}` } }).then((r) => r.status);
    // Both APIs have now authenticated the key, so both hold it in their cache.
    expect([await list(one), await list(two)]).toEqual([200, 200]);
    expect([await list(one), await list(two)]).toEqual([200, 200]);

    const revoked = await fetch(`${one.url}/v1/api-keys/${key.id}`, { method: 'DELETE', headers: f.auth });
    expect(revoked.status).toBe(200);
    const at = Date.now();
    expect(await until(() => list(two), (s) => s === 401, 5_000, 25)).toBe(401);
    expect(Date.now() - at).toBeLessThan(1000);
    expect(await list(one)).toBe(401);
  }, 30_000);
});
