import { SecretBox } from '@app/common';
import { tokenAad } from '@app/common';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import {
  callback,
  connectEndToEnd,
  connectSession,
  disconnectFromCatalog,
  consent,
  ConnectFixture,
  openCatalog,
  RETURN_ORIGIN,
  setupConnector,
  startFlow,
} from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

describe('Connect flow against the Microsoft emulator (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  });
  beforeEach(async () => {
    f = await setupConnector(t, emulator);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  async function attempts(fixture = f) {
    return (await t.http().get('/v1/connect-attempts').set(fixture.auth)).body.data as Array<Record<string, unknown>>;
  }
  async function connections(fixture = f) {
    return (await t.http().get('/v1/connections').set(fixture.auth)).body.data as Array<Record<string, any>>;
  }

  it('session -> catalog -> authorize -> consent -> callback -> connection stored encrypted and listed', async () => {
    const session = await connectSession(t, f, { id: 'user-1', email: 'jane@contoso.example', displayName: 'Jane' });
    expect(session.url).toBe(`http://localhost:3000/connect/${session.token}`);
    expect(session.token).toMatch(/^lk_cs_[A-Za-z0-9_-]{43}$/);

    const catalog = await t.http().get(`/connect/${session.token}`);
    expect(catalog.status).toBe(200);
    expect(catalog.text).toContain('Connecting an Outlook account for <strong>Jane (jane@contoso.example)</strong>');
    const sessionCookie = ([] as string[]).concat(catalog.headers['set-cookie'] ?? []).join(';');
    expect(sessionCookie).toMatch(new RegExp(`^lk_cs=[A-Za-z0-9_-]{43}; Max-Age=\\d+; Path=/connect/${session.token}; Expires=.*; HttpOnly; SameSite=Lax$`));
    expect(catalog.headers['content-security-policy']).toContain("script-src 'self'");
    expect(catalog.text).toContain('Not connected');
    expect(catalog.text).not.toMatch(/<script(?![^>]*src=)/);

    const started = await startFlow(t, session.token, sessionCookie.split(';')[0]);
    const q = started.authorizeUrl.searchParams;
    expect(started.authorizeUrl.origin + started.authorizeUrl.pathname).toBe(`${emulator.url}/common/oauth2/v2.0/authorize`);
    expect(q.get('client_id')).toBe(f.clientId);
    expect(q.get('redirect_uri')).toBe(`http://localhost:3000/oauth/callback/${f.customer.slug}`);
    expect(q.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['offline_access', 'openid', 'Mail.Read']));
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('prompt')).toBe('select_account');
    expect(q.get('login_hint')).toBe('jane@contoso.example');
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(started.cookie).toMatch(/^lk_flow_[0-9a-f]{16}=/);

    const redirect = await consent(started, 'work');
    expect(redirect.searchParams.get('state')).toBe(started.state);
    const res = await callback(t, redirect, started.cookie);
    expect(res.status).toBe(200);
    expect(res.headers['x-latchkey-result']).toBe('connected');
    expect(res.text).toContain('Connected');

    const list = await connections();
    expect(list).toHaveLength(1);
    const c = list[0];
    expect(c).toMatchObject({ status: 'active', endUser: { id: 'user-1', email: 'jane@contoso.example', displayName: 'Jane' }, account: { type: 'work_or_school' } });
    expect(c.account.label).toMatch(/@/);
    expect(c.scopes).toEqual(expect.arrayContaining(['Mail.Read']));
    const expiresIn = (Date.parse(c.tokenExpiresAt) - Date.now()) / 1000;
    expect(expiresIn).toBeGreaterThan(3000);
    expect(expiresIn).toBeLessThanOrEqual(5400);
    expect(JSON.stringify(c)).not.toMatch(/token"\s*:\s*"[^"]{20,}/i);

    const [row] = await t.db.query('SELECT * FROM connections WHERE id = $1', [c.id]);
    expect(row.access_token_encrypted).toMatch(/^v1\.k2\./);
    const box = new SecretBox(t.config.encryptionKeys);
    const access = box.decrypt(row.access_token_encrypted, tokenAad(f.customer.id, c.id, 'access_token'));
    const refresh = box.decrypt(row.refresh_token_encrypted, tokenAad(f.customer.id, c.id, 'refresh_token'));
    expect(access.length).toBeGreaterThan(10);
    expect(refresh.length).toBeGreaterThan(10);
    expect(JSON.stringify(row)).not.toContain(access);
    expect(JSON.stringify(row)).not.toContain(refresh);
    // The access token really works at Graph.
    const me = await fetch(`${emulator.url}/v1.0/me`, { headers: { Authorization: `Bearer ${access}` } });
    expect(me.status).toBe(200);

    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ status: 'connected', connectionId: c.id, endUserId: 'user-1' });

    const byId = await t.http().get(`/v1/connections/${c.id}`).set(f.auth);
    expect(byId.status).toBe(200);
    expect(byId.body.id).toBe(c.id);
    const catalogAfter = await openCatalog(t, session.token);
    expect(catalogAfter.text).toContain(c.account.label);
  });

  it('identifies a personal account (tid consumers) and a guest', async () => {
    const personal = await connectEndToEnd(t, f, 'personal', 'p-user');
    expect(personal.res.headers['x-latchkey-result']).toBe('connected');
    const guest = await connectEndToEnd(t, f, 'guest', 'g-user');
    expect(guest.res.headers['x-latchkey-result']).toBe('connected');
    const list = await connections();
    const p = list.find((c) => c.endUser.id === 'p-user')!;
    expect(p.account).toMatchObject({ type: 'personal', tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' });
    expect(list.find((c) => c.endUser.id === 'g-user')!.account.type).toBe('work_or_school');
  });

  it('reconnecting the same account updates the same connection; another account replaces it unless several are allowed', async () => {
    const first = await connectEndToEnd(t, f, 'work', 'u-re');
    const [before] = await connections();
    const again = await connectEndToEnd(t, f, 'work', 'u-re');
    expect(again.res.headers['x-latchkey-result']).toBe('connected');
    let list = await connections();
    expect(list).toHaveLength(1);
    expect(list[0].id).toBe(before.id);
    const [row] = await t.db.query('SELECT version FROM connections WHERE id = $1', [before.id]);
    expect(row.version).toBe(2);

    await connectEndToEnd(t, f, 'personal', 'u-re');
    list = await connections();
    expect(list).toHaveLength(1);
    expect(list[0].id).toBe(before.id);
    expect(list[0].account.type).toBe('personal');

    await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ multipleAccounts: true });
    await connectEndToEnd(t, f, 'work', 'u-re');
    list = await connections();
    expect(list).toHaveLength(2);
    expect(first.res.status).toBe(200);
  });

  it('records a decline and shows the end user what happened', async () => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    const redirect = await consent(started, 'work', 'decline');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    const res = await callback(t, redirect, started.cookie);
    expect(res.status).toBe(200);
    expect(res.headers['x-latchkey-result']).toBe('declined');
    expect(res.text).toContain('declined');
    expect(await connections()).toHaveLength(0);
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ status: 'declined', error: 'access_denied', errorCode: 'AADSTS65004' });
  });

  describe('refuses bad state without creating or changing a connection', () => {
    it('missing state', async () => {
      const res = await t.http().get(`/oauth/callback/${f.customer.slug}?code=abc`);
      expect(res.status).toBe(400);
      expect(res.headers['x-latchkey-reason']).toBe('state_missing');
      expect(res.headers['content-type']).toContain('text/html');
    });

    it('unknown state', async () => {
      const res = await t.http().get(`/oauth/callback/${f.customer.slug}?code=abc&state=${'x'.repeat(43)}`);
      expect(res.status).toBe(400);
      expect(res.headers['x-latchkey-reason']).toBe('state_unknown');
    });

    it('replayed state', async () => {
      const session = await connectSession(t, f);
      const started = await startFlow(t, session.token);
      const redirect = await consent(started);
      expect((await callback(t, redirect, started.cookie)).headers['x-latchkey-result']).toBe('connected');
      const replay = await callback(t, redirect, started.cookie);
      expect(replay.status).toBe(400);
      expect(replay.headers['x-latchkey-reason']).toBe('state_replayed');
      expect(await connections()).toHaveLength(1);
    });

    it('expired state', async () => {
      const session = await connectSession(t, f);
      const started = await startFlow(t, session.token);
      const redirect = await consent(started);
      await t.db.query(`UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE customer_id = $1`, [f.customer.id]);
      const res = await callback(t, redirect, started.cookie);
      expect(res.status).toBe(400);
      expect(res.headers['x-latchkey-reason']).toBe('state_expired');
      expect(await connections()).toHaveLength(0);
      expect((await attempts())[0]).toMatchObject({ status: 'failed', error: 'state_expired' });
    });

    it("a state used on another customer's callback path", async () => {
      const other = await setupConnector(t, emulator);
      const session = await connectSession(t, f);
      const started = await startFlow(t, session.token);
      const redirect = await consent(started);
      const res = await t.http().get(`/oauth/callback/${other.customer.slug}${redirect.search}`).set('Cookie', started.cookie);
      expect(res.status).toBe(400);
      expect(res.headers['x-latchkey-reason']).toBe('state_foreign');
      expect(await connections()).toHaveLength(0);
      expect(await connections(other)).toHaveLength(0);
      // The legitimate callback still works: the foreign attempt did not burn the state.
      expect((await callback(t, redirect, started.cookie)).headers['x-latchkey-result']).toBe('connected');
    });

    it('a callback in another browser (no binding cookie): login CSRF', async () => {
      const session = await connectSession(t, f);
      const started = await startFlow(t, session.token);
      const redirect = await consent(started);
      const res = await callback(t, redirect, null);
      expect(res.status).toBe(400);
      expect(res.headers['x-latchkey-reason']).toBe('browser_mismatch');
      const forged = await callback(t, redirect, started.cookie.replace(/=.*/, '=forged'));
      expect(forged.headers['x-latchkey-reason']).toBe('state_replayed');
      expect(await connections()).toHaveLength(0);
    });
  });

  it.each([
    ['consent_required', 'AADSTS90094: Admin consent is required.', 'AADSTS90094', 'administrator'],
    ['access_denied', 'AADSTS90095: Admin consent workflow.', 'AADSTS90095', 'administrator'],
    ['interaction_required', 'AADSTS50076: MFA required.', 'AADSTS50076', 'extra sign-in step'],
    ['temporarily_unavailable', 'AADSTS90033: try later.', 'AADSTS90033', 'temporarily unavailable'],
  ])("Microsoft's %s redirect (%s) is explained in words", async (error, description, code, words) => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    const q = new URLSearchParams({ error, error_description: description, state: started.state });
    const res = await t.http().get(`/oauth/callback/${f.customer.slug}?${q}`).set('Cookie', started.cookie);
    expect(res.status).toBe(200);
    expect(['failed', 'declined']).toContain(res.headers['x-latchkey-result']);
    expect(res.text).toContain(words);
    expect((await attempts())[0]).toMatchObject({ error, errorCode: code });
    expect(await connections()).toHaveLength(0);
  });

  it('PKCE mismatch fails with AADSTS501481 and no connection', async () => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    const redirect = await consent(started);
    const box = new SecretBox(t.config.encryptionKeys);
    const [state] = await t.db.query('SELECT id FROM oauth_states WHERE customer_id = $1', [f.customer.id]);
    await t.db.query('UPDATE oauth_states SET code_verifier_encrypted = $1 WHERE id = $2', [
      box.encrypt('a'.repeat(43), `oauth_state:${state.id}:code_verifier`),
      state.id,
    ]);
    const res = await callback(t, redirect, started.cookie);
    expect(res.headers['x-latchkey-result']).toBe('failed');
    expect(await connections()).toHaveLength(0);
    expect((await attempts())[0]).toMatchObject({ status: 'failed', errorCode: 'AADSTS501481' });
  });

  it('a wrong client secret is explained to the customer (AADSTS7000215)', async () => {
    await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientSecret: 'Wrong~secret-value-0123456789' });
    const { res } = await connectEndToEnd(t, f);
    expect(res.headers['x-latchkey-result']).toBe('failed');
    expect(res.text).toContain('setup problem');
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ status: 'failed', error: 'invalid_client', errorCode: 'AADSTS7000215' });
    expect(attempt.explanation).toContain('secret ID');
    expect(JSON.stringify(attempt)).not.toContain('Wrong~secret');
  });

  it('an expired code fails (AADSTS70008)', async () => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    const redirect = await consent(started);
    emulator.setClockOffset(11 * 60_000);
    try {
      const res = await callback(t, redirect, started.cookie);
      expect(res.headers['x-latchkey-result']).toBe('failed');
    } finally {
      emulator.setClockOffset(0);
    }
    expect((await attempts())[0]).toMatchObject({ status: 'failed', errorCode: 'AADSTS70008' });
    expect(await connections()).toHaveLength(0);
  });

  it('a missing refresh token says offline_access was not granted', async () => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    const scopes = started.authorizeUrl.searchParams.get('scope')!.split(' ').filter((s) => s !== 'offline_access');
    started.authorizeUrl.searchParams.set('scope', scopes.join(' '));
    const redirect = await consent(started);
    const res = await callback(t, redirect, started.cookie);
    expect(res.headers['x-latchkey-result']).toBe('failed');
    expect((await attempts())[0]).toMatchObject({ status: 'failed', error: 'no_refresh_token' });
    expect((await attempts())[0].explanation).toContain('offline_access');
    expect(await connections()).toHaveLength(0);
  });

  it('disconnects through the API and through the catalog', async () => {
    await connectEndToEnd(t, f, 'work', 'd-user');
    let [c] = await connections();
    expect((await t.http().delete(`/v1/connections/${c.id}`).set(f.auth)).status).toBe(204);
    expect((await t.db.query('SELECT count(*)::int AS n FROM connections WHERE id = $1', [c.id]))[0].n).toBe(0);
    expect((await t.http().get(`/v1/connections/${c.id}`).set(f.auth)).status).toBe(404);

    const { session } = await connectEndToEnd(t, f, 'work', 'd-user');
    [c] = await connections();
    // Only from the catalog page of the browser the session is bound to: no CSRF token, or another browser, is refused.
    const bare = await t.http().post(`/connect/${session.token}/connections/${c.id}/disconnect`);
    expect(bare.status).toBe(403);
    const page = await openCatalog(t, session.token);
    const noToken = await t.http().post(`/connect/${session.token}/connections/${c.id}/disconnect`).type('form').set('Cookie', page.sessionCookie).send({ csrf: 'x' });
    expect(noToken.status).toBe(403);
    const stranger = await t.http().post(`/connect/${session.token}/connections/${c.id}/disconnect`).type('form').set('Cookie', 'lk_cs=someone-else').send({ csrf: page.csrf! });
    expect(stranger.status).toBe(403);
    expect(await connections()).toHaveLength(1);
    const res = await disconnectFromCatalog(t, session.token, c.id);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/connect/${session.token}?flash=disconnected`);
    expect(await connections()).toHaveLength(0);
  });

  it('keeps tenants apart: connections and attempts of one customer are invisible to another', async () => {
    await connectEndToEnd(t, f, 'work', 'iso-user');
    const [c] = await connections();
    const other = await setupConnector(t, emulator);
    expect(await connections(other)).toHaveLength(0);
    expect(await attempts(other)).toHaveLength(0);
    for (const req of [t.http().get(`/v1/connections/${c.id}`), t.http().delete(`/v1/connections/${c.id}`)]) {
      const res = await req.set(other.auth);
      expect(res.status).toBe(404);
      expect(res.body.detail).toBe('Connection was not found');
    }
    const otherSession = await connectSession(t, other);
    const res = await disconnectFromCatalog(t, otherSession.token, c.id);
    expect(res.status).toBe(404);
    expect(await connections()).toHaveLength(1);
  });

  it('an expired or unknown connect session shows a clear page', async () => {
    const session = await connectSession(t, f);
    await t.db.query(`UPDATE connect_sessions SET expires_at = now() - interval '1 second' WHERE customer_id = $1`, [f.customer.id]);
    for (const path of [`/connect/${session.token}`, `/connect/${session.token}/outlook-email/start`]) {
      const res = await t.http().get(path);
      expect(res.status).toBe(410);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('expired');
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const unknown = await t.http().get(`/connect/lk_cs_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-latchkey-reason']).toBe('session_unknown');
  });

  describe('a forwarded link cannot start a flow for someone else', () => {
    it('binds the session to the first browser; another browser gets a 403 page; GET /start and a POST without the CSRF token start nothing', async () => {
      const session = await connectSession(t, f, { id: 'owner', email: 'jane@contoso.example' });
      const owner = await openCatalog(t, session.token);
      expect(owner.status).toBe(200);
      expect(owner.csrf).toBeTruthy();

      const other = await t.http().get(`/connect/${session.token}`);
      expect(other.status).toBe(403);
      expect(other.headers['content-type']).toContain('text/html');
      expect(other.headers['x-latchkey-reason']).toBe('session_foreign');
      expect(other.headers['set-cookie']).toBeUndefined();
      expect(other.text).toContain('This link belongs to someone else');
      expect(other.text).toContain('already opened in another browser');
      const forged = await t.http().get(`/connect/${session.token}`).set('Cookie', 'lk_cs=guessed');
      expect(forged.status).toBe(403);

      const byLink = await t.http().get(`/connect/${session.token}/outlook-email/start`).set('Cookie', owner.sessionCookie);
      expect(byLink.status).toBe(405);
      expect(byLink.headers.allow).toBe('POST');
      expect(byLink.headers['x-latchkey-reason']).toBe('use_catalog');
      expect(byLink.headers.location).toBeUndefined();

      const post = (cookie: string | null, form: Record<string, string>) => {
        const req = t.http().post(`/connect/${session.token}/outlook-email/start`).type('form');
        return (cookie ? req.set('Cookie', cookie) : req).send(form);
      };
      const noCookie = await post(null, { csrf: owner.csrf! });
      expect([noCookie.status, noCookie.headers['x-latchkey-reason']]).toEqual([403, 'session_foreign']);
      const noCsrf = await post(owner.sessionCookie, {});
      expect([noCsrf.status, noCsrf.headers['x-latchkey-reason']]).toEqual([403, 'csrf_invalid']);
      const wrongCsrf = await post(owner.sessionCookie, { csrf: owner.csrf!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
      expect([wrongCsrf.status, wrongCsrf.headers['x-latchkey-reason']]).toEqual([403, 'csrf_invalid']);
      expect(await attempts()).toHaveLength(0);

      // The owner's browser still works, and Microsoft is told who the account is for.
      const started = await startFlow(t, session.token);
      expect(started.authorizeUrl.searchParams.get('login_hint')).toBe('jane@contoso.example');
      expect((await callback(t, await consent(started), started.cookie)).headers['x-latchkey-result']).toBe('connected');
    });

    it('says whom the account is connected for, by name and email or by id', async () => {
      const named = await connectSession(t, f, { id: 'u-named', displayName: 'Jane <Doe>' });
      expect((await openCatalog(t, named.token)).text).toContain('Connecting an Outlook account for <strong>Jane &lt;Doe&gt;</strong>');
      const bare = await connectSession(t, f, { id: 'crm-4711' });
      expect((await openCatalog(t, bare.token)).text).toContain('Connecting an Outlook account for <strong>crm-4711</strong>');
    });

    it('bounds the connect attempts one session can start (20), then shows a clear page', async () => {
      const session = await connectSession(t, f);
      for (let i = 0; i < 20; i++) await startFlow(t, session.token);
      const page = await openCatalog(t, session.token);
      const res = await t.http().post(`/connect/${session.token}/outlook-email/start`).type('form').set('Cookie', page.sessionCookie).send({ csrf: page.csrf! });
      expect(res.status).toBe(429);
      expect(res.headers['x-latchkey-reason']).toBe('too_many_attempts');
      expect(res.text).toContain('Too many attempts with this link');
      expect(await attempts()).toHaveLength(20);
    });
  });

  it('two tabs connect one after the other: finishing one clears only its own binding cookie', async () => {
    const session = await connectSession(t, f, { id: 'two-tabs' });
    const tab1 = await startFlow(t, session.token);
    const tab2 = await startFlow(t, session.token);
    const browserCookies = `${tab1.cookie}; ${tab2.cookie}`;
    const first = await callback(t, await consent(tab1), browserCookies);
    expect(first.headers['x-latchkey-result']).toBe('connected');
    const cleared = ([] as string[]).concat(first.headers['set-cookie'] ?? []).map((c) => c.split('=')[0]);
    expect(cleared).toEqual([tab1.cookie.split('=')[0]]);
    const second = await callback(t, await consent(tab2, 'personal'), tab2.cookie);
    expect(second.headers['x-latchkey-result']).toBe('connected');
  });

  it('two callbacks finishing at once for one end user (multipleAccounts false) end with one connection', async () => {
    const a = await connectSession(t, f, { id: 'racer' });
    const b = await connectSession(t, f, { id: 'racer' });
    const [startedA, startedB] = [await startFlow(t, a.token), await startFlow(t, b.token)];
    const [redirectA, redirectB] = [await consent(startedA, 'work'), await consent(startedB, 'personal')];
    // Hold both callbacks just before they write, so they really overlap.
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE connections IN EXCLUSIVE MODE');
    const both = Promise.all([callback(t, redirectA, startedA.cookie), callback(t, redirectB, startedB.cookie)].map((r) => r.then((x) => x)));
    try {
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type IN ('Lock', 'Advisory')`);
        if (n >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    const results = await both;
    expect(results.map((r) => [r.status, r.headers['x-latchkey-result']])).toEqual([
      [200, 'connected'],
      [200, 'connected'],
    ]);
    const list = (await connections()).filter((c) => c.endUser.id === 'racer');
    expect(list).toHaveLength(1);
  });

  it('refuses an ID token without the nonce that was sent', async () => {
    const session = await connectSession(t, f);
    const started = await startFlow(t, session.token);
    started.authorizeUrl.searchParams.delete('nonce');
    const res = await callback(t, await consent(started), started.cookie);
    expect(res.headers['x-latchkey-result']).toBe('failed');
    expect((await attempts())[0]).toMatchObject({ status: 'failed', error: 'id_token_invalid' });
    expect((await attempts())[0].explanation).toContain('nonce');
    expect(await connections()).toHaveLength(0);
  });

  it('validates connect sessions: returnUrl origin must be allowed', async () => {
    const bad = await t.http().post('/v1/connect-sessions').set(f.auth).send({ endUser: { id: 'u' }, returnUrl: 'https://evil.example/x' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('RETURN_URL_NOT_ALLOWED');
    const js = await t.http().post('/v1/connect-sessions').set(f.auth).send({ endUser: { id: 'u' }, returnUrl: 'javascript:alert(1)' });
    expect(js.status).toBe(400);
    const ok = await t.http().post('/v1/connect-sessions').set(f.auth).send({ endUser: { id: 'u' }, returnUrl: `${RETURN_ORIGIN}/done?x=1` });
    expect(ok.status).toBe(201);
    const noUser = await t.http().post('/v1/connect-sessions').set(f.auth).send({ endUser: { email: 'not-an-email' } });
    expect(noUser.status).toBe(400);
    expect([...new Set(noUser.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['endUser.email', 'endUser.id']);
    const [row] = await t.db.query('SELECT token_hash FROM connect_sessions WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 1', [f.customer.id]);
    expect(row.token_hash).not.toContain(ok.body.token);
  });
});
