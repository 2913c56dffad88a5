import { TestApp, OPERATOR_AUTH } from './create-test-app';

export const MEMBER_PASSWORD = 'a long enough passphrase';

export interface ConsoleMember {
  customer: { id: string; slug: string; key: string };
  email: string;
  /** The Cookie header value of a signed-in session. */
  cookie: string;
  csrfToken: string;
  /** Same-origin headers a console page would send on a state-changing request. */
  unsafe: Record<string, string>;
}

/** The token of an invite link: it rides in the fragment (`/console/invite#token=lk_inv_...`). */
export function inviteTokenOf(url: string): string {
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (!token) throw new Error(`no invite token in ${url}`);
  return token;
}

/** The raw `name=value` of a Set-Cookie answer. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const first = ([] as string[]).concat(setCookie ?? []).find((c) => /lk_console=/.test(c));
  if (!first) throw new Error(`no console cookie in ${JSON.stringify(setCookie)}`);
  return first.split(';')[0];
}

/** A fresh customer whose first member accepted the invite: signed in. */
export async function createMember(t: TestApp, password = MEMBER_PASSWORD): Promise<ConsoleMember & { invite: { url: string } }> {
  const slug = `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const email = `admin@${slug}.example`;
  const created = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: `Customer ${slug}`, slug, adminEmail: email });
  if (created.status !== 201) throw new Error(`customer: ${created.status} ${JSON.stringify(created.body)}`);
  const token = inviteTokenOf(created.body.invite.url);
  const accepted = await t.http().post('/v1/console/invites/accept').send({ token, password });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const origin = new URL(t.config.publicUrl).origin;
  return {
    customer: { id: created.body.id, slug, key: created.body.apiKey.secret },
    email,
    cookie: sessionCookie(accepted.headers['set-cookie']),
    csrfToken: accepted.body.csrfToken,
    unsafe: { Origin: origin, 'X-CSRF-Token': accepted.body.csrfToken },
    invite: created.body.invite,
  };
}
