import { EMULATOR_USERS, RunningEmulator, startEmulator } from '../src';
import { authorizeUrl, CONFIDENTIAL_APP, codeGrant, TEST_APPS, token } from './helpers';

/** The HTML consent page a newcomer sees in a real browser (sandbox mode, no shortcut). */
describe('Microsoft emulator: HTML consent page', () => {
  let em: RunningEmulator;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS, testMode: false });
  });
  afterAll(() => em.close());

  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

  async function openConsent(extra: Record<string, string> = {}, tenant = 'common') {
    const res = await fetch(authorizeUrl(em, { tenant, extra, state: 'st<&>' }), { redirect: 'manual' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
    expect(form).not.toBeNull();
    const requestId = /name="request" value="([^"]+)"/.exec(form![2])![1];
    return { res, html, action: new URL(decode(form![1]), em.url).toString(), requestId };
  }

  const submit = (action: string, fields: Record<string, string>) =>
    fetch(action, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

  it('is a real form: banner, users as radios, scopes, Accept and Decline, no scripts, strict CSP', async () => {
    const { res, html } = await openConsent();
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script|\son\w+=/i);
    expect(html).toContain('Test double — not Microsoft');
    for (const user of Object.values(EMULATOR_USERS)) expect(html).toContain(`type="radio" name="user" value="${user.key}"`);
    for (const scope of ['openid', 'offline_access', 'User.Read', 'Mail.Read']) expect(html).toContain(`<code>${scope}</code>`);
    expect(html).toMatch(/<button type="submit" name="decision" value="accept"[^>]*>Accept<\/button>/);
    expect(html).toMatch(/<button type="submit" name="decision" value="decline"[^>]*>Decline<\/button>/);
    const css = await fetch(`${em.url}/_emulator-assets/emulator.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('lists only the accounts the tenant path allows and preselects login_hint', async () => {
    const { html } = await openConsent({ login_hint: EMULATOR_USERS.guest.upn }, 'organizations');
    expect(html).not.toContain('value="personal"');
    expect(html).toContain('value="guest" checked');
  });

  it('Accept redirects with a code that redeems; the request cannot be replayed', async () => {
    const { action, requestId } = await openConsent();
    const res = await submit(action, { request: requestId, user: 'guest', decision: 'accept' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('st<&>');
    const tokens = await token(em, codeGrant(location.searchParams.get('code')!));
    expect(tokens.status).toBe(200);
    const payload = JSON.parse(Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString());
    expect(payload.oid).toBe(EMULATOR_USERS.guest.oid);
    expect((await submit(action, { request: requestId, user: 'guest', decision: 'accept' })).status).toBe(400);
  });

  it('Decline redirects with access_denied', async () => {
    const { action, requestId } = await openConsent();
    const res = await submit(action, { request: requestId, user: 'work', decision: 'decline' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
  });

  it('honours response_mode=form_post with a script-free form to the redirect URI', async () => {
    const { action, requestId } = await openConsent({ response_mode: 'form_post' });
    const res = await submit(action, { request: requestId, user: 'work', decision: 'accept' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<form method="post" action="${CONFIDENTIAL_APP.redirectUris[0]}">`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="st&lt;&amp;&gt;"');
    expect(html).toMatch(/name="session_state"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Continue<\/button>/);
  });

  it('still shows an error page, not a redirect, for a bad redirect URI', async () => {
    const res = await fetch(authorizeUrl(em, { redirectUri: 'https://attacker.example/cb' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('AADSTS50011');
    expect(html).toContain('Test double — not Microsoft');
  });
});
