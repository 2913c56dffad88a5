import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { callback, connectSession, consent, setupConnector, startFlow } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** MICROSOFT_GRAPH_URL (here the emulator) is the Graph resource: for `.default` and for qualified scopes. */
describe('Graph resource from MICROSOFT_GRAPH_URL (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('.default is stored short, asked for as <graph>/.default, connects, and refreshes', async () => {
    const f = await setupConnector(t, emulator, { connector: { scopes: ['.default'] } });
    const connector = await t.http().get('/v1/connectors/outlook-email').set(f.auth);
    expect(connector.body.scopes).toEqual(['offline_access', '.default']);

    const session = await connectSession(t, f, { id: 'default-user' });
    const started = await startFlow(t, session.token);
    expect(started.authorizeUrl.searchParams.get('scope')!.split(' ')).toContain(`${new URL(emulator.url).origin}/.default`);
    const res = await callback(t, await consent(started), started.cookie);
    expect(res.status).toBeLessThan(400);

    const conn = (await t.http().get('/v1/connections?endUserId=default-user').set(f.auth)).body.data[0];
    expect(conn.status).toBe('active');
    expect(conn.missingScopes).toEqual([]);
    // A refresh sends the qualified .default too (the emulator would answer a token for another resource otherwise).
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [conn.id]);
    const token = await t.http().get(`/v1/connections/${conn.id}/token`).set(f.auth);
    expect(token.status).toBe(200);
    const me = await fetch(`${emulator.url}/v1.0/me`, { headers: { Authorization: `Bearer ${token.body.accessToken}` } });
    expect(me.status).toBe(200);
  });

  it('accepts a scope qualified with the configured Graph host (stored short) and refuses one of another cloud, naming it', async () => {
    const qualified = `${new URL(emulator.url).origin}/Mail.Read`;
    const f = await setupConnector(t, emulator, { connector: { scopes: ['openid', qualified, 'User.Read'] } });
    expect((await t.http().get('/v1/connectors/outlook-email').set(f.auth)).body.scopes).toEqual(['offline_access', 'openid', 'Mail.Read', 'User.Read']);
    const refused = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ scopes: ['https://graph.microsoft.com/Mail.Read'] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: 'other_cloud', value: 'https://graph.microsoft.com/Mail.Read' });
  });
});
