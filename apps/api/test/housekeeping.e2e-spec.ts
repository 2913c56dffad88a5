import { HousekeepingService } from '@app/connect';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectSession, setupConnector, startFlow } from '../../../test/connect-helpers';
import { createMember } from '../../../test/console-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** The worker's periodic clean-up: abandoned attempts are closed, expired one-time records go. */
describe('Housekeeping (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let housekeeping: HousekeepingService;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, CONNECT_ATTEMPT_RETENTION_DAYS: '30' });
    f = await setupConnector(t, emulator);
    housekeeping = t.app.get(HousekeepingService);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('labels an attempt abandoned after an hour without a callback, and deletes expired states and sessions a day later', async () => {
    const stale = await connectSession(t, f);
    await startFlow(t, stale.token);
    const fresh = await connectSession(t, f);
    await startFlow(t, fresh.token);
    const attempts = async (endUserId: string) =>
      (await t.http().get(`/v1/connect-attempts?endUserId=${endUserId}`).set(f.auth)).body.data as Array<{ status: string; explanation: string | null }>;
    expect((await attempts(stale.endUserId))[0].status).toBe('pending');

    await t.db.query(`UPDATE connect_attempts SET created_at = now() - interval '61 minutes' WHERE end_user_id = $1`, [stale.endUserId]);
    await t.db.query(
      `UPDATE oauth_states SET expires_at = now() - interval '25 hours' WHERE connect_session_id = (SELECT id FROM connect_sessions WHERE end_user_id = $1)`,
      [stale.endUserId],
    );
    await t.db.query(`UPDATE connect_sessions SET expires_at = now() - interval '25 hours' WHERE end_user_id = $1`, [stale.endUserId]);
    const m = await createMember(t);
    await t.db.query(`UPDATE console_sessions SET last_seen_at = now() - interval '3 hours' WHERE customer_id = $1`, [m.customer.id]);

    const result = await housekeeping.run();
    expect(result).toMatchObject({ abandonedAttempts: expect.any(Number), oauthStates: expect.any(Number), connectSessions: expect.any(Number), consoleSessions: expect.any(Number) });
    for (const n of [result.abandonedAttempts, result.oauthStates, result.connectSessions, result.consoleSessions]) expect(n).toBeGreaterThanOrEqual(1);

    const [closed] = await attempts(stale.endUserId);
    expect(closed).toMatchObject({ status: 'abandoned', explanation: expect.stringMatching(/never came back from Microsoft/) });
    expect((await attempts(fresh.endUserId))[0].status).toBe('pending');
    expect((await t.http().get(`/v1/connect-attempts?status=abandoned&endUserId=${stale.endUserId}`).set(f.auth)).body.data).toHaveLength(1);
    const [{ count: sessions }] = await t.db.query(`SELECT count(*)::int AS count FROM connect_sessions WHERE end_user_id IN ($1, $2)`, [stale.endUserId, fresh.endUserId]);
    expect(sessions).toBe(1);
    const [{ count: consoleSessions }] = await t.db.query(`SELECT count(*)::int AS count FROM console_sessions WHERE customer_id = $1`, [m.customer.id]);
    expect(consoleSessions).toBe(0);

    // Idempotent: a second run finds nothing more of these.
    const again = await housekeeping.run();
    expect(again.abandonedAttempts + again.connectSessions).toBe(0);
  });

  it('deletes connect attempts older than the retention period (CONNECT_ATTEMPT_RETENTION_DAYS, 30 here)', async () => {
    const old = await connectSession(t, f);
    await startFlow(t, old.token);
    const kept = await connectSession(t, f);
    await startFlow(t, kept.token);
    await t.db.query(`UPDATE connect_attempts SET created_at = now() - interval '31 days' WHERE end_user_id = $1`, [old.endUserId]);
    await t.db.query(`UPDATE connect_attempts SET created_at = now() - interval '29 days' WHERE end_user_id = $1`, [kept.endUserId]);

    expect((await housekeeping.run()).expiredAttempts).toBeGreaterThanOrEqual(1);
    const listed = async (endUserId: string) => (await t.http().get(`/v1/connect-attempts?endUserId=${endUserId}`).set(f.auth)).body.data;
    expect(await listed(old.endUserId)).toEqual([]);
    expect(await listed(kept.endUserId)).toHaveLength(1);
  });
});
