import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { CryptoModule, SecretBox } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { dataSourceOptions, DeliveryTrigger } from '@app/database';
import { toEventId } from '@app/events';
import { DeliveriesRepository, WebhookDeliverer, WebhookSender, WebhookSigner } from '@app/webhooks';
import { TEST_ENV } from '../../../test/test-env';
import { insertCustomer, insertEndpoint, insertEvent, newSecret, startReceiver } from './delivery-fixtures';

/** One attempt of one delivery against a real Postgres and a real local receiver. */
describe('WebhookDeliverer (e2e)', () => {
  let ctx: INestApplicationContext;
  let db: DataSource;
  let box: SecretBox;
  let repo: DeliveriesRepository;
  let deliverer: WebhookDeliverer;
  let config: AppConfig;
  let customerId: string;
  let rx: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    config = loadConfig({ ...TEST_ENV, WEBHOOK_TIMEOUT_SECONDS: '1' });
    ctx = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)), CryptoModule],
      providers: [DeliveriesRepository, WebhookSigner, WebhookSender, WebhookDeliverer],
    }).compile();
    await ctx.init();
    db = ctx.get(DataSource);
    box = ctx.get(SecretBox);
    repo = ctx.get(DeliveriesRepository);
    deliverer = ctx.get(WebhookDeliverer);
    customerId = await insertCustomer(db);
    rx = await startReceiver({
      '/ok': (_q, s) => s.writeHead(200).end('thanks'),
      '/500': (_q, s) => s.writeHead(500).end('boom'),
      '/410': (_q, s) => s.writeHead(410).end(),
      '/429': (_q, s) => s.writeHead(429, { 'retry-after': '120' }).end(),
      '/302': (_q, s) => s.writeHead(302, { location: '/target' }).end(),
      '/target': (_q, s) => s.writeHead(200).end(),
      '/slow': (_q, s) => void setTimeout(() => !s.destroyed && s.writeHead(200).end(), 3000).unref(),
      '/huge': (_q, s) => {
        s.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'y');
        let sent = 0;
        const more = () => {
          while (sent < 10 * 1024 * 1024 && !s.destroyed) {
            sent += chunk.length;
            if (!s.write(chunk)) return void s.once('drain', more);
          }
          s.end();
        };
        more();
      },
    });
  });
  afterAll(async () => {
    await rx?.close();
    await ctx?.close();
  });

  async function delivery(path: string, trigger: DeliveryTrigger = 'event', o: Parameters<typeof insertEndpoint>[4] = {}) {
    const endpoint = await insertEndpoint(db, box, customerId, rx.url(path), o);
    const event = await insertEvent(db, customerId);
    const [d] = await repo.createDeliveries(customerId, event.id, [endpoint.id], trigger);
    return { endpoint, event, deliveryId: d.id };
  }
  const row = async (table: string, id: string) => (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];

  it('delivers a signed envelope: 2xx succeeded, the attempt logged, the delivery done', async () => {
    const previous = newSecret();
    const { endpoint, event, deliveryId } = await delivery('/ok', 'event', { previousSecret: previous });
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    expect(outcome.kind).toBe('succeeded');
    const got = rx.received.filter((r) => r.path === '/ok').at(-1)!;
    expect(got.headers['user-agent']).toBe('Latchkey-Webhooks/1');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['webhook-id']).toBe(toEventId(event.id));
    const h = { 'webhook-id': got.headers['webhook-id'] as string, 'webhook-timestamp': got.headers['webhook-timestamp'] as string, 'webhook-signature': got.headers['webhook-signature'] as string };
    expect(new Webhook(endpoint.secret).verify(got.body, h)).toEqual({ id: toEventId(event.id), type: 'webhook.test', createdAt: event.createdAt.toISOString(), data: { hello: 'world' } });
    expect(() => new Webhook(previous).verify(got.body, h)).not.toThrow();
    const d = await row('webhook_deliveries', deliveryId);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, lease_until: null, next_attempt_at: null });
    const a = await row('webhook_attempts', outcome.kind === 'succeeded' ? outcome.attempt.id : '');
    expect(a).toMatchObject({ status: 'succeeded', http_status: 200, error: null, response_body: 'thanks', attempt: 1 });
    // The relay's pair is unique: creating it again adds nothing; a redelivery is a new delivery.
    expect(await repo.createDeliveries(customerId, event.id, [endpoint.id], 'event')).toEqual([]);
    expect(await repo.createDeliveries(customerId, event.id, [endpoint.id], 'redeliver')).toHaveLength(1);
  });

  it('a 500 is retried on the schedule and marks the endpoint failing; a later success clears it', async () => {
    const { endpoint, deliveryId } = await delivery('/500');
    const before = Date.now();
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    if (outcome.kind !== 'retry') throw new Error(`expected retry, got ${outcome.kind}`);
    expect(outcome.attempt).toMatchObject({ status: 'failed', httpStatus: 500, error: 'http_status', responseBody: 'boom' });
    const delay = outcome.nextAttemptAt.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(4400);
    expect(delay).toBeLessThanOrEqual(6000);
    expect(await row('webhook_deliveries', deliveryId)).toMatchObject({ status: 'pending', attempts: 1, lease_until: null });
    expect((await row('webhook_endpoints', endpoint.id)).failing_since).not.toBeNull();
    await db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [endpoint.id, rx.url('/ok')]);
    expect((await deliverer.attempt(customerId, deliveryId, 2)).kind).toBe('succeeded');
    expect((await row('webhook_endpoints', endpoint.id)).failing_since).toBeNull();
  });

  it('a 410 disables the endpoint at once and cancels its other pending deliveries', async () => {
    const { endpoint, deliveryId } = await delivery('/410');
    const other = await repo.createDeliveries(customerId, (await insertEvent(db, customerId)).id, [endpoint.id], 'event');
    expect((await deliverer.attempt(customerId, deliveryId, 1)).kind).toBe('failed');
    const e = await row('webhook_endpoints', endpoint.id);
    expect(e).toMatchObject({ enabled: false, disabled_code: 'gone' });
    expect(e.disabled_reason).toContain('127.0.0.1');
    expect((await row('webhook_deliveries', other[0].id)).status).toBe('cancelled');
    // A job for a delivery of a disabled endpoint sends nothing.
    const late = await repo.createDeliveries(customerId, (await insertEvent(db, customerId)).id, [endpoint.id], 'redeliver');
    expect(await deliverer.attempt(customerId, late[0].id, 1)).toEqual({ kind: 'skipped', reason: 'endpoint_disabled' });
    expect((await row('webhook_deliveries', late[0].id)).status).toBe('cancelled');
  });

  it('an endpoint failing for longer than allowed is disabled with the reason', async () => {
    const since = new Date(Date.now() - (config.webhooks.disableAfterFailingHours + 1) * 3_600_000);
    const { endpoint, deliveryId } = await delivery('/500', 'event', { failingSince: since });
    expect((await deliverer.attempt(customerId, deliveryId, 1)).kind).toBe('failed');
    const e = await row('webhook_endpoints', endpoint.id);
    expect(e).toMatchObject({ enabled: false, disabled_code: 'failing', disabled_reason: `Every attempt failed since ${since.toISOString()}: HTTP 500` });
  });

  it('429 with Retry-After: 120 waits at least 120 s', async () => {
    const { deliveryId } = await delivery('/429');
    const before = Date.now();
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    if (outcome.kind !== 'retry') throw new Error(`expected retry, got ${outcome.kind}`);
    expect(outcome.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(120_000);
  });

  it('does not follow a redirect', async () => {
    const { deliveryId } = await delivery('/302');
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    expect(outcome).toMatchObject({ kind: 'retry', attempt: { httpStatus: 302, error: 'redirect_not_followed' } });
    expect(rx.hits('/target')).toBe(0);
  });

  it('times a slow receiver out after WEBHOOK_TIMEOUT_SECONDS', async () => {
    const { deliveryId } = await delivery('/slow');
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    expect(outcome).toMatchObject({ kind: 'retry', attempt: { error: 'timeout', httpStatus: null } });
    if (outcome.kind === 'retry') expect(outcome.attempt.durationMs).toBeLessThan(2000);
  });

  it('cuts a 10 MB answer at 64 KB and logs at most 1 KB of it', async () => {
    const { deliveryId } = await delivery('/huge');
    const outcome = await deliverer.attempt(customerId, deliveryId, 1);
    if (outcome.kind !== 'succeeded') throw new Error(`expected succeeded, got ${outcome.kind}`);
    expect(outcome.attempt.responseBody).toBe('y'.repeat(1024));
    expect((await row('webhook_attempts', outcome.attempt.id)).response_body).toHaveLength(1024);
  });

  it('the same attempt claimed twice sends once; a stale job claims nothing', async () => {
    const { deliveryId } = await delivery('/ok');
    const hits = rx.hits('/ok');
    const both = await Promise.all([deliverer.attempt(customerId, deliveryId, 1), deliverer.attempt(customerId, deliveryId, 1)]);
    expect(both.map((o) => o.kind).sort()).toEqual(['skipped', 'succeeded']);
    expect(rx.hits('/ok')).toBe(hits + 1);
    expect(await deliverer.attempt(customerId, deliveryId, 1)).toEqual({ kind: 'skipped', reason: 'not_claimed' });
    expect(await deliverer.attempt(customerId, deliveryId, 2)).toEqual({ kind: 'skipped', reason: 'not_claimed' });
  });

  it('a test delivery is never retried', async () => {
    const { deliveryId } = await delivery('/500', 'test');
    expect((await deliverer.attempt(customerId, deliveryId, 1)).kind).toBe('failed');
    expect(await row('webhook_deliveries', deliveryId)).toMatchObject({ status: 'failed', next_attempt_at: null });
  });

  it('maps a refused connection and a TLS failure to their codes', async () => {
    const sender = ctx.get(WebhookSender);
    const headers = { 'webhook-id': 'evt_x', 'webhook-timestamp': '0', 'webhook-signature': 'v1,x' };
    expect((await sender.send('http://127.0.0.1:1/', '{}', headers)).result.error).toBe('connection_refused');
    expect((await sender.send(rx.url('/ok').replace('http:', 'https:'), '{}', headers)).result.error).toBe('tls_error');
  });

  it('refuses private addresses at connect time in production, and link-local always', async () => {
    const production = new WebhookSender({ ...config, webhooks: { ...config.webhooks, allowPrivateUrls: false, allowInsecureUrls: true } });
    const prodDeliverer = new WebhookDeliverer(repo, new WebhookSigner(), production, box, config);
    const hits = rx.hits('/ok');
    const { deliveryId } = await delivery('/ok');
    expect(await prodDeliverer.attempt(customerId, deliveryId, 1)).toMatchObject({ kind: 'retry', attempt: { error: 'address_not_allowed', httpStatus: null } });
    const headers = { 'webhook-id': 'evt_x', 'webhook-timestamp': '0', 'webhook-signature': 'v1,x' };
    const byName = await production.send(rx.url('/ok').replace('127.0.0.1', 'localhost'), '{}', headers);
    expect(byName.result.error).toBe('address_not_allowed');
    expect(rx.hits('/ok')).toBe(hits);
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[fe80::1]/', 'http://0.0.0.0/', 'http://224.0.0.1/']) {
      expect([url, (await ctx.get(WebhookSender).send(url, '{}', headers)).result.error]).toEqual([url, 'address_not_allowed']);
    }
    production.onModuleDestroy();
  });
});
