import { createServer, Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../../../apps/microsoft-emulator/src';
import { freePort, launchBrowser } from '../../../test/browser';
import { ConnectFixture, connectSession, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { compileConnect } from './compile-connect';

declare global {
  interface Window {
    openConnect: typeof import('../src').openConnect;
    readConnectResult: typeof import('../src').readConnectResult;
    latchkeyResult?: Promise<unknown>;
    forged: number;
  }
}

/**
 * @latchkey/connect in a real browser: the customer's page on its own origin opens the hosted catalog with it, the
 * end user connects through the sandbox, and the promise answers `connected`; closing the popup answers `closed`;
 * a forged result from a third origin is ignored; a blocked popup falls back to a redirect and back.
 */
describe('@latchkey/connect in a real browser (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let browser: Browser;
  let f: ConnectFixture;
  const servers: Server[] = [];
  let customerOrigin: string;
  let forgerOrigin: string;
  const pageErrors: string[] = [];

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const port = await freePort();
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${port}`;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const port = await freePort();
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    await t.app.listen(port, '127.0.0.1');

    const library = compileConnect();
    customerOrigin = await serve((req, res) => {
      if (req.url === '/latchkey-connect.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(library);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html><body><h1>Customer app</h1>
<script type="module">
import { openConnect, readConnectResult } from '/latchkey-connect.js';
window.openConnect = openConnect;
window.readConnectResult = readConnectResult;
window.forged = 0;
window.addEventListener('message', (e) => { if (e.data && e.data.source === 'latchkey' && e.origin !== location.origin) window.forged += 1; });
</script></body></html>`);
    });
    // Another origin that pretends to be the catalog: it posts a `connected` result to whoever framed it.
    forgerOrigin = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><script>
parent.postMessage({ source: 'latchkey', type: 'connect.result', status: 'connected', connectionId: 'forged' }, '*');
</script>`);
    });
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    f = await setupConnector(t, emulator, { name: 'Acme CRM' });
    await t.http().put('/v1/settings').set(f.auth).send({ allowedReturnOrigins: [customerOrigin] });
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
    await t?.close();
    await emulator?.close();
  });

  async function customerPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    await page.goto(customerOrigin);
    await page.waitForFunction(() => typeof window.openConnect === 'function');
    return page;
  }

  async function open(page: Page, url: string, options: Record<string, unknown> = {}): Promise<Page> {
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate(([u, o]) => {
        window.latchkeyResult = window.openConnect(u as string, o as Record<string, unknown>);
      }, [url, options] as const),
    ]);
    return popup;
  }

  it('opens the catalog in a popup of the asked size; connecting through the sandbox answers connected', async () => {
    const session = await connectSession(t, f, { id: 'popup-user' }, null);
    const page = await customerPage();
    const popup = await open(page, session.url, { width: 480, height: 640 });
    expect(await popup.evaluate(() => window.outerWidth)).toBe(480);
    await popup.getByRole('button', { name: 'Connect', exact: true }).click();
    await popup.waitForURL((url) => url.toString().startsWith(emulator.url));
    await popup.locator('input[name="user"][value="work"]').check();
    await popup.locator('button[value="accept"]').click();
    const result = await page.evaluate(() => window.latchkeyResult);
    const list = await t.http().get('/v1/connections?endUserId=popup-user').set(f.auth);
    expect(result).toEqual({ status: 'connected', connectionId: list.body.data[0].id, endUserId: 'popup-user', account: list.body.data[0].account.label });
    await popup.waitForEvent('close', { timeout: 10_000 });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('ignores a result forged by another origin, and answers closed when the user closes the popup', async () => {
    const session = await connectSession(t, f, { id: 'closing-user' }, null);
    const page = await customerPage();
    const popup = await open(page, session.url);
    await popup.getByRole('button', { name: 'Connect', exact: true }).waitFor();
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, forgerOrigin);
    await page.waitForFunction(() => window.forged > 0);
    const early = await page.evaluate(() => Promise.race([window.latchkeyResult, new Promise((r) => setTimeout(() => r('still waiting'), 500))]));
    expect(early).toBe('still waiting');
    await popup.close();
    expect(await page.evaluate(() => window.latchkeyResult)).toEqual({ status: 'closed' });
    await page.context().close();
  });

  it('refuses a URL that is not http(s): a javascript: URL would run in the customer\'s page (redirect) or popup', async () => {
    const page = await customerPage();
    const outcome = await page.evaluate(async () => {
      let opened = 0;
      const realOpen = window.open.bind(window);
      window.open = (...args: Parameters<typeof window.open>) => {
        opened += 1;
        return realOpen(...args);
      };
      const answers: string[] = [];
      for (const mode of ['popup', 'redirect'] as const) {
        const pending = new Promise<string>((resolve) => setTimeout(() => resolve('pending'), 300));
        const call = window.openConnect('javascript:window.pwned=1', { mode }).then(
          () => 'resolved',
          (error: Error) => error.name,
        );
        answers.push(await Promise.race([call, pending]));
      }
      return { answers, opened, pwned: (window as unknown as Record<string, unknown>).pwned ?? null };
    });
    expect(outcome).toEqual({ answers: ['TypeError', 'TypeError'], opened: 0, pwned: null });
    await page.context().close();
  });

  it('falls back to a redirect when the popup is blocked, and reads the result on the returnUrl', async () => {
    const session = await connectSession(t, f, { id: 'redirect-user' }, `${customerOrigin}/integrations`);
    const page = await customerPage();
    await page.evaluate((url) => {
      window.open = () => null; // what a popup blocker does
      void window.openConnect(url);
    }, session.url);
    await page.waitForURL(session.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.waitForURL((url) => url.toString().startsWith(emulator.url));
    await page.locator('input[name="user"][value="personal"]').check();
    await page.locator('button[value="accept"]').click();
    await page.waitForURL((url) => url.toString().startsWith(`${customerOrigin}/integrations`), { timeout: 15_000 });
    await page.waitForFunction(() => typeof window.readConnectResult === 'function');
    const list = await t.http().get('/v1/connections?endUserId=redirect-user').set(f.auth);
    expect(await page.evaluate(() => window.readConnectResult())).toEqual({ status: 'connected', connectionId: list.body.data[0].id });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('also falls back to a redirect when the blocker hands back a window that is already closed', async () => {
    const session = await connectSession(t, f, { id: 'closed-at-once-user' }, `${customerOrigin}/integrations`);
    const page = await customerPage();
    await page.evaluate((url) => {
      // What some blockers (extensions, in-app browsers) do instead of answering null.
      window.open = () => ({ closed: true, focus: () => undefined, close: () => undefined }) as unknown as Window;
      window.latchkeyResult = window.openConnect(url);
    }, session.url);
    await page.waitForURL(session.url, { timeout: 5000 });
    await page.getByRole('button', { name: 'Connect', exact: true }).waitFor();
    await page.context().close();
  });
});
