import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { freePort, launchBrowser, screenshotPath } from '../../../test/browser';
import { callback, connectSession, consent, ConnectFixture, startFlow } from '../../../test/connect-helpers';
import { createMember, MEMBER_PASSWORD } from '../../../test/console-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/**
 * The connector page's Mail notifications section and a connection's subscription panel in a real browser: turning
 * them on without a mail scope is explained beside the scopes, with Mail.ReadBasic it saves, and the connection page
 * shows its subscription's state.
 */
describe('Console mail notifications in a real browser (e2e)', () => {
  jest.setTimeout(90_000);

  let em: RunningEmulator;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let f: ConnectFixture;
  const problems: string[] = [];
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.screenshot({ path: screenshotPath(`console-${name}`), fullPage: true });
  };
  const api = (path: string) => t.http().get(path).set(f.auth);

  beforeAll(async () => {
    em = await startEmulator({ testMode: true });
    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: origin, MICROSOFT_LOGIN_URL: em.url, MICROSOFT_GRAPH_URL: em.url });
    await t.app.listen(port, '127.0.0.1');
    const member = await createMember(t);
    const clientId = randomUUID();
    const clientSecret = `Qx8~${randomUUID().replace(/-/g, '')}`;
    em.registerApp({ clientId, clientSecret, clientType: 'confidential', redirectUris: [`${origin}/oauth/callback/${member.customer.slug}`] });
    f = { customer: member.customer, auth: { Authorization: `Bearer ${member.customer.key}` }, clientId, clientSecret };
    const put = await t.http().put('/v1/connectors/outlook-email').set(f.auth).send({ clientId, clientSecret, scopes: ['openid', 'User.Read'] });
    expect(put.status).toBe(200);

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${origin}/console/sign-in`);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/console/connector`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await em?.close();
  });

  it('turns mail notifications on: refused without a mail scope (said beside the scopes), saved with Mail.ReadBasic', async () => {
    const section = page.getByRole('region', { name: 'Mail notifications' });
    await section.getByRole('switch', { name: 'Push new mail as webhook events' }).check();
    await section.getByText('Needs Mail.ReadBasic or Mail.Read in the scopes above.').waitFor();
    await section.getByLabel('Folder').selectOption('all');
    await section.getByLabel('Deleted messages').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
    await page.getByText('Add Mail.ReadBasic or Mail.Read to scopes').first().waitFor();
    expect((await api('/v1/connectors/outlook-email')).body.mailNotifications.enabled).toBe(false);

    await page.getByLabel('Mail.ReadBasic', { exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await api('/v1/connectors/outlook-email')).body;
    expect(saved.mailNotifications).toMatchObject({ enabled: true, folder: 'all', changeTypes: ['created', 'deleted'] });
    expect(saved.scopes).toContain('Mail.ReadBasic');
    await section.getByText(`${origin}/graph/notifications`).waitFor();
    await shot('mail-notifications');
    expect(problems).toEqual([]);
  });

  it("shows a connection's subscription on its page", async () => {
    const session = await connectSession(t, f, { id: 'mail-user-1', email: 'megan@contoso.example' }, null);
    const started = await startFlow(t, session.token);
    const res = await callback(t, await consent(started, 'work'), started.cookie);
    expect([200, 302, 303]).toContain(res.status);
    const [{ id }] = (await api('/v1/connections?endUserId=mail-user-1')).body.data;
    // No worker here: the subscription the connect asked for is still pending.
    await page.goto(`${origin}/console/connections/${id}`);
    const panel = page.getByRole('region', { name: 'Mail notifications' });
    await panel.getByText('The subscription is being created.').waitFor();
    await shot('connection-mail-notifications');
    expect(problems).toEqual([]);
  });
});
