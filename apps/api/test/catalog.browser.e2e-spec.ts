import { createServer, Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { freePort, launchBrowser, screenshotPath } from '../../../test/browser';
import { ConnectFixture, connectSession, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

/**
 * A real browser clicks through the hosted catalog, the emulator's consent page and back: as a full page, and as a
 * popup opened by the customer's app, which receives the result with postMessage.
 */
describe('Hosted catalog in a real browser (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let browser: Browser;
  let customerApp: Server;
  let customerOrigin: string;
  let f: ConnectFixture;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const port = await freePort();
    t = await createTestApp({
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      MICROSOFT_LOGIN_URL: emulator.url,
      MICROSOFT_GRAPH_URL: emulator.url,
    });
    await t.app.listen(port, '127.0.0.1');

    // The platform customer's own web app, on its own origin: opens the catalog in a popup and shows the result.
    const appPort = await freePort();
    customerOrigin = `http://127.0.0.1:${appPort}`;
    customerApp = createServer((req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><html><body><h1>Customer app</h1><p id="result">waiting</p>
<script>
window.addEventListener('message', function (e) {
  if (e.origin !== 'http://localhost:${port}' || !e.data || e.data.source !== 'latchkey') return;
  document.getElementById('result').textContent = e.data.status + ':' + (e.data.connectionId || '');
});
</script></body></html>`);
    });
    await new Promise<void>((resolve) => customerApp.listen(appPort, '127.0.0.1', resolve));
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    f = await setupConnector(t, emulator, { name: 'Acme CRM', connector: { displayName: 'Outlook Email', description: 'Read and send mail from your Outlook mailbox.' } });
    await t.http().put('/v1/settings').set(f.auth).send({ allowedReturnOrigins: [customerOrigin] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => customerApp?.close(resolve));
    await t?.close();
    await emulator?.close();
  });

  function watch(page: Page) {
    page.on('console', (m) => {
      // The emulator's pages are not ours; its missing favicon is not a product error.
      if (m.type() === 'error' && !page.url().startsWith(emulator.url)) consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  }

  async function consentAt(page: Page, user: 'work' | 'personal', shot?: string) {
    await page.waitForURL((url) => url.toString().startsWith(emulator.url));
    await page.locator(`input[name="user"][value="${user}"]`).check();
    if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true });
    await page.locator('button[value="accept"]').click();
  }

  it('full page: catalog -> Connect -> consent -> connected, and shows the account', async () => {
    const session = await connectSession(t, f, { id: 'browser-user', email: 'adele@contoso.example', displayName: 'Adele' }, null);
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(session.url);
    await page.getByRole('heading', { name: 'Outlook Email' }).waitFor();
    expect(await page.locator('#connecting-for').textContent()).toContain('Connecting an Outlook account for Adele (adele@contoso.example)');
    await page.screenshot({ path: screenshotPath('catalog'), fullPage: true });
    // The same link forwarded to someone else's browser: a clear page, no Connect button.
    const elsewhere = await browser.newContext();
    const forwarded = await elsewhere.newPage();
    const answer = await forwarded.goto(session.url);
    expect(answer?.status()).toBe(403);
    await forwarded.getByRole('heading', { name: 'This link belongs to someone else' }).waitFor();
    expect(await forwarded.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    await elsewhere.close();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await consentAt(page, 'work', 'emulator-consent');
    await page.getByRole('heading', { name: 'Connected' }).waitFor();
    await page.screenshot({ path: screenshotPath('connected'), fullPage: true });

    const list = await t.http().get('/v1/connections?endUserId=browser-user').set(f.auth);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].status).toBe('active');

    await page.getByRole('link', { name: 'See connections' }).click();
    await page.getByText(list.body.data[0].account.label).waitFor();
    await page.screenshot({ path: screenshotPath('catalog-connected'), fullPage: true });

    // Phone-sized and keyboard reachable.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: screenshotPath('catalog-phone'), fullPage: true });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(['A', 'BUTTON']).toContain(focused);
    await context.close();
    expect(consoleErrors).toEqual([]);
  });

  it('popup: the customer app opens the catalog, the popup posts the result to its opener and closes', async () => {
    const session = await connectSession(t, f, { id: 'popup-user' }, null);
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(customerOrigin);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate((url) => {
        window.open(url, 'latchkey', 'width=520,height=720');
      }, session.url),
    ]);
    watch(popup);
    await popup.getByRole('button', { name: 'Connect', exact: true }).click();
    await consentAt(popup, 'personal');
    await popup.waitForEvent('close', { timeout: 10_000 });
    await page.locator('#result').filter({ hasText: /^connected:/ }).waitFor();
    const text = await page.locator('#result').textContent();
    const list = await t.http().get('/v1/connections?endUserId=popup-user').set(f.auth);
    expect(text).toBe(`connected:${list.body.data[0].id}`);
    await page.screenshot({ path: screenshotPath('popup-result'), fullPage: true });
    await context.close();
    expect(consoleErrors).toEqual([]);
  });

  it('a declined consent explains itself in words', async () => {
    const session = await connectSession(t, f, { id: 'decline-user' }, null);
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(session.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForURL((url) => url.toString().startsWith(emulator.url));
    await page.locator('button[value="decline"]').click();
    await page.getByRole('heading', { name: 'Nothing was connected' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('declined');
    await page.screenshot({ path: screenshotPath('declined'), fullPage: true });
    await context.close();
  });
});
