import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** What the console's Connections page reads: search, status filter and each connection's status history. */
describe('Connections: search and status history (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  const prefix = `srch-${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    f = await setupConnector(t, emulator, { connector: {} });
    await connectEndToEnd(t, f, 'work', `${prefix}-Alice`);
    await connectEndToEnd(t, f, 'personal', `${prefix}-bob_100%`);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  const search = async (q: string, extra = '') =>
    (await t.http().get(`/v1/connections?search=${encodeURIComponent(q)}${extra}`).set(f.auth)).body.data.map((c: { endUser: { id: string } }) => c.endUser.id).sort();

  it('searches end user ids and Microsoft accounts case-insensitively; % and _ are literal', async () => {
    expect(await search(prefix.toUpperCase())).toEqual([`${prefix}-Alice`, `${prefix}-bob_100%`]);
    expect(await search('alice')).toEqual([`${prefix}-Alice`]);
    expect(await search('_100%')).toEqual([`${prefix}-bob_100%`]);
    expect(await search('%')).toEqual([`${prefix}-bob_100%`]);
    const work = (await t.http().get(`/v1/connections?endUserId=${prefix}-Alice`).set(f.auth)).body.data[0];
    expect(await search(work.account.label.slice(0, 5).toUpperCase())).toContain(`${prefix}-Alice`);
    expect(await search(prefix, '&status=needs_reauth')).toEqual([]);
    const tooLong = await t.http().get(`/v1/connections?search=${'x'.repeat(201)}`).set(f.auth);
    expect(tooLong.status).toBe(400);
  });

  it('searches connect attempts the same way', async () => {
    const attempts = async (q: string) =>
      (await t.http().get(`/v1/connect-attempts?search=${encodeURIComponent(q)}`).set(f.auth)).body.data.map((a: { endUserId: string }) => a.endUserId).sort();
    expect(await attempts(`${prefix}-ALICE`)).toEqual([`${prefix}-Alice`]);
    expect(await attempts('_100%')).toEqual([`${prefix}-bob_100%`]);
    expect(await attempts('no-such-user-anywhere')).toEqual([]);
  });

  it("lists a connection's status history, newest first, with the reason Microsoft gave", async () => {
    const id = (await t.http().get(`/v1/connections?endUserId=${encodeURIComponent(`${prefix}-bob_100%`)}`).set(f.auth)).body.data[0].id;
    emulator.revokeUserGrant('personal', f.clientId);
    await t.db.query(`UPDATE connections SET expires_at = now() + interval '10 seconds' WHERE id = $1`, [id]);
    const token = await t.http().get(`/v1/connections/${id}/token`).set(f.auth);
    expect(token.status).toBe(409);

    const events = await t.http().get(`/v1/connections/${id}/events`).set(f.auth);
    expect(events.status).toBe(200);
    expect(events.body.data).toEqual([
      { id: expect.any(String), status: 'needs_reauth', code: 'AADSTS65001', reason: expect.stringMatching(/consent/i), at: expect.any(String) },
      { id: expect.any(String), status: 'connected', code: null, reason: 'Connected as sam.taylor@outlook.example', at: expect.any(String) },
    ]);
    const other = await setupConnector(t, emulator);
    expect((await t.http().get(`/v1/connections/${id}/events`).set(other.auth)).status).toBe(404);
  });
});
