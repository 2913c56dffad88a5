import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { freePort, launchBrowser, screenshotPath } from '../../../test/browser';
import { callback, connectSession, consent, ConnectFixture, startFlow } from '../../../test/connect-helpers';
import { MEMBER_PASSWORD } from '../../../test/console-helpers';
import { createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * The admin console in a real browser, as a platform customer uses it: accept the invite, sign in, configure the
 * Outlook Email connector against the emulator's Azure app, manage API keys, connect a test mailbox with "Try it"
 * and find the connection. No console errors, no CSP violations; a screenshot of every page.
 */
describe('Admin console in a real browser (e2e)', () => {
  jest.setTimeout(90_000);

  let emulator: RunningEmulator;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let slug: string;
  let customer: { id: string; name: string; key: string };
  let email: string;
  let inviteUrl: string;
  const clientId = randomUUID();
  const clientSecret = `Qx8~${randomUUID().replace(/-/g, '')}`;
  /** Console errors, page errors and CSP violations: must stay empty. */
  const problems: string[] = [];
  /** 4xx answers the console asked for on purpose (validation errors, the signed-out session probe). */
  const expectedApiErrors: string[] = [];

  /** Full page, scrolled to the end first so the connector's sticky save bar sits where it belongs in the picture. */
  const shot = async (name: string, p: Page = page) => {
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await p.screenshot({ path: screenshotPath(`console-${name}`), fullPage: true });
  };
  const api = (path: string, key = customer.key) => t.http().get(path).set('Authorization', `Bearer ${key}`);
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();

  function watch(p: Page) {
    p.on('console', (m: ConsoleMessage) => {
      if (m.type() !== 'error') return;
      // The emulator's pages are Microsoft's stand-in, not ours.
      if (p.url().startsWith(emulator.url)) return;
      // Chromium logs every 4xx fetch answer; the console asks for some on purpose and shows them as messages.
      const at = m.location().url;
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && at.startsWith(`${origin}/v1/`)) {
        expectedApiErrors.push(`${m.text()} ${at}`);
        return;
      }
      problems.push(`console ${p.url()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror ${p.url()}: ${e.message}`));
  }

  async function cspViolations(p: Page = page): Promise<string[]> {
    return p.evaluate(() => window.__cspViolations ?? []);
  }

  async function expectClean() {
    expect(await cspViolations()).toEqual([]);
    expect(problems).toEqual([]);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: origin, MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    await t.app.listen(port, '127.0.0.1');

    slug = `console-${Date.now().toString(36)}`;
    email = `admin@${slug}.example`;
    const created = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Acme CRM', slug, adminEmail: email });
    expect(created.status).toBe(201);
    customer = { id: created.body.id, name: 'Acme CRM', key: created.body.apiKey.secret };
    inviteUrl = created.body.invite.url;

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    watch(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await emulator?.close();
  });

  it('an invited member chooses a password, signs out, and signs in again (a wrong password first)', async () => {
    const response = await page.goto(inviteUrl);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');

    await page.getByRole('heading', { name: 'Join Acme CRM' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(MEMBER_PASSWORD);
    await page.getByLabel('Password again').fill(MEMBER_PASSWORD);
    await shot('invite');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${origin}/console/connector`);
    await page.getByRole('heading', { name: 'Outlook Email connector' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${origin}/console/sign-in`);

    // A page behind sign-in sends the visitor to sign in, and back there afterwards.
    await page.goto(`${origin}/console/connections`);
    await page.waitForURL(`${origin}/console/sign-in?next=%2Fconnections`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    await shot('sign-in');

    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/console/connections`);
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await expectClean();
  });

  it('configures the Outlook Email connector: callback URL, validation beside the field, locked offline_access, live preview', async () => {
    await nav('Outlook Email connector');
    await page.getByRole('heading', { name: 'Outlook Email connector' }).waitFor();

    // The callback URL to register in Azure, under the Web platform, with a working copy button.
    const callbackUrl = await page.locator('#callback-url').textContent();
    expect(callbackUrl).toBe(`${origin}/oauth/callback/${slug}`);
    await expect(page.locator('.callback-platform').textContent()).resolves.toContain('Add a platform → Web');
    await page.getByRole('button', { name: 'Copy callback URL' }).click();
    await page.getByRole('button', { name: 'Copy callback URL' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(callbackUrl);
    emulator.registerApp({ clientId, clientSecret, clientType: 'confidential', redirectUris: [callbackUrl!] });

    // offline_access stays checked whatever the user does, and says why.
    const offline = page.locator('#scope-offline_access');
    expect(await offline.isChecked()).toBe(true);
    await offline.click({ force: true });
    expect(await offline.isChecked()).toBe(true);
    await offline.focus();
    await page.keyboard.press('Space');
    expect(await offline.isChecked()).toBe(true);
    await expect(page.locator('#scope-offline_access-desc').textContent()).resolves.toContain('without it Microsoft returns no refresh token');

    // The Secret ID (a GUID) pasted instead of the secret's value: the API's message sits beside the secret field.
    await page.getByLabel('Application (client) ID').fill(clientId);
    await page.getByLabel('Client secret value').fill(randomUUID());
    await page.getByRole('button', { name: 'Save connector' }).click();
    const secretField = page.locator('.field', { has: page.locator('#clientSecret') });
    await secretField.locator('.field-error').filter({ hasText: 'Secret ID' }).waitFor();
    expect(await page.locator('#clientSecret').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('clientSecret');
    await shot('connector-error');

    // The real value, an expiry date close enough for a warning, one more scope, and the catalog look.
    await page.getByLabel('Client secret value').fill(clientSecret);
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Secret expires on').fill(soon);
    await page.locator('#clientSecretExpiresAt-warning').filter({ hasText: 'expires in' }).waitFor();
    await page.locator('#scope-Mail-Send').check();
    await page.getByLabel('Display name').fill('Outlook Mail');
    await page.getByLabel('Description').fill('Send and read email from your Outlook mailbox.');
    const preview = page.getByTestId('catalog-preview');
    await preview.getByText('Outlook Mail', { exact: true }).waitFor();
    await preview.getByText('Send and read email from your Outlook mailbox.').waitFor();

    // Disabled first: the preview says so and the API agrees.
    await page.getByRole('switch', { name: 'Enabled' }).uncheck();
    await page.getByText('Disabled: the catalog does not show this connector').waitFor();
    await page.getByRole('button', { name: 'Save connector' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    let saved = (await api('/v1/connectors/outlook-email')).body;
    expect(saved).toMatchObject({ configured: true, enabled: false, clientId, displayName: 'Outlook Mail', clientSecret: { set: true, hint: clientSecret.slice(-4) } });
    expect(saved.scopes).toEqual(expect.arrayContaining(['offline_access', 'Mail.Read', 'Mail.Send']));
    expect(saved.clientSecret.expiresAt.slice(0, 10)).toBe(soon);

    // Then enabled. The secret field never shows the secret back, only when it was set and its last 4 characters.
    await page.getByRole('switch', { name: 'Enabled' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    saved = (await api('/v1/connectors/outlook-email')).body;
    expect(saved.enabled).toBe(true);
    expect(await page.locator('#clientSecret').inputValue()).toBe('');
    await expect(page.locator('#clientSecret-hint').textContent()).resolves.toContain(`ends in ••••${clientSecret.slice(-4)}`);
    await shot('connector');
    await expectClean();
  });

  it('creates an API key shown once with a copy button, revokes it, and explains why the last key cannot go', async () => {
    await nav('API keys');
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByLabel('Name').fill('Production backend');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('#new-key-secret').textContent())!;
    expect(secret).toMatch(/^lk_sk_/);
    await page.getByRole('button', { name: 'Copy the new API key' }).click();
    await page.getByRole('button', { name: 'Copy the new API key' }).filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect((await api('/v1/connections', secret)).status).toBe(200);
    await page.getByRole('row', { name: /Production backend/ }).waitFor();
    await shot('api-keys');

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await page.getByRole('row', { name: /Production backend/ }).waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke Production backend' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('row', { name: /Production backend/ }).getByText('Revoked').waitFor();
    expect((await api('/v1/connections', secret)).status).toBe(401);

    await page.getByRole('button', { name: 'Revoke Initial key' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('alert').filter({ hasText: 'only active API key' }).waitFor();
    expect((await api('/v1/connections')).status).toBe(200);
    await shot('api-keys-revoked');
    await expectClean();
  });

  it('Try it: opens the hosted catalog in a new tab, connects through the emulator, and the connection appears', async () => {
    await nav('Try it');
    await page.getByRole('heading', { name: 'Try it' }).waitFor();
    expect(await page.getByLabel('End user id').inputValue()).toBe('console-test-user');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open the catalog in a new tab' }).click()]);
    watch(tab);
    // Opened with noopener: the catalog cannot reach back into the console.
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await tab.getByRole('heading', { name: 'Outlook Mail' }).waitFor();
    await tab.getByRole('button', { name: 'Connect', exact: true }).click();
    await tab.waitForURL((url) => url.toString().startsWith(emulator.url));
    await tab.locator('input[name="user"][value="work"]').check();
    await tab.locator('button[value="accept"]').click();
    await tab.getByRole('heading', { name: 'Connected' }).waitFor();
    expect(await cspViolations(tab)).toEqual([]);
    await tab.close();

    await page.getByText('megan.bowen@contoso.onmicrosoft.com is connected').waitFor({ timeout: 15_000 });
    await shot('try-it');
    // One call through the Graph proxy, which the connection's page lists.
    const connectionId = (await api('/v1/connections?endUserId=console-test-user')).body.data[0].id as string;
    expect((await api(`/v1/connections/${connectionId}/graph/v1.0/me/messages?$top=1`)).status).toBe(200);

    await page.getByRole('link', { name: 'View the connection' }).click();
    await page.getByRole('heading', { name: 'megan.bowen@contoso.onmicrosoft.com' }).waitFor();
    await page.getByRole('heading', { name: 'Status history' }).waitFor();
    await page.locator('.timeline').getByText('Connected as megan.bowen@contoso.onmicrosoft.com').waitFor();
    await page.getByRole('heading', { name: 'Recent Graph calls' }).waitFor();
    await page.locator('.graph-calls').getByText('GET v1.0/me/messages').waitFor();
    await shot('connection');

    await nav('Connections');
    const row = page.getByRole('row', { name: /console-test-user/ });
    await row.getByText('megan.bowen@contoso.onmicrosoft.com').waitFor();
    await row.getByText('Active').waitFor();
    await row.getByText('Mail.Send').waitFor();
    await page.getByLabel('Search').fill('MEGAN');
    await page.waitForURL(/search=MEGAN/);
    await row.waitFor();
    await page.getByLabel('Status').selectOption('needs_reauth');
    await page.getByText('No connection matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('');
    await page.locator('.list-status').filter({ hasText: /^1 connection$/ }).waitFor();
    await row.waitFor();
    await shot('connections');
    await expectClean();
  });

  it('explains failed connect attempts in words, with the AADSTS code', async () => {
    const f: ConnectFixture = { customer: { id: customer.id, slug, key: customer.key }, auth: { Authorization: `Bearer ${customer.key}` }, clientId, clientSecret };
    const declined = await startFlow(t, (await connectSession(t, f, { id: 'declining-user' }, null)).token);
    await callback(t, await consent(declined, 'work', 'decline'), declined.cookie);
    // The secret expires at Microsoft: the code cannot be redeemed (AADSTS7000222).
    emulator.expireSecret(clientId);
    const expired = await startFlow(t, (await connectSession(t, f, { id: 'unlucky-user' }, null)).token);
    await callback(t, await consent(expired, 'personal'), expired.cookie);

    await nav('Connect attempts');
    await page.getByRole('heading', { name: 'Connect attempts' }).waitFor();
    await page.getByRole('row', { name: /unlucky-user/ }).getByText('AADSTS7000222', { exact: true }).waitFor();
    await page.getByRole('row', { name: /unlucky-user/ }).getByText(/client secret has expired/).waitFor();
    await page.getByRole('row', { name: /declining-user/ }).locator('.badge', { hasText: 'Declined' }).waitFor();
    await page.getByRole('row', { name: /console-test-user/ }).locator('.badge', { hasText: 'Connected' }).waitFor();
    await page.getByLabel('Outcome').selectOption('failed');
    await page.getByRole('row', { name: /declining-user/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Outcome').selectOption('');
    await page.getByRole('row', { name: /declining-user/ }).waitFor();
    await shot('attempts');
    await expectClean();
  });

  it('Settings: a return origin the API refuses is explained beside the field', async () => {
    await nav('Settings');
    await page.getByLabel('Origins, one per line').fill('https://app.acme.example\nftp://files.acme.example/path');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#allowedReturnOrigins-error').filter({ hasText: 'ftp://files.acme.example/path' }).waitFor();
    await page.getByLabel('Origins, one per line').fill('https://app.acme.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await api('/v1/settings')).body.allowedReturnOrigins).toEqual(['https://app.acme.example']);
    await expectClean();
  });

  it('is readable at phone width and keyboard reachable; disconnect removes the connection', async () => {
    await nav('Connections');
    await page.setViewportSize({ width: 390, height: 844 });
    const row = page.getByRole('row', { name: /console-test-user/ });
    await row.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('connections-phone');
    await nav('Outlook Email connector');
    await page.locator('#callback-url').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('connector-phone');
    await nav('Connections');

    await page.reload();
    await row.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: /Connection of console-test-user/ }).click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.waitForURL(`${origin}/console/connections`);
    await page.getByText('The connection was disconnected').waitFor();
    expect((await api('/v1/connections?endUserId=console-test-user')).body.data).toEqual([]);
    await expectClean();
    // The only 4xx answers were the ones asked for: the signed-out probes, the refused secret, wrong password, last key.
    expect(expectedApiErrors.length).toBeGreaterThan(0);
  });
});
