import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { TEST_ENV } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

/** Refresh failures stay where they belong: one connection, or (confirmed) the whole connector. */
describe('Refresh failures (e2e)', () => {
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
  const connector = async () => (await t.db.query('SELECT * FROM connectors WHERE customer_id = $1', [f.customer.id]))[0];
  const due = (id: string) => t.db.query(`UPDATE connections SET next_refresh_at = now(), expires_at = now() + interval '9 minutes' WHERE id = $1`, [id]);

  async function newConnection(user: 'work' | 'personal'): Promise<string> {
    const endUserId = `f-${Math.random().toString(36).slice(2, 8)}`;
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

  it('an organisation that disabled the app (AADSTS7000112) blocks that connection alone; others keep refreshing', async () => {
    const blocked = await newConnection('work');
    const other = await newConnection('personal');
    await control('/users/work/refresh-error', { error: 'unauthorized_client', code: 7000112 });
    await due(blocked);
    const after = await until(() => row(blocked), (r) => r.status !== 'active');
    expect(after).toMatchObject({ status: "tenant_blocked", status_code: "AADSTS7000112", next_refresh_at: null });
    expect(after.status_reason).toMatch(/disabled your app/);
    expect((await connector()).misconfigured_at).toBeNull();

    const before = await row(other);
    await due(other);
    expect((await until(() => row(other), (r) => r.version > before.version)).version).toBe(before.version + 1);

    const token = await t.http().get(`/v1/connections/${blocked}/token`).set(f.auth).expect(409);
    expect(token.body).toMatchObject({ code: 'CONNECTION_TENANT_BLOCKED', microsoftError: 'AADSTS7000112' });
    const view = await t.http().get(`/v1/connections/${blocked}`).set(f.auth).expect(200);
    expect(view.body).toMatchObject({ status: 'tenant_blocked', statusCode: 'AADSTS7000112' });
    const listed = await t.http().get('/v1/connections?status=tenant_blocked').set(f.auth).expect(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([blocked]);
    const events = await t.db.query(`SELECT status, code FROM connection_events WHERE connection_id = $1`, [blocked]);
    expect(events).toContainEqual({ status: 'tenant_blocked', code: 'AADSTS7000112' });
  });

  it('an unrecognised error is transient for that connection, never connector-wide', async () => {
    const id = await newConnection('work');
    await control('/users/work/refresh-error', { error: 'invalid_request', code: 4242424 });
    await due(id);
    const after = await until(() => row(id), (r) => r.refresh_failures > 0);
    expect(after).toMatchObject({ status: 'active', refresh_failures: 1 });
    expect(new Date(after.next_refresh_at).getTime()).toBeGreaterThan(Date.now());
    expect((await connector()).misconfigured_at).toBeNull();
  });

  it('a credential error on one connection that a second connection does not confirm stays that connection\'s own', async () => {
    const failing = await newConnection('work');
    const second = await newConnection('personal');
    const before = await row(second);
    await control('/users/work/refresh-error', { error: 'invalid_client', code: 7000215, status: 401 });
    await due(failing);
    const after = await until(() => row(failing), (r) => r.refresh_failures > 0);
    expect(after).toMatchObject({ status: 'active' });
    expect((await connector()).misconfigured_at).toBeNull();
    // The confirmation refreshed the second connection through the normal store path.
    expect((await row(second)).version).toBeGreaterThan(before.version);
  });

  it('a connection whose connector switched apps is skipped, and refreshes again once the ids match', async () => {
    const id = await newConnection('work');
    await t.db.query(`UPDATE connections SET client_id = '00000000-0000-0000-0000-00000000abcd' WHERE id = $1`, [id]);
    await due(id);
    const skipped = await until(() => row(id), (r) => r.refresh_failures > 0);
    expect(skipped).toMatchObject({ status: 'active' });
    expect(skipped.last_refresh_error).toMatch(/^app_changed: /);

    await t.db.query(`UPDATE connections SET client_id = $2, next_refresh_at = now() WHERE id = $1`, [id, f.clientId]);
    const refreshed = await until(() => row(id), (r) => r.version > skipped.version);
    expect(refreshed).toMatchObject({ status: 'active', refresh_failures: 0, last_refresh_error: null });
  });

  it('a credential error confirmed by a second connection flags the connector', async () => {
    const first = await newConnection('work');
    await newConnection('personal');
    await control(`/apps/${f.clientId}/expire-secret`, {});
    await due(first);
    const flagged = await until(connector, (k) => k.misconfigured_at !== null);
    expect(flagged.misconfigured_code).toBe('AADSTS7000222');
    expect((await row(first)).status).toBe('active');
  });
});
