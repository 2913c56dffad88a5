import type { EmulatorAppRegistration, RunningEmulator } from '../src';
import { CONFIDENTIAL_APP, codeGrant, getCode, token } from './helpers';

const MAIL_SCOPE = 'openid offline_access User.Read Mail.Read';

/** A Graph access token of `user` for `app` (consent shortcut + code grant). */
export async function graphToken(em: RunningEmulator, user = 'work', scope = MAIL_SCOPE, app: EmulatorAppRegistration = CONFIDENTIAL_APP): Promise<string> {
  const tenant = user === 'personal' ? 'consumers' : 'common';
  const res = await token(em, codeGrant(await getCode(em, { user, scope, tenant, app }), app), { tenant });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

export interface GraphAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** A Graph call with a bearer token and a JSON body. */
export async function graph(em: RunningEmulator, method: string, path: string, bearer?: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphAnswer> {
  const res = await fetch(path.startsWith('http') ? path : `${em.url}${path}`, {
    method,
    headers: {
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** An expiration `minutes` ahead of the emulator's clock. */
export const inMinutes = (em: RunningEmulator, minutes: number) => new Date(em.now().getTime() + minutes * 60_000).toISOString();

/** A valid create body for the inbox, with both URLs on the receiver. */
export function subscriptionBody(em: RunningEmulator, receiverUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    changeType: 'created',
    notificationUrl: `${receiverUrl}/notify`,
    lifecycleNotificationUrl: `${receiverUrl}/lifecycle`,
    resource: "me/mailFolders('Inbox')/messages",
    expirationDateTime: inMinutes(em, 4000),
    clientState: 'secret-client-state',
    ...extra,
  };
}
