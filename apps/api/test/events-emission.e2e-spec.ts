import { ConnectorsRepository, SecretExpiryNotices } from '@app/connectors';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, disconnectFromCatalog, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

interface Row {
  type: string;
  connection_id: string | null;
  data: Record<string, any>;
}

/** Each change appends its event to the outbox (the events table) in its own transaction, with views only. */
describe('Events emitted by each change (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  const prefix = `evt-${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    f = await setupConnector(t, emulator, { connector: {} });
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  const events = async (): Promise<Row[]> =>
    t.db.query(`SELECT type, connection_id, data FROM events WHERE customer_id = $1 ORDER BY created_at, id`, [f.customer.id]);
  const since = async (n: number) => (await events()).slice(n);
  const connectionOf = async (endUserId: string): Promise<string> =>
    (await t.db.query(`SELECT id FROM connections WHERE customer_id = $1 AND end_user_id = $2`, [f.customer.id, endUserId]))[0].id;
  const token = async (id: string) => (await t.http().get(`/v1/connections/${id}/token`).set(f.auth)).body;

  it('connection.created, then connection.reconnected for the same end user, with the view and no token', async () => {
    await connectEndToEnd(t, f, 'work', `${prefix}-a`);
    const id = await connectionOf(`${prefix}-a`);
    const [created] = await events();
    expect(created).toMatchObject({ type: 'connection.created', connection_id: id, data: { connection: { id, status: 'active', endUser: { id: `${prefix}-a` } } } });
    const n = (await events()).length;
    await connectEndToEnd(t, f, 'work', `${prefix}-a`);
    await connectEndToEnd(t, f, 'personal', `${prefix}-a`);
    const [same, replaced] = await since(n);
    expect(same).toMatchObject({ type: 'connection.reconnected', connection_id: id, data: { replacedAccount: false, connection: { id } } });
    expect(replaced).toMatchObject({ type: 'connection.reconnected', connection_id: id, data: { replacedAccount: true, connection: { id, account: { type: 'personal' } } } });
    const { accessToken } = await token(id);
    expect(accessToken).toEqual(expect.any(String));
    const stored = (await t.db.query(`SELECT access_token_encrypted, refresh_token_encrypted FROM connections WHERE id = $1`, [id]))[0];
    for (const e of await events()) {
      const text = JSON.stringify(e.data);
      expect(text).not.toContain(accessToken);
      expect(text).not.toContain(stored.access_token_encrypted);
      expect(text).not.toContain(stored.refresh_token_encrypted);
      expect(text).not.toMatch(/refreshToken|accessToken|clientSecret"/);
    }
  });

  it('connection.recovered after failed attempts, connection.needs_reauth when Microsoft refuses', async () => {
    await connectEndToEnd(t, f, 'work', `${prefix}-b`);
    const id = await connectionOf(`${prefix}-b`);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '10 seconds', next_refresh_at = now(), refresh_failures = 2 WHERE id = $1`, [id]);
    let n = (await events()).length;
    expect((await token(id)).accessToken).toEqual(expect.any(String));
    expect(await since(n)).toEqual([
      { type: 'connection.recovered', connection_id: id, data: expect.objectContaining({ failedAttempts: 2, connection: expect.objectContaining({ id, refreshFailures: 0 }) }) },
    ]);
    const history = await t.db.query(`SELECT reason FROM connection_events WHERE connection_id = $1 AND reason LIKE 'Refreshed after%'`, [id]);
    expect(history).toHaveLength(1);

    // A refresh with nothing to record emits nothing.
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '10 seconds' WHERE id = $1`, [id]);
    n = (await events()).length;
    expect((await token(id)).accessToken).toEqual(expect.any(String));
    expect(await since(n)).toEqual([]);

    emulator.revokeUserGrant('work', f.clientId);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '10 seconds' WHERE id = $1`, [id]);
    expect((await t.http().get(`/v1/connections/${id}/token`).set(f.auth)).status).toBe(409);
    const [stopped, ...rest] = await since(n);
    expect(rest).toEqual([]);
    expect(stopped).toMatchObject({
      type: 'connection.needs_reauth',
      connection_id: id,
      data: { reason: expect.any(String), microsoftError: expect.stringMatching(/^AADSTS|invalid_grant/), connection: { id, status: 'needs_reauth' } },
    });
  });

  it('connection.deleted by the API and by the end user in the catalog, with the last view', async () => {
    await connectEndToEnd(t, f, 'work', `${prefix}-c`);
    const viaApi = await connectionOf(`${prefix}-c`);
    let n = (await events()).length;
    expect((await t.http().delete(`/v1/connections/${viaApi}`).set(f.auth)).status).toBe(204);
    expect(await since(n)).toEqual([{ type: 'connection.deleted', connection_id: viaApi, data: expect.objectContaining({ deletedBy: 'api', connection: expect.objectContaining({ id: viaApi }) }) }]);
    n = (await events()).length;
    expect((await t.http().delete(`/v1/connections/${viaApi}`).set(f.auth)).status).toBe(404);
    expect(await since(n)).toEqual([]);

    const { session } = await connectEndToEnd(t, f, 'work', `${prefix}-d`);
    const mine = await connectionOf(`${prefix}-d`);
    n = (await events()).length;
    const res = await disconnectFromCatalog(t, session.token, mine);
    expect(res.status).toBeLessThan(400);
    expect(await since(n)).toEqual([{ type: 'connection.deleted', connection_id: mine, data: expect.objectContaining({ deletedBy: 'end_user', connection: expect.objectContaining({ id: mine }) }) }]);
  });

  it('a change whose event cannot be written is rolled back with it (one transaction)', async () => {
    await connectEndToEnd(t, f, 'work', `${prefix}-e`);
    const id = await connectionOf(`${prefix}-e`);
    const n = (await events()).length;
    // Makes this customer's connection.deleted insert fail, as a crash between the two writes would.
    const constraint = `no_delete_event_${prefix.replace('-', '_')}`;
    await t.db.query(`ALTER TABLE events ADD CONSTRAINT ${constraint} CHECK (type <> 'connection.deleted' OR customer_id <> '${f.customer.id}') NOT VALID`);
    try {
      expect((await t.http().delete(`/v1/connections/${id}`).set(f.auth)).status).toBeGreaterThanOrEqual(500);
    } finally {
      await t.db.query(`ALTER TABLE events DROP CONSTRAINT ${constraint}`);
    }
    expect(await t.db.query(`SELECT id FROM connections WHERE id = $1`, [id])).toHaveLength(1);
    expect(await since(n)).toEqual([]);
  });

  it('connector.misconfigured and connector.recovered on the transitions only, without the secret', async () => {
    const repo = t.app.get(ConnectorsRepository);
    const [{ id: connectorId }] = await t.db.query(`SELECT id FROM connectors WHERE customer_id = $1`, [f.customer.id]);
    const connectionId = await connectionOf(`${prefix}-b`);
    const n = (await events()).length;
    await repo.flagMisconfigured(f.customer.id, connectorId, { code: 'AADSTS7000215', reason: 'Invalid client secret.', connectionId });
    await repo.flagMisconfigured(f.customer.id, connectorId, { code: 'AADSTS7000222', reason: 'Expired client secret.', connectionId });
    await repo.clearMisconfigured(f.customer.id, connectorId);
    await repo.clearMisconfigured(f.customer.id, connectorId);
    const added = await since(n);
    expect(added.map((e) => e.type)).toEqual(['connector.misconfigured', 'connector.recovered']);
    expect(added[0].data).toMatchObject({ reason: 'Invalid client secret.', microsoftError: 'AADSTS7000215', connector: { id: connectorId, kind: 'outlook-email' } });
    expect(added[1].data.connector.warnings.map((w: { code: string }) => w.code)).not.toContain('connector_misconfigured');
    for (const e of added) expect(JSON.stringify(e.data)).not.toContain(f.clientSecret);
  });

  it('connector.secret_expiring once per threshold, again for a new expiry', async () => {
    const notices = t.app.get(SecretExpiryNotices);
    const expiring = () => events().then((all) => all.filter((e) => e.type === 'connector.secret_expiring'));
    await t.db.query(`UPDATE connectors SET client_secret_expires_at = now() + interval '20 days' WHERE customer_id = $1`, [f.customer.id]);
    await notices.run();
    await Promise.all([notices.run(), notices.run()]);
    expect((await expiring()).map((e) => e.data.threshold)).toEqual([30]);
    await t.db.query(`UPDATE connectors SET client_secret_expires_at = now() + interval '5 days 1 hour' WHERE customer_id = $1`, [f.customer.id]);
    await Promise.all([notices.run(), notices.run()]);
    const all = await expiring();
    expect(all.map((e) => e.data.threshold)).toEqual([30, 7]);
    expect(all[1].data).toMatchObject({ daysLeft: 5, threshold: 7, expiresAt: expect.any(String), connector: { kind: 'outlook-email' } });
    expect(JSON.stringify(all[1].data)).not.toContain(f.clientSecret);
  });
});
