import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { codeGrant, getCode, TEST_APPS, token } from './helpers';

describe('Microsoft emulator: Graph', () => {
  let em: RunningEmulator;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  async function accessToken(user = 'work', scope = 'openid offline_access User.Read Mail.Read', tenant = 'common'): Promise<string> {
    const res = await token(em, codeGrant(await getCode(em, { user, scope, tenant })), { tenant });
    expect(res.status).toBe(200);
    return res.body.access_token;
  }

  const get = (path: string, bearer?: string, headers: Record<string, string> = {}) =>
    fetch(`${em.url}${path}`, { headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...headers } });

  it('answers /v1.0/me for a work account', async () => {
    const res = await get('/v1.0/me', await accessToken());
    expect(res.status).toBe(200);
    const me = await res.json();
    const u = EMULATOR_USERS.work;
    expect(me).toMatchObject({ id: u.id, displayName: u.displayName, mail: u.mail, userPrincipalName: u.upn });
  });

  it('answers /v1.0/me for a personal account: 16-hex id, mail null', async () => {
    const me = await (await get('/v1.0/me', await accessToken('personal', 'openid User.Read Mail.Read', 'consumers'))).json();
    expect(me.id).toMatch(/^[0-9a-f]{16}$/);
    expect(me.mail).toBeNull();
    expect(me.userPrincipalName).toBe(EMULATOR_USERS.personal.upn);
  });

  it('answers /v1.0/me for a guest with #EXT# in the UPN', async () => {
    const me = await (await get('/v1.0/me', await accessToken('guest'))).json();
    expect(me.userPrincipalName).toContain('#EXT#');
    expect(me.mail).toBe(EMULATOR_USERS.guest.mail);
  });

  it('supports $select', async () => {
    const me = await (await get('/v1.0/me?$select=displayName,mail', await accessToken())).json();
    expect(Object.keys(me).sort()).toEqual(['displayName', 'id', 'mail']);
  });

  it('lists messages with Mail.Read and honours $top', async () => {
    const res = await get('/v1.0/me/messages?$top=2&$select=subject', await accessToken());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.value).toHaveLength(2);
    expect(body.value[0].subject).toBeTruthy();
  });

  it('refuses messages without a mail permission (403) and /me without User.Read (403)', async () => {
    const noMail = await get('/v1.0/me/messages', await accessToken('work', 'openid User.Read'));
    expect(noMail.status).toBe(403);
    expect((await noMail.json()).error.code).toBe('ErrorAccessDenied');
    em.reset();
    const noProfile = await get('/v1.0/me', await accessToken('work', 'Mail.Read'));
    expect(noProfile.status).toBe(403);
  });

  it('answers 401 InvalidAuthenticationToken with WWW-Authenticate for missing, unknown and expired tokens', async () => {
    const at = await accessToken();
    em.advanceClock(5401 * 1000);
    for (const bearer of [undefined, 'garbage', at]) {
      const res = await get('/v1.0/me', bearer, { 'client-request-id': 'abc-123' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const body = await res.json();
      expect(body.error.code).toBe('InvalidAuthenticationToken');
      expect(typeof body.error.message).toBe('string');
      expect(body.error.innerError).toEqual({ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'request-id': expect.any(String), 'client-request-id': 'abc-123' });
    }
  });

  it('refuses a token of another resource', async () => {
    const res = await get('/v1.0/me', await accessToken('work', 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All'));
    expect(res.status).toBe(401);
  });

  it('throttles Graph with 429 TooManyRequests and Retry-After when told', async () => {
    const at = await accessToken();
    em.injectFaults({ target: 'graph', kind: 'throttle', retryAfter: '7' });
    const res = await get('/v1.0/me', at);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await res.json()).error.code).toBe('TooManyRequests');
    expect((await get('/v1.0/me', at)).status).toBe(200);
  });
});
