import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import {
  authorize,
  authorizeUrl,
  CONFIDENTIAL_APP,
  codeGrant,
  expectAadError,
  getCode,
  OTHER_APP,
  pkcePair,
  PUBLIC_APP,
  refreshGrant,
  SCOPE,
  TEST_APPS,
  token,
} from './helpers';

describe('Microsoft emulator: authorize + token (code and refresh grants)', () => {
  let em: RunningEmulator;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  describe('authorize', () => {
    it('redirects with code, state (echoed exactly) and session_state', async () => {
      const state = 'a b+c/=?&ü';
      const location = await authorize(em, { state });
      expect(`${location.origin}${location.pathname}`).toBe(CONFIDENTIAL_APP.redirectUris[0]);
      expect(location.searchParams.get('code')).toMatch(/^0\.A[\w-]{50,}$/);
      expect(location.searchParams.get('state')).toBe(state);
      expect(location.searchParams.get('session_state')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers access_denied (AADSTS65004) when the user declines', async () => {
      const location = await authorize(em, { decision: 'decline' });
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004: /);
      expect(location.searchParams.get('state')).toBe('state-123');
      expect(location.searchParams.get('code')).toBeNull();
    });

    it('shows an error page (400, no redirect) for an unknown app: AADSTS700016', async () => {
      const res = await fetch(authorizeUrl(em, { app: { ...CONFIDENTIAL_APP, clientId: '99999999-9999-4999-8999-999999999999' }, user: 'work' }), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('AADSTS700016');
    });

    it.each([
      ['an unregistered URI', 'https://evil.example/oauth/callback'],
      ['a different case', 'https://app.example/OAuth/callback'],
      ['a trailing slash', 'https://app.example/oauth/callback/'],
      ['http instead of https', 'http://app.example/oauth/callback'],
    ])('shows an error page (400, no redirect) for %s: AADSTS50011', async (_label, redirectUri) => {
      const res = await fetch(authorizeUrl(em, { redirectUri, user: 'work' }), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('AADSTS50011');
    });

    it('ignores the port of a localhost redirect URI', async () => {
      const location = await authorize(em, { redirectUri: 'http://localhost:49152/oauth/callback' });
      expect(location.host).toBe('localhost:49152');
      expect(location.searchParams.get('code')).toBeTruthy();
    });

    it('redirects errors about other parameters (after client and redirect URI are valid)', async () => {
      const bad = await authorize(em, { extra: { response_type: 'token' } });
      expect(bad.searchParams.get('error')).toBe('unsupported_response_type');
      const silent = await fetch(authorizeUrl(em, { extra: { prompt: 'none' } }), { redirect: 'manual' });
      const location = new URL(silent.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('login_required');
      expect(location.searchParams.get('state')).toBe('state-123');
    });

    it('knows the tenant path forms and rejects an unknown tenant with AADSTS90002', async () => {
      for (const tenant of ['common', 'organizations', EMULATOR_USERS.work.tid, 'contoso.onmicrosoft.com']) {
        expect((await authorize(em, { tenant })).searchParams.get('code')).toBeTruthy();
      }
      expect((await authorize(em, { tenant: 'consumers', user: 'personal' })).searchParams.get('code')).toBeTruthy();
      const res = await fetch(authorizeUrl(em, { tenant: '0badc0de-0000-4000-8000-000000000000', user: 'work' }), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('AADSTS90002');
    });

    it('supports response_mode=fragment', async () => {
      const location = await authorize(em, { extra: { response_mode: 'fragment' } });
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get('code')).toBeTruthy();
      expect(location.searchParams.get('code')).toBeNull();
    });
  });

  describe('token: authorization code', () => {
    it('issues Microsoft-shaped tokens with Cache-Control: no-store', async () => {
      const code = await getCode(em);
      const res = await token(em, codeGrant(code));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
      expect(Object.keys(res.body)).toEqual(['token_type', 'scope', 'expires_in', 'ext_expires_in', 'access_token', 'refresh_token', 'id_token']);
      expect(res.body.token_type).toBe('Bearer');
      expect(res.body.scope).toBe('User.Read Mail.Read profile openid email');
      expect(res.body.scope).not.toContain('offline_access');
      expect(typeof res.body.expires_in).toBe('number');
      expect(res.body.expires_in).toBeGreaterThanOrEqual(3600);
      expect(res.body.expires_in).toBeLessThanOrEqual(5400);
      expect(res.body.ext_expires_in).toBe(res.body.expires_in);
      expect(res.body.access_token.split('.')).toHaveLength(1); // opaque, not a JWT
      expect(res.body.id_token.split('.')).toHaveLength(3);
    });

    it('gives a refresh token only with offline_access and an id_token only with openid', async () => {
      const res = await token(em, codeGrant(await getCode(em, { scope: 'User.Read Mail.Read' })));
      expect(res.status).toBe(200);
      expect(res.body.refresh_token).toBeUndefined();
      expect(res.body.id_token).toBeUndefined();
      expect(res.body.scope).toBe('User.Read Mail.Read');
    });

    it('returns a superset scope: everything the user granted the app before', async () => {
      await getCode(em, { scope: 'openid Mail.ReadWrite' });
      const res = await token(em, codeGrant(await getCode(em, { scope: 'openid offline_access User.Read' })));
      expect(res.body.scope).toBe('User.Read Mail.ReadWrite openid');
    });

    it('accepts the secret via HTTP Basic', async () => {
      const code = await getCode(em);
      const { client_secret: _secret, client_id: _id, ...rest } = codeGrant(code);
      const res = await token(em, rest, { basic: { id: CONFIDENTIAL_APP.clientId, secret: CONFIDENTIAL_APP.clientSecret! } });
      expect(res.status).toBe(200);
    });

    it('refuses a code twice (AADSTS54005)', async () => {
      const code = await getCode(em);
      expect((await token(em, codeGrant(code))).status).toBe(200);
      expectAadError(await token(em, codeGrant(code)), 400, 'invalid_grant', 54005);
    });

    it('expires codes after about 10 minutes (AADSTS70008)', async () => {
      const code = await getCode(em);
      em.advanceClock(11 * 60 * 1000);
      expectAadError(await token(em, codeGrant(code)), 400, 'invalid_grant', 70008);
    });

    it('binds the code to its client: another client is refused', async () => {
      const code = await getCode(em);
      const res = await token(em, codeGrant(code, OTHER_APP));
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
      // ... and the code still works for its own client.
      expect((await token(em, codeGrant(code))).status).toBe(200);
    });

    it('binds the code to the redirect URI string (AADSTS50011)', async () => {
      const code = await getCode(em);
      expectAadError(await token(em, codeGrant(code, CONFIDENTIAL_APP, { redirect_uri: CONFIDENTIAL_APP.redirectUris[1] })), 400, 'invalid_grant', 50011);
    });

    it('binds the code to the tenant path (AADSTS700005)', async () => {
      const code = await getCode(em, { tenant: 'organizations' });
      expectAadError(await token(em, codeGrant(code), { tenant: 'common' }), 400, 'invalid_grant', 700005);
      expect((await token(em, codeGrant(code), { tenant: 'organizations' })).status).toBe(200);
    });

    it('checks PKCE S256 (AADSTS501481) and accepts the right verifier', async () => {
      const { verifier, challenge } = pkcePair();
      const code = await getCode(em, { challenge, method: 'S256' });
      expectAadError(await token(em, codeGrant(code, CONFIDENTIAL_APP, { code_verifier: pkcePair().verifier })), 400, 'invalid_grant', 501481);
      expectAadError(await token(em, codeGrant(code)), 400, 'invalid_grant', 501481);
      expect((await token(em, codeGrant(code, CONFIDENTIAL_APP, { code_verifier: verifier }))).status).toBe(200);
    });

    it('checks PKCE plain (the default method) and works without PKCE', async () => {
      const { verifier } = pkcePair();
      const code = await getCode(em, { challenge: verifier });
      expectAadError(await token(em, codeGrant(code, CONFIDENTIAL_APP, { code_verifier: `${verifier}x` })), 400, 'invalid_grant', 501481);
      expect((await token(em, codeGrant(code, CONFIDENTIAL_APP, { code_verifier: verifier }))).status).toBe(200);
      expect((await token(em, codeGrant(await getCode(em)))).status).toBe(200);
    });

    it('answers 401 invalid_client for a wrong (7000215), missing (7000218) or expired (7000222) secret', async () => {
      const code = await getCode(em);
      expectAadError(await token(em, codeGrant(code, CONFIDENTIAL_APP, { client_secret: 'a1b2c3d4-secret-id' })), 401, 'invalid_client', 7000215);
      expectAadError(await token(em, codeGrant(code, CONFIDENTIAL_APP, { client_secret: undefined })), 401, 'invalid_client', 7000218);
      em.expireSecret(CONFIDENTIAL_APP.clientId);
      expectAadError(await token(em, codeGrant(code)), 401, 'invalid_client', 7000222);
      em.registerApp(CONFIDENTIAL_APP);
      expect((await token(em, codeGrant(code))).status).toBe(200);
    });

    it('handles public clients: no secret allowed (700025)', async () => {
      const { verifier, challenge } = pkcePair();
      const code = await getCode(em, { app: PUBLIC_APP, challenge, method: 'S256' });
      expectAadError(await token(em, codeGrant(code, PUBLIC_APP, { client_secret: 'nope', code_verifier: verifier })), 401, 'invalid_client', 700025);
      expect((await token(em, codeGrant(code, PUBLIC_APP, { code_verifier: verifier }))).status).toBe(200);
    });

    it('answers unknown clients with unauthorized_client AADSTS700016 and missing parameters with 900144', async () => {
      expectAadError(await token(em, { grant_type: 'authorization_code', client_id: 'nope', code: 'x', redirect_uri: 'https://x' }), 400, 'unauthorized_client', 700016);
      expectAadError(await token(em, { client_id: CONFIDENTIAL_APP.clientId }), 400, 'invalid_request', 900144);
      expectAadError(await token(em, codeGrant('garbage')), 400, 'invalid_grant', 9002313);
    });

    it('refuses scopes of more than one resource (AADSTS28000)', async () => {
      const code = await getCode(em, { scope: 'offline_access Mail.Read https://outlook.office.com/IMAP.AccessAsUser.All' });
      expectAadError(await token(em, codeGrant(code)), 400, 'invalid_scope', 28000);
    });

    it('issues tokens for another resource with fully qualified scope names', async () => {
      const code = await getCode(em, { scope: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All' });
      const res = await token(em, codeGrant(code));
      expect(res.status).toBe(200);
      expect(res.body.scope).toBe('https://outlook.office.com/IMAP.AccessAsUser.All');
    });

    it('echoes client-request-id as the correlation id', async () => {
      const res = await fetch(`${em.url}/common/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'client-request-id': '0f0e0d0c-0b0a-4000-8000-000000000001' },
        body: new URLSearchParams(codeGrant('garbage') as Record<string, string>),
      });
      const body = await res.json();
      expect(body.correlation_id).toBe('0f0e0d0c-0b0a-4000-8000-000000000001');
    });
  });

  describe('token: refresh', () => {
    async function refreshToken(): Promise<string> {
      const res = await token(em, codeGrant(await getCode(em)));
      expect(res.status).toBe(200);
      return res.body.refresh_token;
    }

    it('returns a new refresh token each time and keeps the old one valid', async () => {
      const rt1 = await refreshToken();
      const r2 = await token(em, refreshGrant(rt1));
      expect(r2.status).toBe(200);
      expect(r2.body.refresh_token).toBeTruthy();
      expect(r2.body.refresh_token).not.toBe(rt1);
      expect(r2.body.id_token).toBeTruthy();
      expect((await token(em, refreshGrant(rt1))).status).toBe(200);
      expect((await token(em, refreshGrant(r2.body.refresh_token))).status).toBe(200);
    });

    it('accepts a scope subset and refuses a second resource (28000) or unconsented scopes (65001)', async () => {
      const rt = await refreshToken();
      const subset = await token(em, refreshGrant(rt, CONFIDENTIAL_APP, { scope: 'Mail.Read offline_access' }));
      expect(subset.status).toBe(200);
      expect(subset.body.id_token).toBeUndefined();
      expectAadError(await token(em, refreshGrant(rt, CONFIDENTIAL_APP, { scope: 'Mail.Read https://outlook.office.com/IMAP.AccessAsUser.All' })), 400, 'invalid_scope', 28000);
      expectAadError(await token(em, refreshGrant(rt, CONFIDENTIAL_APP, { scope: 'Mail.Send' })), 400, 'invalid_grant', 65001, 'consent_required');
    });

    it('refuses a refresh token for another client', async () => {
      const rt = await refreshToken();
      const res = await token(em, refreshGrant(rt, OTHER_APP));
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    });

    it('expires refresh tokens after 90 days of inactivity (700082 bad_token)', async () => {
      const rt = await refreshToken();
      em.advanceClock(89 * 24 * 3600 * 1000);
      const fresh = await token(em, refreshGrant(rt));
      expect(fresh.status).toBe(200);
      em.advanceClock(2 * 24 * 3600 * 1000);
      expectAadError(await token(em, refreshGrant(rt)), 400, 'invalid_grant', 700082, 'bad_token');
      expect((await token(em, refreshGrant(fresh.body.refresh_token))).status).toBe(200);
    });

    it('revokes: single token (50173), user sessions (MFA 50076 basic_action), consent (65001 consent_required)', async () => {
      const rt = await refreshToken();
      em.revokeRefreshToken(rt);
      expectAadError(await token(em, refreshGrant(rt)), 400, 'invalid_grant', 50173, 'bad_token');

      const rt2 = await refreshToken();
      em.revokeUserSessions('work', 50076);
      expectAadError(await token(em, refreshGrant(rt2)), 400, 'invalid_grant', 50076, 'basic_action');

      const rt3 = await refreshToken();
      em.revokeUserGrant('work', CONFIDENTIAL_APP.clientId);
      expectAadError(await token(em, refreshGrant(rt3)), 400, 'invalid_grant', 65001, 'consent_required');
    });

    it('answers a malformed refresh token with 9002313 bad_token', async () => {
      expectAadError(await token(em, refreshGrant('not-a-token')), 400, 'invalid_grant', 9002313, 'bad_token');
    });
  });

  it('counts token calls per client, grant type and outcome', async () => {
    const code = await getCode(em, { scope: SCOPE });
    await token(em, codeGrant(code));
    await token(em, codeGrant(code));
    const c = em.counters();
    expect(c.token.total).toBe(2);
    expect(c.token.byClientId[CONFIDENTIAL_APP.clientId]).toEqual({
      total: 2,
      byGrantType: { authorization_code: 2 },
      byOutcome: { success: 1, invalid_grant: 1 },
    });
    expect(c.token.byErrorCode['54005']).toBe(1);
  });
});
