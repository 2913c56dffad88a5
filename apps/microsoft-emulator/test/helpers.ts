import { createHash, randomBytes } from 'node:crypto';
import type { EmulatorAppRegistration, RunningEmulator } from '../src';

export const CONFIDENTIAL_APP: EmulatorAppRegistration = {
  clientId: '11111111-1111-4111-8111-111111111111',
  clientSecret: 'conf~secret.value',
  redirectUris: ['https://app.example/oauth/callback', 'http://localhost:3000/oauth/callback'],
  clientType: 'confidential',
  displayName: 'Confidential test app',
};

export const OTHER_APP: EmulatorAppRegistration = {
  clientId: '22222222-2222-4222-8222-222222222222',
  clientSecret: 'other-secret',
  redirectUris: ['https://app.example/oauth/callback'],
  clientType: 'confidential',
  displayName: 'Another customer app',
};

export const PUBLIC_APP: EmulatorAppRegistration = {
  clientId: '33333333-3333-4333-8333-333333333333',
  redirectUris: ['http://localhost/desktop-callback'],
  clientType: 'public',
  displayName: 'Public desktop app',
};

export const TEST_APPS = [CONFIDENTIAL_APP, OTHER_APP, PUBLIC_APP];
export const SCOPE = 'openid profile email offline_access User.Read Mail.Read';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeInput {
  tenant?: string;
  app?: EmulatorAppRegistration;
  redirectUri?: string;
  scope?: string;
  user?: string;
  decision?: 'accept' | 'decline';
  state?: string;
  challenge?: string;
  method?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(em: RunningEmulator, input: AuthorizeInput = {}): string {
  const app = input.app ?? CONFIDENTIAL_APP;
  const url = new URL(`${em.url}/${input.tenant ?? 'common'}/oauth2/v2.0/authorize`);
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', input.redirectUri ?? app.redirectUris[0]);
  url.searchParams.set('scope', input.scope ?? SCOPE);
  url.searchParams.set('state', input.state ?? 'state-123');
  if (input.challenge) url.searchParams.set('code_challenge', input.challenge);
  if (input.method) url.searchParams.set('code_challenge_method', input.method);
  if (input.user !== undefined) url.searchParams.set('emulator_user', input.user);
  if (input.decision) url.searchParams.set('emulator_decision', input.decision);
  for (const [k, v] of Object.entries(input.extra ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/** Runs the consent shortcut and returns the redirect Location (throws when there is none). */
export async function authorize(em: RunningEmulator, input: AuthorizeInput = {}): Promise<URL> {
  const res = await fetch(authorizeUrl(em, { user: 'work', ...input }), { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
  return new URL(location);
}

export async function getCode(em: RunningEmulator, input: AuthorizeInput = {}): Promise<string> {
  const location = await authorize(em, input);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export interface TokenResult {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}

export async function token(
  em: RunningEmulator,
  params: Record<string, string | undefined>,
  opts: { tenant?: string; basic?: { id: string; secret: string } } = {},
): Promise<TokenResult> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (opts.basic) {
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(opts.basic.id)}:${encodeURIComponent(opts.basic.secret)}`).toString('base64')}`;
  }
  const res = await fetch(`${em.url}/${opts.tenant ?? 'common'}/oauth2/v2.0/token`, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: Record<string, any>;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}

export function codeGrant(code: string, app: EmulatorAppRegistration = CONFIDENTIAL_APP, extra: Record<string, string | undefined> = {}) {
  return {
    grant_type: 'authorization_code',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    code,
    redirect_uri: app.redirectUris[0],
    ...extra,
  };
}

export function refreshGrant(refreshToken: string, app: EmulatorAppRegistration = CONFIDENTIAL_APP, extra: Record<string, string | undefined> = {}) {
  return { grant_type: 'refresh_token', client_id: app.clientId, client_secret: app.clientSecret, refresh_token: refreshToken, ...extra };
}

/** Asserts Microsoft's token-endpoint error shape and returns the body. */
export function expectAadError(res: TokenResult, status: number, error: string, code: number, suberror?: string): Record<string, any> {
  expect({ status: res.status, error: res.body.error, codes: res.body.error_codes, suberror: res.body.suberror }).toEqual({
    status,
    error,
    codes: [code],
    suberror,
  });
  expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`, 's'));
  expect(res.body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(res.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.body.error_uri).toContain(`/error?code=${code}`);
  return res.body;
}
