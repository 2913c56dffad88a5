import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { CONSUMERS_TENANT_ID, EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { CONFIDENTIAL_APP, codeGrant, getCode, TEST_APPS, token } from './helpers';

describe('Microsoft emulator: id_token, JWKS and discovery', () => {
  let em: RunningEmulator;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS, tokenLifetime: { min: 4000, max: 4000 } });
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  async function idTokenFor(user: string, tenant = 'common', scope = 'openid profile email offline_access User.Read', nonce?: string) {
    const code = await getCode(em, { user, tenant, scope, extra: nonce ? { nonce } : {} });
    const res = await token(em, codeGrant(code), { tenant });
    expect(res.status).toBe(200);
    return res.body;
  }

  it('signs the id_token with RS256 and a kid found in the tenant JWKS', async () => {
    const body = await idTokenFor('work', 'common', 'openid profile email offline_access User.Read', 'n-0S6');
    const header = decodeProtectedHeader(body.id_token);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toBeTruthy();
    const tid = EMULATOR_USERS.work.tid;
    const jwks = createRemoteJWKSet(new URL(`${em.url}/${tid}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(body.id_token, jwks, { issuer: `${em.url}/${tid}/v2.0`, audience: CONFIDENTIAL_APP.clientId });
    expect(payload).toMatchObject({
      aud: CONFIDENTIAL_APP.clientId,
      tid,
      oid: EMULATOR_USERS.work.oid,
      preferred_username: EMULATOR_USERS.work.preferredUsername,
      name: EMULATOR_USERS.work.displayName,
      email: EMULATOR_USERS.work.email,
      nonce: 'n-0S6',
      ver: '2.0',
    });
    expect(typeof payload.sub).toBe('string');
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.exp).toBeGreaterThan(payload.iat!);
    expect(body.expires_in).toBe(4000);
  });

  it('keeps sub stable per user and app but different between apps', async () => {
    const a = JSON.parse(Buffer.from((await idTokenFor('work')).id_token.split('.')[1], 'base64url').toString());
    const b = JSON.parse(Buffer.from((await idTokenFor('work')).id_token.split('.')[1], 'base64url').toString());
    expect(a.sub).toBe(b.sub);
    expect(a.sub).not.toBe(a.oid);
  });

  it('omits email without the email scope', async () => {
    const body = await idTokenFor('work', 'common', 'openid profile User.Read');
    const payload = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    expect(payload.email).toBeUndefined();
    expect(body.scope).toBe('User.Read profile openid');
  });

  it('issues personal-account tokens from the consumer tenant, and guests with #EXT# UPNs', async () => {
    const personal = JSON.parse(Buffer.from((await idTokenFor('personal', 'consumers')).id_token.split('.')[1], 'base64url').toString());
    expect(personal.tid).toBe(CONSUMERS_TENANT_ID);
    expect(personal.iss).toBe(`${em.url}/${CONSUMERS_TENANT_ID}/v2.0`);
    expect(EMULATOR_USERS.guest.upn).toContain('#EXT#');
    const guest = JSON.parse(Buffer.from((await idTokenFor('guest')).id_token.split('.')[1], 'base64url').toString());
    expect(guest.tid).toBe(EMULATOR_USERS.guest.tid);
    expect(guest.oid).toBe(EMULATOR_USERS.guest.oid);
  });

  it('does not let a personal account in through /organizations', async () => {
    const res = await fetch(
      `${em.url}/organizations/oauth2/v2.0/authorize?client_id=${CONFIDENTIAL_APP.clientId}&response_type=code&redirect_uri=${encodeURIComponent(CONFIDENTIAL_APP.redirectUris[0])}&scope=openid&emulator_user=personal`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('AADSTS50020');
  });

  it('serves discovery with the literal {tenantid} issuer for common/organizations and the tenant id otherwise', async () => {
    for (const tenant of ['common', 'organizations']) {
      const doc = await (await fetch(`${em.url}/${tenant}/v2.0/.well-known/openid-configuration`)).json();
      expect(doc.issuer).toBe(`${em.url}/{tenantid}/v2.0`);
      expect(doc.authorization_endpoint).toBe(`${em.url}/${tenant}/oauth2/v2.0/authorize`);
      expect(doc.token_endpoint).toBe(`${em.url}/${tenant}/oauth2/v2.0/token`);
      expect(doc.jwks_uri).toBe(`${em.url}/${tenant}/discovery/v2.0/keys`);
    }
    const consumers = await (await fetch(`${em.url}/consumers/v2.0/.well-known/openid-configuration`)).json();
    expect(consumers.issuer).toBe(`${em.url}/${CONSUMERS_TENANT_ID}/v2.0`);
    const tid = EMULATOR_USERS.work.tid;
    const doc = await (await fetch(`${em.url}/${tid}/v2.0/.well-known/openid-configuration`)).json();
    expect(doc.issuer).toBe(`${em.url}/${tid}/v2.0`);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_post', 'client_secret_basic']));
    const unknown = await fetch(`${em.url}/0badc0de-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error_codes).toEqual([90002]);
  });

  it('uses publicUrl for issuer and endpoints', async () => {
    const other = await startEmulator({ apps: TEST_APPS, publicUrl: 'https://login.emulator.test' });
    try {
      const doc = await (await fetch(`http://127.0.0.1:${other.port}/common/v2.0/.well-known/openid-configuration`)).json();
      expect(doc.issuer).toBe('https://login.emulator.test/{tenantid}/v2.0');
      expect(other.url).toBe('https://login.emulator.test');
    } finally {
      await other.close();
    }
  });
});
