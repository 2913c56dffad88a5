import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../../apps/microsoft-emulator/src';
import { compileConnect } from '../../../packages/connect/test/compile-connect';
import { Latchkey } from '../../../packages/node/src';
import { freePort, launchBrowser, screenshotPath } from '../../../test/browser';
import { setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createApp } = require('../app') as { createApp: (o: Record<string, unknown>) => { listen: (port: number, host: string, cb: () => void) => Server } };

/**
 * The examples/express app, as `npm run example` runs it, against the real API and the sandbox in a real browser:
 * Connect opens the catalog in a popup with @latchkey/connect, the page then lists the mailbox's messages read with
 * a token from @latchkey/node, and a webhook verified by the app shows up.
 */
describe('Example Express app in a real browser (e2e)', () => {
  jest.setTimeout(60_000);

  let emulator: RunningEmulator;
  let t: TestApp;
  let browser: Browser;
  let server: Server;

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await emulator?.close();
  });

  it('connects through the popup, reads messages with a token, and verifies a webhook', async () => {
    emulator = await startEmulator({ testMode: true });
    const port = await freePort();
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    await t.app.listen(port, '127.0.0.1');
    const f = await setupConnector(t, emulator, { name: 'Example' });
    const latchkey = new Latchkey({ apiKey: f.customer.key, baseUrl: `http://127.0.0.1:${port}` });

    const appPort = await freePort();
    const origin = `http://127.0.0.1:${appPort}`;
    const webhook: { secret?: string } = {};
    server = await new Promise<Server>((resolve) => {
      const s = createApp({ latchkey, graphUrl: emulator.url, connectScript: compileConnect(), webhookSecret: () => webhook.secret }).listen(appPort, '127.0.0.1', () => resolve(s));
    });
    await latchkey.settings.update({ allowedReturnOrigins: [origin] });
    const endpoint = await latchkey.webhookEndpoints.create({ url: `${origin}/webhooks/latchkey`, events: ['webhook.test'] });
    webhook.secret = endpoint.secret;

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(origin);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Connect Outlook' }).click()]);
    await popup.getByRole('button', { name: 'Connect', exact: true }).click();
    await popup.waitForURL((url) => url.toString().startsWith(emulator.url));
    await popup.locator('input[name="user"][value="work"]').check();
    await popup.locator('button[value="accept"]').click();
    await page.getByRole('status').filter({ hasText: /^Connected as / }).waitFor();
    expect(await page.locator('#messages li').count()).toBeGreaterThan(0);

    expect((await latchkey.webhookEndpoints.test(endpoint.id)).delivered).toBe(true);
    await page.locator('#events li', { hasText: 'webhook.test' }).waitFor();
    await page.screenshot({ path: screenshotPath('example-app'), fullPage: true });
    const forged = await fetch(`${origin}/webhooks/latchkey`, { method: 'POST', body: '{"id":"evt_x","type":"webhook.test"}', headers: { 'webhook-id': 'evt_x', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' } });
    expect(forged.status).toBe(400);
  });
});
