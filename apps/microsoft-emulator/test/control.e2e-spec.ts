import { Socket } from 'node:net';
import { RunningEmulator, startEmulator } from '../src';
import { CONFIDENTIAL_APP, codeGrant, expectAadError, getCode, refreshGrant, TEST_APPS, token } from './helpers';

describe('Microsoft emulator: control API and fault injection', () => {
  let em: RunningEmulator;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${em.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  async function refreshToken(): Promise<string> {
    return (await token(em, codeGrant(await getCode(em)))).body.refresh_token;
  }

  describe('token faults', () => {
    it('429 with Retry-After present, absent and fractional', async () => {
      em.injectFaults([{ kind: '429' }, { kind: 'throttle', retryAfter: null }, { kind: 'throttle', retryAfter: '1.5' }]);
      const rt = 'whatever';
      const first = await token(em, refreshGrant(rt));
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('1');
      expect(first.body.error_codes).toEqual([90055]);
      const second = await token(em, refreshGrant(rt));
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBeNull();
      const third = await token(em, refreshGrant(rt));
      expect(third.headers.get('retry-after')).toBe('1.5');
      expect((await token(em, refreshGrant(rt))).status).toBe(400); // faults used up: a normal answer
    });

    it('503 temporarily_unavailable and 500 server_error, for the next N calls', async () => {
      em.injectFaults([{ kind: 'unavailable', count: 2 }, { kind: 'server_error' }]);
      expectAadError(await token(em, refreshGrant('x')), 503, 'temporarily_unavailable', 90033);
      expectAadError(await token(em, refreshGrant('x')), 503, 'temporarily_unavailable', 90033);
      expectAadError(await token(em, refreshGrant('x')), 500, 'server_error', 50000);
    });

    it('delays, then answers normally', async () => {
      const rt = await refreshToken();
      em.injectFaults({ kind: 'delay', delayMs: 300 });
      const started = Date.now();
      expect((await token(em, refreshGrant(rt))).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    });

    it('drops the connection', async () => {
      em.injectFaults({ kind: 'drop' });
      await expect(token(em, refreshGrant('x'))).rejects.toThrow();
      expect(em.counters().token.byOutcome.fault_drop).toBe(1);
    });

    it('answers malformed JSON', async () => {
      em.injectFaults({ kind: 'malformed' });
      const res = await token(em, refreshGrant('x'));
      expect(res.status).toBe(200);
      expect(res.body.raw).toBeDefined();
      expect(() => JSON.parse(res.body.raw)).toThrow();
    });

    it('can target one client id and one grant type', async () => {
      em.injectFaults({ kind: 'throttle', clientId: 'someone-else' });
      em.injectFaults({ kind: 'throttle', grantType: 'authorization_code' });
      const res = await token(em, refreshGrant('x'));
      expect(res.status).toBe(400);
      expect(em.counters().token.byOutcome).toEqual({ invalid_grant: 1 });
      expect((await token(em, codeGrant('x'))).status).toBe(429);
    });
  });

  describe('over HTTP', () => {
    it('describes itself, lists users and apps', async () => {
      const info = await control('GET', '');
      expect(info.status).toBe(200);
      expect(info.body.mode).toBe('test');
      const users = await control('GET', '/users');
      expect(users.body.users.map((u: { key: string }) => u.key)).toEqual(['work', 'personal', 'guest']);
      const apps = await control('GET', '/apps');
      expect(apps.body.apps.find((a: { clientId: string }) => a.clientId === CONFIDENTIAL_APP.clientId)).toMatchObject({ hasSecret: true });
      expect(JSON.stringify(apps.body)).not.toContain(CONFIDENTIAL_APP.clientSecret);
    });

    it('registers apps (and refuses bad redirect URIs), expires secrets', async () => {
      const app = { clientId: 'cafe0000-0000-4000-8000-000000000001', clientSecret: 's', clientType: 'confidential', redirectUris: ['https://new.example/cb'] };
      expect((await control('POST', '/apps', app)).status).toBe(200);
      expect((await control('POST', '/apps', { ...app, redirectUris: ['http://new.example/cb'] })).status).toBe(400);
      const newApp = { ...app, clientType: 'confidential' as const };
      const code = await getCode(em, { app: newApp });
      expect((await control('POST', `/apps/${app.clientId}/expire-secret`)).status).toBe(200);
      expectAadError(await token(em, codeGrant(code, newApp)), 401, 'invalid_client', 7000222);
      expect((await control('DELETE', `/apps/${app.clientId}`)).status).toBe(200);
    });

    it('revokes refresh tokens, sessions and grants', async () => {
      const rt = await refreshToken();
      expect((await control('POST', '/refresh-tokens/revoke', { refresh_token: rt, code: 700082 })).status).toBe(200);
      expectAadError(await token(em, refreshGrant(rt)), 400, 'invalid_grant', 700082, 'bad_token');
      const rt2 = await refreshToken();
      expect((await control('POST', '/users/work/revoke-sessions', {})).body.revokedRefreshTokens).toBeGreaterThan(0);
      expectAadError(await token(em, refreshGrant(rt2)), 400, 'invalid_grant', 50173, 'bad_token');
      const rt3 = await refreshToken();
      await control('POST', '/grants/revoke', { user: 'work', clientId: CONFIDENTIAL_APP.clientId });
      expectAadError(await token(em, refreshGrant(rt3)), 400, 'invalid_grant', 65001, 'consent_required');
    });

    it('clones a refresh token for load tests: each clone refreshes on its own', async () => {
      const rt = await refreshToken();
      const cloned = await control('POST', '/refresh-tokens/clone', { refresh_token: rt, count: 3 });
      expect(cloned.status).toBe(200);
      expect(new Set(cloned.body.refreshTokens).size).toBe(3);
      for (const clone of cloned.body.refreshTokens) expect((await token(em, refreshGrant(clone))).status).toBe(200);
      expect((await control('POST', '/refresh-tokens/clone', { refresh_token: 'nope', count: 1 })).status).toBe(404);
      expect((await control('POST', '/refresh-tokens/clone', { refresh_token: rt, count: 0 })).status).toBe(400);
    });

    it('injects faults, moves the clock, changes lifetimes and reports counters', async () => {
      expect((await control('POST', '/faults', { kind: '429', retryAfter: 2, count: 1 })).body.faults).toHaveLength(1);
      expect((await token(em, refreshGrant('x'))).headers.get('retry-after')).toBe('2');
      await control('POST', '/faults', { faults: [{ kind: 'server_error' }] });
      await control('DELETE', '/faults');
      expect((await control('GET', '/faults')).body.faults).toEqual([]);

      expect((await control('POST', '/lifetimes', { accessToken: { min: 60, max: 60 }, codeSeconds: 5 })).status).toBe(200);
      const code = await getCode(em);
      const ok = await token(em, codeGrant(code));
      expect(ok.body.expires_in).toBe(60);
      const code2 = await getCode(em);
      await control('POST', '/clock', { advanceSeconds: 6 });
      expect((await control('GET', '/clock')).body.offsetMs).toBe(6000);
      expectAadError(await token(em, codeGrant(code2)), 400, 'invalid_grant', 70008);

      const counters = await control('GET', '/counters');
      expect(counters.body.token.byClientId[CONFIDENTIAL_APP.clientId].byGrantType).toEqual({ refresh_token: 1, authorization_code: 2 });
      expect(counters.body.token.byOutcome).toEqual({ fault_throttle: 1, success: 1, invalid_grant: 1 });
      const log = await control('GET', '/token-requests');
      expect(log.body.requests).toHaveLength(3);
      expect(JSON.stringify(log.body)).not.toContain(CONFIDENTIAL_APP.clientSecret);
      await control('POST', '/reset', {});
      expect((await control('GET', '/counters')).body.token.total).toBe(0);
      expect((await control('GET', '/clock')).body.offsetMs).toBe(0);
    });
  });

  it('has no control API and no consent shortcut when disabled', async () => {
    const plain = await startEmulator({ apps: TEST_APPS, testMode: false, controlApi: false });
    try {
      expect((await fetch(`${plain.url}/_emulator/counters`)).status).toBe(404);
      const res = await fetch(
        `${plain.url}/common/oauth2/v2.0/authorize?client_id=${CONFIDENTIAL_APP.clientId}&response_type=code&redirect_uri=${encodeURIComponent(CONFIDENTIAL_APP.redirectUris[0])}&scope=openid&emulator_user=work`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    } finally {
      await plain.close();
    }
  });

  it('closes even with an idle keep-alive connection open', async () => {
    const other = await startEmulator();
    const socket = new Socket();
    await new Promise<void>((resolve) => socket.connect(other.port, '127.0.0.1', resolve));
    socket.write('GET /_emulator HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    await other.close();
    socket.destroy();
  });
});
