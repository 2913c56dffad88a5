import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@app/config';
import { TEST_ENV } from '../../../test/test-env';
import { MicrosoftIdentityClient, TOKEN_EXPIRY_SKEW_SECONDS } from './microsoft-identity.client';

/** The refresh grant's request, against a local token endpoint that records what it was sent. */
describe('MicrosoftIdentityClient.refresh', () => {
  let server: Server;
  let client: MicrosoftIdentityClient;
  let sent: URLSearchParams;
  let answerScope = 'https://graph.microsoft.com/Mail.Read https://graph.microsoft.com/User.Read';
  let answerDelayMs = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        sent = new URLSearchParams(body);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ token_type: 'Bearer', scope: answerScope, expires_in: 4000, access_token: 'EwB.at', refresh_token: '1.A.rt' }));
        }, answerDelayMs);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new MicrosoftIdentityClient(loadConfig({ ...TEST_ENV, MICROSOFT_LOGIN_URL: url, MICROSOFT_GRAPH_URL: url }));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const credentials = { clientId: 'client-1', clientSecret: 'secret' };

  it('asks for the resource scopes and offline_access only (no ID token), and reports the OpenID scopes as still granted', async () => {
    const tokens = await client.refresh('organizations', credentials, { refreshToken: 'rt', scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Mail.Read'] });
    expect(sent.get('grant_type')).toBe('refresh_token');
    expect(sent.get('scope')).toBe('offline_access User.Read Mail.Read');
    expect(sent.get('client_secret')).toBe('secret');
    expect(tokens).toMatchObject({ accessToken: 'EwB.at', refreshToken: '1.A.rt', expiresIn: 4000 });
    expect(tokens.scopes).toEqual(['openid', 'profile', 'email', 'https://graph.microsoft.com/Mail.Read', 'https://graph.microsoft.com/User.Read']);
  });

  it('keeps the scopes as they are when there is no resource scope to ask for', async () => {
    answerScope = 'openid profile';
    const tokens = await client.refresh('organizations', credentials, { refreshToken: 'rt', scopes: ['openid', 'profile', 'offline_access'] });
    expect(sent.get('scope')).toBe('openid profile offline_access');
    expect(tokens.scopes).toEqual(['openid', 'profile']);
  });

  it('qualifies .default with the configured Graph (short or stored under another host) on the wire', async () => {
    const graph = new URL(client.authorizeUrl({ tenant: 'common', clientId: 'c', redirectUri: 'https://app/cb', scopes: ['offline_access', '.default'], state: 's', codeChallenge: 'x', nonce: 'n' }));
    const origin = `http://${graph.host}`;
    expect(graph.searchParams.get('scope')).toBe(`offline_access ${origin}/.default`);
    await client.refresh('organizations', credentials, { refreshToken: 'rt', scopes: ['offline_access', 'https://graph.microsoft.com/.default'] });
    expect(sent.get('scope')).toBe(`offline_access ${origin}/.default`);
  });

  it('counts the expiry from before the request was sent, minus the skew margin', async () => {
    answerDelayMs = 400;
    const before = Date.now();
    const tokens = await client.refresh('organizations', credentials, { refreshToken: 'rt', scopes: ['offline_access', 'User.Read'] });
    answerDelayMs = 0;
    expect(Date.now() - before).toBeGreaterThanOrEqual(400);
    expect(tokens.expiresAt.getTime()).toBeGreaterThanOrEqual(before + (4000 - TOKEN_EXPIRY_SKEW_SECONDS) * 1000);
    expect(tokens.expiresAt.getTime()).toBeLessThanOrEqual(before + 50 + (4000 - TOKEN_EXPIRY_SKEW_SECONDS) * 1000);
  });
});
