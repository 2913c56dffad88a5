import { custom, generators, Issuer } from 'openid-client';
import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { CONFIDENTIAL_APP, TEST_APPS } from './helpers';

/** Conformance: a standard OIDC client library (openid-client v5) works against the emulator unchanged. */
describe('Microsoft emulator: openid-client conformance', () => {
  let em: RunningEmulator;
  const tid = EMULATOR_USERS.work.tid;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
    custom.setHttpOptionsDefaults({ timeout: 5000 });
  });
  afterAll(() => em.close());

  it.each(['client_secret_post', 'client_secret_basic'] as const)(
    'authorization code + PKCE S256 + refresh with %s on a tenant GUID path',
    async (authMethod) => {
      const issuer = await Issuer.discover(`${em.url}/${tid}/v2.0`);
      expect(issuer.issuer).toBe(`${em.url}/${tid}/v2.0`);
      const client = new issuer.Client({
        client_id: CONFIDENTIAL_APP.clientId,
        client_secret: CONFIDENTIAL_APP.clientSecret,
        redirect_uris: [CONFIDENTIAL_APP.redirectUris[0]],
        response_types: ['code'],
        token_endpoint_auth_method: authMethod,
      });
      const verifier = generators.codeVerifier();
      const state = generators.state();
      const nonce = generators.nonce();
      const url = client.authorizationUrl({
        scope: 'openid profile email offline_access User.Read Mail.Read',
        code_challenge: generators.codeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        emulator_user: 'work',
        emulator_decision: 'accept',
      });
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const params = client.callbackParams(res.headers.get('location')!);
      const tokens = await client.callback(CONFIDENTIAL_APP.redirectUris[0], params, { code_verifier: verifier, state, nonce });
      const claims = tokens.claims();
      expect(claims.tid).toBe(tid);
      expect(claims.oid).toBe(EMULATOR_USERS.work.oid);
      expect(tokens.refresh_token).toBeTruthy();
      expect(tokens.expires_in).toBeGreaterThanOrEqual(3600);

      const refreshed = await client.refresh(tokens);
      expect(refreshed.access_token).not.toBe(tokens.access_token);
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
      expect(refreshed.claims().sub).toBe(claims.sub);

      const counters = em.counters().token.byClientId[CONFIDENTIAL_APP.clientId];
      expect(counters.byOutcome.success).toBeGreaterThanOrEqual(2);
    },
  );

  it('surfaces a PKCE mismatch as an OPError with the AADSTS code', async () => {
    const issuer = await Issuer.discover(`${em.url}/${tid}/v2.0`);
    const client = new issuer.Client({ client_id: CONFIDENTIAL_APP.clientId, client_secret: CONFIDENTIAL_APP.clientSecret, redirect_uris: [CONFIDENTIAL_APP.redirectUris[0]] });
    const verifier = generators.codeVerifier();
    const url = client.authorizationUrl({ scope: 'openid offline_access User.Read', code_challenge: generators.codeChallenge(verifier), code_challenge_method: 'S256', emulator_user: 'work' });
    const res = await fetch(url, { redirect: 'manual' });
    const params = client.callbackParams(res.headers.get('location')!);
    await expect(client.callback(CONFIDENTIAL_APP.redirectUris[0], params, { code_verifier: generators.codeVerifier() })).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS501481: /),
    });
  });
});
