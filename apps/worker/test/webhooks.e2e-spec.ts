import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { SecretBox, webhookSecretAad } from '@app/common';
import { EventsOutbox } from '@app/events';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';
import { startWorker, stopAllProcesses, until, WorkerProcess } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A local receiver; `answer` decides each response (status, delay). */
async function receiver(answer: (n: number) => { status: number; delayMs?: number }): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body, at: Date.now() });
      const { status, delayMs } = answer(got.length);
      setTimeout(() => res.writeHead(status).end('ok'), delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

/**
 * The worker as a real process: the relay turns an event into a delivery per subscribed endpoint of its customer,
 * the processor signs and sends it (verified with standardwebhooks), retries keep the webhook-id, and a slow
 * endpoint does not hold up another customer's.
 */
describe('Webhook delivery (e2e, real worker)', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ ...TEST_ENV, WEBHOOK_RETRY_SCHEDULE: '1,1,1', WEBHOOK_RELAY_INTERVAL_MS: '50',
      // Few worker slots and fewer per endpoint: a slow endpoint's jobs beyond its share must give their slot back.
      WEBHOOK_CONCURRENCY: '6',
      WEBHOOK_ENDPOINT_CONCURRENCY: '2',
    });
  });
  afterAll(async () => {
    await stopAllProcesses();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await t?.close();
  });

  async function endpoint(customerId: string, url: string, events: string[]): Promise<{ id: string; secret: string }> {
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const sealed = t.app.get(SecretBox).encrypt(secret, webhookSecretAad(customerId, id, 'secret'));
    await t.db.query(`INSERT INTO webhook_endpoints (id, customer_id, url, events, secret_encrypted) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      customerId,
      url,
      events,
      sealed,
    ]);
    return { id, secret };
  }

  async function emit(customerId: string, type: 'connection.created' | 'connector.misconfigured'): Promise<string> {
    const outbox = t.app.get(EventsOutbox);
    const e = await t.db.transaction((em) => outbox.append(customerId, { type, data: { probe: randomUUID() } }, em));
    return e.id;
  }

  async function listen(answer: (n: number) => { status: number; delayMs?: number }) {
    const r = await receiver(answer);
    servers.push(r.server);
    return r;
  }

  it('delivers a signed event to the subscribed endpoint only, never to another customer', async () => {
    const [a, b] = [await createCustomer(t), await createCustomer(t)];
    const mine = await listen(() => ({ status: 200 }));
    const unsubscribed = await listen(() => ({ status: 200 }));
    const other = await listen(() => ({ status: 200 }));
    const ep = await endpoint(a.id, mine.url, ['connection.created']);
    await endpoint(a.id, unsubscribed.url, ['connector.misconfigured']);
    await endpoint(b.id, other.url, ['connection.created']);
    const eventId = await emit(a.id, 'connection.created');

    await until(() => mine.got.length, (n) => n >= 1, 10_000);
    const [msg] = mine.got;
    const payload = new Webhook(ep.secret).verify(msg.body, msg.headers as Record<string, string>) as { id: string; type: string };
    expect(payload.type).toBe('connection.created');
    expect(msg.headers['webhook-id']).toBe(payload.id);
    expect(payload.id).toBe(`evt_${eventId.replace(/-/g, '')}`);
    const status = await until(
      async () => (await t.db.query(`SELECT status FROM webhook_deliveries WHERE event_id = $1`, [eventId])) as Array<{ status: string }>,
      (rows) => rows.length === 1 && rows[0].status === 'succeeded',
    );
    expect(status).toEqual([{ status: 'succeeded' }]);
    expect(unsubscribed.got).toHaveLength(0);
    expect(other.got).toHaveLength(0);
    expect(worker.exit()).toBeNull();
  });

  it('retries a receiver answering 500 with the same webhook-id', async () => {
    const a = await createCustomer(t);
    const flaky = await listen((n) => ({ status: n === 1 ? 500 : 200 }));
    await endpoint(a.id, flaky.url, ['connection.created']);
    const eventId = await emit(a.id, 'connection.created');
    await until(() => flaky.got.length, (n) => n >= 2, 15_000);
    expect(flaky.got[0].headers['webhook-id']).toBe(flaky.got[1].headers['webhook-id']);
    const attempts = await until(
      async () => (await t.db.query(`SELECT attempt, status FROM webhook_attempts WHERE event_id = $1 ORDER BY attempt`, [eventId])) as unknown[],
      (rows) => rows.length === 2,
    );
    expect(attempts).toEqual([
      { attempt: 1, status: 'failed' },
      { attempt: 2, status: 'succeeded' },
    ]);
  });

  it('a slow endpoint does not delay a fast endpoint of another customer', async () => {
    const [slowC, fastC] = [await createCustomer(t), await createCustomer(t)];
    const slow = await listen(() => ({ status: 200, delayMs: 3000 }));
    const fast = await listen(() => ({ status: 200 }));
    await endpoint(slowC.id, slow.url, ['connection.created']);
    await endpoint(fastC.id, fast.url, ['connection.created']);
    for (let i = 0; i < 30; i++) await emit(slowC.id, 'connection.created');
    await until(() => slow.got.length, (n) => n >= 1, 10_000, 20);
    const started = Date.now();
    await emit(fastC.id, 'connection.created');
    await until(() => fast.got.length, (n) => n >= 1, 5_000, 20);
    expect(fast.got[0].at - started).toBeLessThan(1000);
  });
});
