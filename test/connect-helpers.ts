import { randomUUID } from 'node:crypto';
import type { RunningEmulator } from '../apps/microsoft-emulator/src';
import { createCustomer, TestApp } from './create-test-app';

export const RETURN_ORIGIN = 'https://app.customer.example';

export interface ConnectFixture {
  customer: { id: string; slug: string; key: string };
  auth: { Authorization: string };
  clientId: string;
  clientSecret: string;
}

/** A customer with an Outlook Email connector whose Azure app is registered at the emulator. */
export async function setupConnector(
  t: TestApp,
  emulator: RunningEmulator,
  opts: { clientType?: 'confidential' | 'public'; connector?: Record<string, unknown>; registerRedirect?: string; name?: string } = {},
): Promise<ConnectFixture> {
  const customer = await createCustomer(t, opts.name);
  const auth = { Authorization: `Bearer ${customer.key}` };
  const clientId = randomUUID();
  const clientSecret = `Sx8~${randomUUID().replace(/-/g, '')}`;
  const clientType = opts.clientType ?? 'confidential';
  emulator.registerApp({
    clientId,
    clientSecret: clientType === 'confidential' ? clientSecret : undefined,
    clientType,
    redirectUris: [opts.registerRedirect ?? `${t.config.publicUrl}/oauth/callback/${customer.slug}`],
  });
  const settings = await t.http().put('/v1/settings').set(auth).send({ allowedReturnOrigins: [RETURN_ORIGIN] });
  if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${JSON.stringify(settings.body)}`);
  const put = await t
    .http()
    .put('/v1/connectors/outlook-email')
    .set(auth)
    .send({
      clientId,
      clientType,
      ...(clientType === 'confidential' ? { clientSecret } : {}),
      scopes: ['openid', 'profile', 'email', 'User.Read', 'Mail.Read'],
      ...opts.connector,
    });
  if (put.status !== 200) throw new Error(`connector: ${put.status} ${JSON.stringify(put.body)}`);
  return { customer, auth, clientId, clientSecret };
}

export async function connectSession(
  t: TestApp,
  f: ConnectFixture,
  endUser: Record<string, unknown> = { id: `user-${randomUUID().slice(0, 8)}`, email: 'jane@contoso.example' },
  returnUrl: string | null = `${RETURN_ORIGIN}/integrations`,
): Promise<{ token: string; url: string; endUserId: string }> {
  const res = await t.http().post('/v1/connect-sessions').set(f.auth).send({ endUser, ...(returnUrl ? { returnUrl } : {}) });
  if (res.status !== 201) throw new Error(`connect session: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, url: res.body.url, endUserId: endUser.id as string };
}

export interface Started {
  authorizeUrl: URL;
  cookie: string;
  state: string;
}

function cookiePairs(res: { headers: Record<string, unknown> }): string[] {
  return ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]);
}

/** The catalog session cookie of "this browser", per connect session: the first browser that opened it. */
const browsers = new Map<string, string>();

/** Opens the catalog as "this browser" (binding the session to it on first open); answers the page and cookie. */
export async function openCatalog(
  t: TestApp,
  token: string,
  browser?: string,
): Promise<{ status: number; text: string; sessionCookie: string; csrf: string | null; reason: string | undefined }> {
  const known = browser ?? browsers.get(token);
  const req = t.http().get(`/connect/${token}`);
  const res = await (known ? req.set('Cookie', known) : req);
  const sessionCookie = cookiePairs(res).find((c) => c.startsWith('lk_cs=')) ?? known ?? '';
  if (sessionCookie) browsers.set(token, sessionCookie);
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? null;
  return { status: res.status, text: res.text, sessionCookie, csrf, reason: res.headers['x-latchkey-reason'] };
}

/** Clicks Connect on the catalog: answers Microsoft's authorize URL and the browser-binding cookie the browser would keep. */
export async function startFlow(t: TestApp, token: string, browser?: string): Promise<Started> {
  const page = await openCatalog(t, token, browser);
  if (page.status !== 200 || !page.csrf) throw new Error(`catalog: ${page.status} ${page.text.slice(0, 300)}`);
  const res = await t.http().post(`/connect/${token}/outlook-email/start`).type('form').set('Cookie', page.sessionCookie).send({ csrf: page.csrf });
  if (res.status !== 303) throw new Error(`start: ${res.status} ${res.text.slice(0, 300)}`);
  const cookie = cookiePairs(res).join('; ');
  const authorizeUrl = new URL(res.headers.location);
  return { authorizeUrl, cookie, state: authorizeUrl.searchParams.get('state')! };
}

/** Clicks Disconnect on the catalog of "this browser" (or of `browser`): the form carries the page's CSRF token. */
export async function disconnectFromCatalog(t: TestApp, token: string, connectionId: string, browser?: string) {
  const page = await openCatalog(t, token, browser);
  const req = t.http().post(`/connect/${token}/connections/${connectionId}/disconnect`).type('form').set('Cookie', page.sessionCookie);
  return req.send(page.csrf ? { csrf: page.csrf } : {});
}

/** Consents at the emulator without HTML (test mode shortcut); answers the redirect back to Latchkey. */
export async function consent(started: Started, user: 'work' | 'personal' | 'guest' = 'work', decision: 'accept' | 'decline' = 'accept'): Promise<URL> {
  const url = new URL(started.authorizeUrl);
  url.searchParams.set('emulator_user', user);
  url.searchParams.set('emulator_decision', decision);
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`consent: ${res.status} ${await res.text()}`);
  return new URL(location);
}

/** Follows Microsoft's redirect to the callback, in the same "browser" (with its cookie) unless told otherwise. */
export function callback(t: TestApp, redirect: URL, cookie: string | null) {
  const req = t.http().get(`${redirect.pathname}${redirect.search}`);
  return cookie ? req.set('Cookie', cookie) : req;
}

export async function connectEndToEnd(t: TestApp, f: ConnectFixture, user: 'work' | 'personal' | 'guest' = 'work', endUserId?: string) {
  const session = await connectSession(t, f, endUserId ? { id: endUserId } : undefined);
  const started = await startFlow(t, session.token);
  const redirect = await consent(started, user);
  const res = await callback(t, redirect, started.cookie);
  return { session, started, redirect, res };
}
