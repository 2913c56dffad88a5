import { randomUUID } from 'node:crypto';
import { PasswordHasher } from '@app/common';
import { createCustomer, createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';
import { createMember, inviteTokenOf, MEMBER_PASSWORD, sessionCookie } from '../../../test/console-helpers';

/** Admin console sign-in: invites, scrypt passwords, cookie sessions, CSRF, lockout, tenancy. */
describe('Console sign-in and sessions (e2e)', () => {
  let t: TestApp;
  const ORIGIN = 'http://localhost:3000';

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const inviteToken = inviteTokenOf;
  const accept = (token: string, password: string) => t.http().post('/v1/console/invites/accept').send({ token, password });

  it('the operator creates a customer with its first member; the invite sets a password once and signs in', async () => {
    const slug = `inv-${Date.now().toString(36)}`;
    const created = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Invited Inc.', slug, adminEmail: 'Admin@Invited.Example' });
    expect(created.status).toBe(201);
    expect(created.body.invite).toEqual({ email: 'admin@invited.example', url: expect.stringMatching(/^http:\/\/localhost:3000\/console\/invite#token=lk_inv_[\w-]{43}$/), expiresAt: expect.any(String) });
    const token = inviteToken(created.body.invite.url);

    const described = await t.http().post('/v1/console/invites/lookup').send({ token });
    expect(described.status).toBe(200);
    expect(described.body).toEqual({ email: 'admin@invited.example', customerName: 'Invited Inc.', expiresAt: created.body.invite.expiresAt });
    // Links issued before the token moved to the fragment keep working.
    expect((await t.http().get(`/v1/console/invites/${token}`)).body).toEqual(described.body);

    const weak = await accept(token, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'weak_password', message: 'must be at least 12 characters' })]);

    const accepted = await accept(token, MEMBER_PASSWORD);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ signedIn: true, member: { id: expect.any(String), email: 'admin@invited.example' }, customer: { id: created.body.id, name: 'Invited Inc.', slug }, csrfToken: expect.any(String) });
    const setCookie = ([] as string[]).concat(accepted.headers['set-cookie'])[0];
    expect(setCookie).toMatch(/^lk_console=lk_console_[\w-]{43}; Max-Age=43200; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    expect(accepted.headers['cache-control']).toBe('no-store');

    const again = await accept(token, MEMBER_PASSWORD);
    expect(again.status).toBe(404);
    expect((await t.http().post(`/v1/console/invites/${token}/accept`).send({ password: MEMBER_PASSWORD })).status).toBe(404);
    expect(again.body.code).toBe('INVITE_NOT_FOUND');

    const [row] = await t.db.query(`SELECT password_hash, invite_token_hash FROM members WHERE email = 'admin@invited.example'`);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(MEMBER_PASSWORD);
    expect(row.invite_token_hash).toBeNull();
    const [session] = await t.db.query(`SELECT token_hash FROM console_sessions WHERE member_id = $1`, [accepted.body.member.id]);
    expect(setCookie).not.toContain(session.token_hash);
  });

  it('signs in with the password (email case-insensitive); wrong and unknown get the same 401', async () => {
    const m = await createMember(t);
    const ok = await t.http().post('/v1/console/sign-in').set('Origin', ORIGIN).send({ email: m.email.toUpperCase(), password: MEMBER_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.customer.id).toBe(m.customer.id);
    expect(sessionCookie(ok.headers['set-cookie'])).not.toBe(m.cookie);

    const wrong = await t.http().post('/v1/console/sign-in').send({ email: m.email, password: 'not the password at all' });
    const unknown = await t.http().post('/v1/console/sign-in').send({ email: 'nobody@nowhere.example', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.detail).toBe(wrong.body.detail);

    const invalid = await t.http().post('/v1/console/sign-in').send({ email: 'not-an-email', password: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('locks the account after 5 wrong passwords in a row, with Retry-After, even for the right password', async () => {
    const m = await createMember(t);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.http().post('/v1/console/sign-in').send({ email: m.email, password: `wrong password ${i}` })).status);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const locked = await t.http().post('/v1/console/sign-in').send({ email: m.email, password: MEMBER_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.body.detail).toMatch(/locked for 1[45] more minute/);

    await t.db.query(`UPDATE members SET locked_until = now() - interval '1 second' WHERE email = $1`, [m.email]);
    const after = await t.http().post('/v1/console/sign-in').send({ email: m.email, password: MEMBER_PASSWORD });
    expect(after.status).toBe(200);
    const [row] = await t.db.query(`SELECT failed_sign_ins FROM members WHERE email = $1`, [m.email]);
    expect(row.failed_sign_ins).toBe(0);
  });

  it('20 parallel wrong guesses: exactly 5 passwords are checked, the rest are refused as locked', async () => {
    const m = await createMember(t);
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http().post('/v1/console/sign-in').send({ email: m.email, password: `parallel wrong guess ${i}` })),
      );
      expect(verify).toHaveBeenCalledTimes(5);
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(16);
      const [row] = await t.db.query(`SELECT failed_sign_ins, locked_until > now() AS locked FROM members WHERE email = $1`, [m.email]);
      expect(row).toEqual({ failed_sign_ins: 5, locked: true });
    } finally {
      verify.mockRestore();
    }
  });

  it('the session authorises the customer API; state changes need the CSRF token and a same-origin page', async () => {
    const m = await createMember(t);
    const get = await t.http().get('/v1/connectors/outlook-email').set('Cookie', m.cookie);
    expect(get.status).toBe(200);

    const body = { clientId: randomUUID(), clientType: 'public', displayName: 'Outlook (console)' };
    const noCsrf = await t.http().put('/v1/connectors/outlook-email').set('Cookie', m.cookie).set('Origin', ORIGIN).send(body);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrongCsrf = await t.http().put('/v1/connectors/outlook-email').set('Cookie', m.cookie).set('Origin', ORIGIN).set('X-CSRF-Token', 'x'.repeat(43)).send(body);
    expect(wrongCsrf.status).toBe(403);
    const crossSite = await t.http().put('/v1/connectors/outlook-email').set('Cookie', m.cookie).set('Origin', 'https://evil.example').set('X-CSRF-Token', m.csrfToken).send(body);
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('CROSS_ORIGIN_REQUEST');
    const fetchSite = await t.http().post('/v1/api-keys').set('Cookie', m.cookie).set('Sec-Fetch-Site', 'cross-site').set('X-CSRF-Token', m.csrfToken).send({ name: 'x' });
    expect(fetchSite.status).toBe(403);

    const ok = await t.http().put('/v1/connectors/outlook-email').set('Cookie', m.cookie).set(m.unsafe).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body.displayName).toBe('Outlook (console)');

    const session = await t.http().get('/v1/console/session').set('Cookie', m.cookie);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ signedIn: true, member: { id: expect.any(String), email: m.email }, customer: expect.objectContaining({ id: m.customer.id }), csrfToken: m.csrfToken });

    const created = await t.http().post('/v1/api-keys').set('Cookie', m.cookie).set(m.unsafe).send({ name: 'from the console' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^lk_sk_/);
  });

  it('a console session sees only its own customer', async () => {
    const m = await createMember(t);
    const other = await createCustomer(t);
    const otherKeys = await t.http().get('/v1/api-keys').set('Authorization', `Bearer ${other.key}`);
    const revoke = await t.http().delete(`/v1/api-keys/${otherKeys.body.data[0].id}`).set('Cookie', m.cookie).set(m.unsafe);
    expect(revoke.status).toBe(404);
    const mine = await t.http().get('/v1/api-keys').set('Cookie', m.cookie);
    expect(mine.body.data.map((k: { id: string }) => k.id)).not.toContain(otherKeys.body.data[0].id);
  });

  it('sign-out ends the session at once; an expired or idle session gets SESSION_EXPIRED', async () => {
    const m = await createMember(t);
    const noCsrf = await t.http().post('/v1/console/sign-out').set('Cookie', m.cookie).set('Origin', ORIGIN);
    expect(noCsrf.status).toBe(403);
    const out = await t.http().post('/v1/console/sign-out').set('Cookie', m.cookie).set(m.unsafe);
    expect(out.status).toBe(204);
    expect(([] as string[]).concat(out.headers['set-cookie'])[0]).toMatch(/^lk_console=; Path=\/; Expires=Thu, 01 Jan 1970/);
    const after = await t.http().get('/v1/connectors/outlook-email').set('Cookie', m.cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');

    const idle = await createMember(t);
    await t.db.query(`UPDATE console_sessions SET last_seen_at = now() - interval '3 hours' WHERE customer_id = $1`, [idle.customer.id]);
    expect((await t.http().get('/v1/connectors/outlook-email').set('Cookie', idle.cookie)).body.code).toBe('SESSION_EXPIRED');
    expect((await t.http().get('/v1/console/session').set('Cookie', idle.cookie)).body).toEqual({ signedIn: false });
    const old = await createMember(t);
    await t.db.query(`UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE customer_id = $1`, [old.customer.id]);
    expect((await t.http().get('/v1/connectors/outlook-email').set('Cookie', old.cookie)).status).toBe(401);
    const signedOut = await t.http().get('/v1/console/session').set('Cookie', old.cookie);
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toEqual({ signedIn: false });
  });

  it('API keys keep working beside sessions and have no console session', async () => {
    const m = await createMember(t);
    const withKey = await t.http().get('/v1/console/session').set('Authorization', `Bearer ${m.customer.key}`);
    expect(withKey.status).toBe(403);
    // A backend's bearer key wins over any cookie, and needs no CSRF token.
    const put = await t.http().put('/v1/connectors/outlook-email').set('Authorization', `Bearer ${m.customer.key}`).send({ clientId: randomUUID(), clientType: 'public', displayName: 'By key' });
    expect(put.status).toBe(200);
    const none = await t.http().get('/v1/connectors/outlook-email');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
  });

  it('operator invites: a new link for a member doubles as a reset; an email of another customer is refused', async () => {
    const a = await createMember(t);
    const b = await createMember(t);
    const reset = await t.http().post(`/v1/customers/${a.customer.id}/invites`).set('Authorization', OPERATOR_AUTH).send({ email: a.email });
    expect(reset.status).toBe(201);
    const accepted = await accept(inviteToken(reset.body.url), 'a brand new passphrase');
    expect(accepted.status).toBe(200);
    expect((await t.http().post('/v1/console/sign-in').send({ email: a.email, password: MEMBER_PASSWORD })).status).toBe(401);

    const taken = await t.http().post(`/v1/customers/${a.customer.id}/invites`).set('Authorization', OPERATOR_AUTH).send({ email: b.email });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'EMAIL_TAKEN', errors: [{ field: 'email', code: 'taken' }] });
    const unknown = await t.http().post('/v1/customers/00000000-0000-4000-8000-000000000000/invites').set('Authorization', OPERATOR_AUTH).send({ email: 'x@y.example' });
    expect(unknown.status).toBe(404);
    const bad = await t.http().post('/v1/console/invites/lookup').send({ token: 'lk_inv_nope' });
    expect(bad.status).toBe(404);
    expect(bad.body.code).toBe('INVITE_NOT_FOUND');
    const noToken = await t.http().post('/v1/console/invites/accept').send({ password: MEMBER_PASSWORD });
    expect(noToken.status).toBe(400);
    expect(noToken.body.errors.map((e: { field: string }) => e.field)).toContain('token');
  });

  it('accepting a new invite (a password reset) ends every other session of that member', async () => {
    const m = await createMember(t);
    const other = await t.http().post('/v1/console/sign-in').send({ email: m.email, password: MEMBER_PASSWORD });
    const otherCookie = sessionCookie(other.headers['set-cookie']);
    const reset = await t.http().post(`/v1/customers/${m.customer.id}/invites`).set('Authorization', OPERATOR_AUTH).send({ email: m.email });
    const accepted = await accept(inviteToken(reset.body.url), 'the reset passphrase');
    expect(accepted.status).toBe(200);
    for (const old of [m.cookie, otherCookie]) {
      expect((await t.http().get('/v1/connectors/outlook-email').set('Cookie', old)).body.code).toBe('SESSION_EXPIRED');
    }
    expect((await t.http().get('/v1/connectors/outlook-email').set('Cookie', sessionCookie(accepted.headers['set-cookie']))).status).toBe(200);
  });

  it('the operator lists and removes members; a removed member is signed out at once', async () => {
    const m = await createMember(t);
    const invited = await t.http().post(`/v1/customers/${m.customer.id}/invites`).set('Authorization', OPERATOR_AUTH).send({ email: `second@${m.customer.slug}.example` });
    expect(invited.status).toBe(201);
    const listed = await t.http().get(`/v1/customers/${m.customer.id}/members`).set('Authorization', OPERATOR_AUTH);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      { id: expect.any(String), email: m.email, status: 'active', lockedUntil: null, lastSignInAt: null, createdAt: expect.any(String) },
      { id: expect.any(String), email: `second@${m.customer.slug}.example`, status: 'invited', lockedUntil: null, lastSignInAt: null, createdAt: expect.any(String) },
    ]);
    expect((await t.http().get(`/v1/customers/${m.customer.id}/members`).set('Cookie', m.cookie)).status).toBe(401);

    const memberId = listed.body.data[0].id;
    const other = await createCustomer(t);
    expect((await t.http().delete(`/v1/customers/${other.id}/members/${memberId}`).set('Authorization', OPERATOR_AUTH)).status).toBe(404);
    const removed = await t.http().delete(`/v1/customers/${m.customer.id}/members/${memberId}`).set('Authorization', OPERATOR_AUTH);
    expect(removed.status).toBe(204);
    expect((await t.http().get('/v1/connectors/outlook-email').set('Cookie', m.cookie)).status).toBe(401);
    expect((await t.http().post('/v1/console/sign-in').send({ email: m.email, password: MEMBER_PASSWORD })).status).toBe(401);
    const again = await t.http().delete(`/v1/customers/${m.customer.id}/members/${memberId}`).set('Authorization', OPERATOR_AUTH);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NOT_FOUND');
    // The pending invite of the removed member's colleague is untouched.
    expect((await t.http().post('/v1/console/invites/lookup').send({ token: inviteToken(invited.body.url) })).status).toBe(200);
  });

  it('over https the cookie is __Host- prefixed and Secure', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://latchkey.example' });
    try {
      const slug = `sec-${Date.now().toString(36)}`;
      const created = await secure.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Secure', slug, adminEmail: `a@${slug}.example` });
      const accepted = await secure.http().post('/v1/console/invites/accept').send({ token: inviteToken(created.body.invite.url), password: MEMBER_PASSWORD });
      expect(([] as string[]).concat(accepted.headers['set-cookie'])[0]).toMatch(/^__Host-lk_console=.+; Path=\/; .*HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      await secure.close();
    }
  });
});
