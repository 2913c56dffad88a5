import Redis from 'ioredis';
import { REDIS } from '@app/common';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';
import { createMember, MEMBER_PASSWORD } from '../../../test/console-helpers';

/** Sign-in and invite acceptance are rate limited per IP and per IP+email, across API instances; scrypt checks are bounded. */
describe('Sign-in rate limits and password check bounds (e2e)', () => {
  const prefix = `rl-${Date.now().toString(36)}`;
  const limits = { QUEUE_PREFIX: prefix, SIGN_IN_LIMIT_PER_IP: '6', SIGN_IN_LIMIT_PER_EMAIL: '3' };
  let seed: TestApp;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    seed = await createTestApp(); // unlimited: creates members without spending the limited instances' budget
    a = await createTestApp(limits);
    b = await createTestApp(limits);
  });
  afterAll(async () => {
    await seed?.close();
    await a?.close();
    await b?.close();
  });

  it('per IP+email, then per IP, across two API instances: 429 RATE_LIMITED with Retry-After; the token endpoint is not limited', async () => {
    const m = await createMember(seed);
    const signIn = (t: TestApp, email: string) => t.http().post('/v1/console/sign-in').send({ email, password: 'a wrong password here' });
    const statuses = [];
    for (const t of [a, b, a, b]) statuses.push((await signIn(t, m.email)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await signIn(a, m.email.toUpperCase());
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Blocked requests never reached the password check: the member is not locked by them.
    const [row] = await seed.db.query(`SELECT failed_sign_ins FROM members WHERE email = $1`, [m.email]);
    expect(row.failed_sign_ins).toBe(3);

    // Another email from the same IP is the 6th and last request the per-IP budget allows (blocked ones count).
    expect((await signIn(b, 'someone@else.example')).status).toBe(401);
    const invite = await b.http().post('/v1/console/invites/lk_inv_unknown/accept').send({ password: MEMBER_PASSWORD });
    expect(invite.status).toBe(429);
    expect(invite.body.code).toBe('RATE_LIMITED');

    const customer = await createCustomer(seed);
    for (let i = 0; i < 10; i++) {
      const token = await a.http().get('/v1/connections/00000000-0000-4000-8000-000000000000/token').set('Authorization', `Bearer ${customer.key}`);
      expect(token.status).toBe(404);
    }
    // The counters live under QUEUE_PREFIX, beside the deployment's other keys.
    const keys = await a.app.get<Redis>(REDIS).keys(`*:throttle:*`);
    expect(keys.filter((k) => k.startsWith(`{${prefix}:throttle:console:`)).length).toBeGreaterThanOrEqual(2);
  });

  it('scrypt checks beyond the bound and its queue are refused with 503 before they count against the member', async () => {
    const tight = await createTestApp({ PASSWORD_CHECK_CONCURRENCY: '1', PASSWORD_CHECK_QUEUE: '1' });
    try {
      const m = await createMember(seed);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => tight.http().post('/v1/console/sign-in').send({ email: m.email, password: 'a wrong password here' })),
      );
      const busy = answers.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0].body.code).toBe('SERVICE_UNAVAILABLE');
      expect(busy[0].headers['retry-after']).toBe('2');
      const checked = answers.filter((r) => r.status === 401).length;
      expect(checked + busy.length).toBe(6);
      const [row] = await seed.db.query(`SELECT failed_sign_ins FROM members WHERE email = $1`, [m.email]);
      expect(row.failed_sign_ins).toBe(checked);
      expect((await tight.http().post('/v1/console/sign-in').send({ email: m.email, password: MEMBER_PASSWORD })).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});
