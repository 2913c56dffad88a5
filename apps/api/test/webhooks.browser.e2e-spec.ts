import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from '@app/events';
import { freePort, launchBrowser, screenshotPath } from '../../../test/browser';
import { createMember, MEMBER_PASSWORD } from '../../../test/console-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * The console's Webhooks page in a real browser against a local receiver: add an endpoint (its secret shown once), send
 * a test that arrives signed, a failing answer in the delivery log, redeliver, rotate, disable and enable, and an
 * endpoint the API disabled after 5 days of failures showing why.
 */
describe('Console webhooks in a real browser (e2e)', () => {
  jest.setTimeout(90_000);

  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let customerId: string;
  let receiver: Server;
  let receiverUrl: string;
  let answer = 200;
  const received: Received[] = [];
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: screenshotPath(`webhooks-${name}`), fullPage: true });

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'receiver exploded');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/latchkey`;

    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await createTestApp({ PORT: String(port), PUBLIC_URL: origin });
    await t.app.listen(port, '127.0.0.1');
    const member = await createMember(t);
    customerId = member.customer.id;

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
    await new Promise((resolve) => receiver?.close(resolve));
  });

  let secret: string;

  it('adds an endpoint with every event type checked by default and shows its secret once', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No endpoints yet').waitFor();
    expect(await page.locator('input[name="events"]:checked').count()).toBe(EVENT_TYPES.length);
    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByLabel('Description').fill('Local receiver');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    secret = (await page.locator('#new-webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await shot('created');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.locator('#new-webhook-secret').count()).toBe(0);
    await page.getByRole('link', { name: receiverUrl }).click();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
  });

  it('rotates the secret (shown once, the old one signs for 24 h), disables and enables', async () => {
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('button', { name: 'Yes, rotate' }).click();
    const rotated = (await page.locator('#new-webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByText('keeps signing alongside it for 24 hours').waitFor();
    await shot('rotated');
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, disable' }).click();
    await page.getByRole('alert').filter({ hasText: 'This endpoint is disabled' }).waitFor();
    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await page.getByRole('button', { name: 'Disable', exact: true }).waitFor();
    expect(await page.getByText('This endpoint is disabled').count()).toBe(0);
  });

  it('sends a test that arrives signed, then shows a 500 in the outcome and the delivery log', async () => {
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByRole('status').filter({ hasText: 'Test event delivered' }).filter({ hasText: 'HTTP 200' }).waitFor();
    const last = received[received.length - 1];
    expect(new Webhook(secret).verify(last.body, last.headers)).toMatchObject({ type: 'webhook.test' });

    answer = 500;
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByRole('alert').filter({ hasText: 'Test event not delivered' }).filter({ hasText: 'HTTP 500' }).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    const failedRow = page.locator('.webhook-log tbody tr').first();
    await failedRow.getByText('HTTP 500').waitFor();
    await failedRow.getByText('Response').click();
    await failedRow.getByText('receiver exploded').waitFor();
    await shot('delivery-log');

    answer = 200;
    await failedRow.getByRole('button', { name: /^Redeliver/ }).click();
    await page.getByRole('status').filter({ hasText: 'Redelivery queued' }).waitFor();
  });

  it('lists an endpoint the delivery engine disabled with the reason in words', async () => {
    await t.db.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_code = 'failing', disabled_reason = 'Disabled because every attempt failed for 5 days', disabled_at = now() WHERE customer_id = $1`,
      [customerId],
    );
    await page.getByRole('link', { name: '← Webhooks' }).click();
    await page.getByText('Disabled because every attempt failed for 5 days').waitFor();
    await shot('list');
    expect(problems).toEqual([]);
  });
});
