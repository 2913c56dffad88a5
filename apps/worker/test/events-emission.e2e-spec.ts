import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { TEST_ENV } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

interface Row {
  type: string;
  connection_id: string | null;
  data: Record<string, any>;
}

/** The worker's refreshes emit their events in the transaction of the change: stopped, recovered, connector flagged. */
describe('Events emitted by the worker (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let worker: INestApplicationContext;
  let f: ConnectFixture;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const env = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, REFRESH_SWEEP_INTERVAL_SECONDS: '1', REFRESH_JITTER_SECONDS: '0', REFRESH_FULL_SWEEP_SECONDS: '1' };
    t = await createTestApp(env);
    f = await setupConnector(t, emulator);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...TEST_ENV, ...env })), { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await emulator?.close();
  });
  afterEach(async () => {
    for (const user of ['work', 'personal']) await fetch(`${emulator.url}/_emulator/users/${user}/refresh-error`, { method: 'DELETE' });
  });

  const control = (path: string, body: unknown) =>
    fetch(`${emulator.url}/_emulator${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const row = async (id: string) => (await t.db.query('SELECT * FROM connections WHERE id = $1', [id]))[0];
  const due = (id: string) => t.db.query(`UPDATE connections SET next_refresh_at = now(), expires_at = now() + interval '9 minutes' WHERE id = $1`, [id]);
  const eventsOf = (type: string): Promise<Row[]> =>
    t.db.query(`SELECT type, connection_id, data FROM events WHERE customer_id = $1 AND type = $2 ORDER BY created_at`, [f.customer.id, type]);

  async function newConnection(user: 'work' | 'personal'): Promise<string> {
    const endUserId = `e-${Math.random().toString(36).slice(2, 8)}`;
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

  it('a transient failure then a success emits connection.recovered once, with the failed attempts', async () => {
    const id = await newConnection('work');
    await control('/users/work/refresh-error', { error: 'invalid_request', code: 4242424 });
    await due(id);
    const failed = await until(() => row(id), (r) => r.refresh_failures > 0);
    expect(failed.refresh_failures).toBe(1);
    expect(await eventsOf('connection.recovered')).toEqual([]);
    await fetch(`${emulator.url}/_emulator/users/work/refresh-error`, { method: 'DELETE' });
    await due(id);
    const [recovered, ...more] = await until(() => eventsOf('connection.recovered'), (es) => es.length > 0);
    expect(more).toEqual([]);
    expect(recovered).toMatchObject({ connection_id: id, data: { failedAttempts: 1, connection: { id, status: 'active', refreshFailures: 0 } } });
  });

  it('an organisation that disabled the app emits connection.needs_reauth whose view says tenant_blocked', async () => {
    const id = await newConnection('work');
    await control('/users/work/refresh-error', { error: 'unauthorized_client', code: 7000112 });
    await due(id);
    const [stopped] = await until(() => eventsOf('connection.needs_reauth'), (es) => es.some((e) => e.connection_id === id));
    expect(stopped).toMatchObject({
      connection_id: id,
      data: { microsoftError: 'AADSTS7000112', reason: expect.stringMatching(/disabled your app/), connection: { id, status: 'tenant_blocked', statusCode: 'AADSTS7000112' } },
    });
    const stored = await row(id);
    expect(stored.refresh_token_encrypted).toEqual(expect.any(String));
    expect(JSON.stringify(stopped.data)).not.toContain(stored.refresh_token_encrypted);
  });

  it('a confirmed credential error emits connector.misconfigured once, with the reason and no secret', async () => {
    const first = await newConnection('work');
    await newConnection('personal');
    await control(`/apps/${f.clientId}/expire-secret`, {});
    await due(first);
    const [flagged] = await until(() => eventsOf('connector.misconfigured'), (es) => es.length > 0);
    expect(flagged).toMatchObject({ connection_id: null, data: { microsoftError: 'AADSTS7000222', reason: expect.any(String), connector: { kind: 'outlook-email' } } });
    expect(JSON.stringify(flagged.data)).not.toContain(f.clientSecret);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await eventsOf('connector.misconfigured')).toHaveLength(1);
  });
});
