import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectSession, setupConnector, startFlow } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/** Keyset cursors: strict about what they accept, exact about where they resume. */
describe('Pagination cursors (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    f = await setupConnector(t, emulator);
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.close();
  });

  it('pages through rows whose created_at differ by microseconds, each once', async () => {
    const users: string[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await connectSession(t, f);
      await startFlow(t, s.token);
      users.push(s.endUserId);
    }
    // Same millisecond, different microseconds: a cursor rounded to a JS Date would skip or repeat some.
    for (const [i, endUserId] of users.entries()) {
      await t.db.query(`UPDATE connect_attempts SET created_at = $2::timestamptz WHERE customer_id = $1 AND end_user_id = $3`, [
        f.customer.id,
        `2026-11-01T10:00:00.123${100 + i * 200}Z`,
        endUserId,
      ]);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: unknown; nextCursor: string | null } } = await t.http().get('/v1/connect-attempts').query(cursor ? { limit: 1, cursor } : { limit: 1 }).set(f.auth);
      expect(res.body).toMatchObject({ data: expect.any(Array) });
      seen.push(...(res.body.data as Array<{ endUserId: string }>).map((a) => a.endUserId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...users].reverse());
  });

  it.each([
    ['not base64url', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['no id', Buffer.from(JSON.stringify({ createdAt: '2026-11-01T10:00:00Z' })).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify({ createdAt: '2026-11-01T10:00:00Z', id: 'x'.repeat(36) })).toString('base64url')],
    ['an impossible day', Buffer.from(JSON.stringify({ createdAt: '2026-02-31 10:00:00+00', id: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b' })).toString('base64url')],
    ['extra fields', Buffer.from(JSON.stringify({ createdAt: '2026-11-01T10:00:00Z', id: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b', x: 1 })).toString('base64url')],
  ])('a cursor with %s is a 400 naming the cursor parameter', async (_, cursor) => {
    for (const path of ['/v1/connect-attempts', '/v1/connections']) {
      const res = await t.http().get(path).query({ cursor }).set(f.auth).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body)).toContain('cursor');
    }
  });
});
