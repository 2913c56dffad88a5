import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { RunningEmulator, startEmulator } from '../src';
import { CONFIDENTIAL_APP, codeGrant, TEST_APPS, token } from './helpers';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p): p is string => !!p && existsSync(p),
);
const describeIfBrowser = CHROMIUM ? describe : describe.skip;

/** The consent page in a real browser (strict CSP, no scripts): pick an account, Accept, land on the callback. */
describeIfBrowser('Microsoft emulator: consent page in a real browser', () => {
  let em: RunningEmulator;
  let browser: Browser;
  let callback: Server;
  let callbackPort: number;
  const received: { method: string; url: string; body: string }[] = [];

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS, testMode: false });
    callback = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, body });
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<p>callback reached</p>');
      });
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    callbackPort = (callback.address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 20000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => callback?.close(resolve));
    await em?.close();
  });

  function url(extra: Record<string, string> = {}): string {
    const u = new URL(`${em.url}/common/oauth2/v2.0/authorize`);
    // Registered as http://localhost:3000/oauth/callback: the port of a localhost redirect URI is ignored.
    const params = {
      client_id: CONFIDENTIAL_APP.clientId,
      response_type: 'code',
      redirect_uri: `http://localhost:${callbackPort}/oauth/callback`,
      scope: 'openid profile offline_access User.Read Mail.Read',
      state: 'browser-state',
      ...extra,
    };
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }

  it('Accept (query mode) lands on the callback with a code that redeems', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(url());
    await page.getByText('Test double — not Microsoft').first().waitFor();
    await page.check('input[name="user"][value="personal"]');
    await Promise.all([page.waitForURL(/\/oauth\/callback\?/), page.click('button[value="accept"]')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('browser-state');
    const code = landed.searchParams.get('code')!;
    const res = await token(em, codeGrant(code, CONFIDENTIAL_APP, { redirect_uri: `http://localhost:${callbackPort}/oauth/callback` }));
    expect(res.status).toBe(200);
    expect(consoleErrors).toEqual([]); // no CSP violations, no missing assets
    await page.close();
  });

  it('form_post: Continue posts code and state to the redirect URI', async () => {
    const page = await browser.newPage();
    await page.goto(url({ response_mode: 'form_post' }));
    await page.click('button[value="accept"]');
    await Promise.all([page.waitForURL(/\/oauth\/callback$/), page.click('button:has-text("Continue")')]);
    const post = received.find((r) => r.method === 'POST');
    expect(post).toBeDefined();
    const fields = new URLSearchParams(post!.body);
    expect(fields.get('code')).toBeTruthy();
    expect(fields.get('state')).toBe('browser-state');
    await page.close();
  });
});
