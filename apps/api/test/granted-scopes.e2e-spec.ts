import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** Granted scopes versus the connector's: a connection missing one shows it, in its view, its history and the connector's. */
describe('Granted scopes (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    f = await setupConnector(t, emulator);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  const scopeEvents = async (id: string) =>
    (await t.http().get(`/v1/connections/${id}/events`).set(f.auth)).body.data.filter((e: { code: string | null }) => e.code?.startsWith('scopes_'));

  it('a scope the connector added later shows as missing after a refresh, once, and clears on reconnect', async () => {
    await connectEndToEnd(t, f, 'work', 'scopes-user');
    const id = (await t.http().get('/v1/connections?endUserId=scopes-user').set(f.auth)).body.data[0].id;
    expect((await t.http().get(`/v1/connections/${id}`).set(f.auth)).body.missingScopes).toEqual([]);
    expect((await t.http().get('/v1/connectors/outlook-email').set(f.auth)).body.connectionsMissingScopes).toBe(0);

    // The connector now asks for Mail.Send; the connection's grant predates it, so a refresh does not get it.
    const put = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ scopes: ['openid', 'profile', 'email', 'User.Read', 'Mail.Read', 'Mail.Send'] });
    expect(put.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      await t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [id]);
      expect((await t.http().get(`/v1/connections/${id}/token`).set(f.auth)).status).toBe(200);
    }
    const conn = await t.http().get(`/v1/connections/${id}`).set(f.auth);
    expect(conn.body.missingScopes).toEqual(['Mail.Send']);
    const connector = await t.http().get('/v1/connectors/outlook-email').set(f.auth);
    expect(connector.body.connectionsMissingScopes).toBe(1);
    expect(connector.body.warnings.map((w: { code: string }) => w.code)).toContain('connections_missing_scopes');
    // Two refreshes, one change: one event.
    const events = await scopeEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'active', code: 'scopes_missing' });
    expect(events[0].reason).toContain('Mail.Send');

    // Reconnecting asks for the connector's scopes again: granted, the warning and the count go.
    await connectEndToEnd(t, f, 'work', 'scopes-user');
    expect((await t.http().get(`/v1/connections/${id}`).set(f.auth)).body.missingScopes).toEqual([]);
    expect((await t.http().get('/v1/connectors/outlook-email').set(f.auth)).body.connectionsMissingScopes).toBe(0);
    expect((await scopeEvents(id))[0]).toMatchObject({ code: 'scopes_granted' });
  });
});
