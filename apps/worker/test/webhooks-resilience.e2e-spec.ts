import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { SecretBox, webhookSecretAad } from '@app/common';
import { EventsOutbox } from '@app/events';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';
import { startWorker, stopAllProcesses, until } from '../../../test/processes';
import { TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';

/** A receiver on a fixed port (0: any), answering `status(n)` to the n-th request; `ids` holds each request's webhook-id. */
async function receiver(port: number, status: (n: number) => number): Promise<{ port: number; ids: string[]; server: Server }> {
  const ids: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      ids.push(String(req.headers['webhook-id']));
      res.writeHead(status(ids.length)).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, ids, server };
}

function close(s: Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((r) => s.close(() => r()));
}

/**
 * Never lost: Postgres holds every event and delivery, so a receiver that is down, a Redis flushed and a worker
 * SIGKILLed between the change and its delivery still end in one successful delivery, not none and not two.
 */
describe('Webhook delivery resilience (e2e, real worker)', () => {
  let t: TestApp;
  const redis = new Redis(TEST_REDIS_URL);
  const servers: Server[] = [];
  const env = { ...TEST_ENV, WEBHOOK_RETRY_SCHEDULE: '1,1,1,1,1', WEBHOOK_RELAY_INTERVAL_MS: '50' };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await stopAllProcesses();
    for (const s of servers) await close(s);
    redis.disconnect();
    await t?.close();
  });

  async function endpoint(customerId: string, url: string): Promise<void> {
    const id = randomUUID();
    const sealed = t.app.get(SecretBox).encrypt(`whsec_${randomBytes(24).toString('base64')}`, webhookSecretAad(customerId, id, 'secret'));
    await t.db.query(`INSERT INTO webhook_endpoints (id, customer_id, url, events, secret_encrypted) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      customerId,
      url,
      ['connection.created'],
      sealed,
    ]);
  }

  async function emit(customerId: string): Promise<string> {
    const outbox = t.app.get(EventsOutbox);
    return (await t.db.transaction((em) => outbox.append(customerId, { type: 'connection.created', data: { probe: randomUUID() } }, em))).id;
  }

  async function attempts(eventId: string): Promise<Array<{ attempt: number; status: string }>> {
    return t.db.query(`SELECT attempt, status FROM webhook_attempts WHERE event_id = $1 ORDER BY attempt`, [eventId]);
  }

  it('a receiver that is down gets the event once it is back', async () => {
    const worker = await startWorker(env);
    const a = await createCustomer(t);
    const probe = await receiver(0, () => 200);
    const port = probe.port;
    await close(probe.server); // the port is closed now: connection refused
    await endpoint(a.id, `http://127.0.0.1:${port}/hook`);
    const eventId = await emit(a.id);
    await until(() => attempts(eventId), (rows) => rows.length >= 1 && rows.every((r) => r.status === 'failed'), 10_000, 50);
    const back = await receiver(port, () => 200);
    servers.push(back.server);
    await until(() => back.ids.length, (n) => n >= 1, 15_000);
    const rows = await until(() => attempts(eventId), (r) => r.some((x) => x.status === 'succeeded'));
    expect(rows.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(back.ids).toHaveLength(1);
    worker.kill('SIGTERM');
    await worker.exited;
  });

  it('Redis flushed and the worker SIGKILLed between the change and the delivery: delivered exactly once after a restart', async () => {
    const a = await createCustomer(t);
    const r = await receiver(0, (n) => (n === 1 ? 500 : 200));
    servers.push(r.server);
    await endpoint(a.id, `http://127.0.0.1:${r.port}/hook`);

    // One event answered 500 once: its second attempt waits in Redis (3 s away) when Redis and the worker are lost.
    const worker = await startWorker({ ...env, WEBHOOK_RETRY_SCHEDULE: '3' });
    const retried = await emit(a.id);
    await until(() => attempts(retried), (rows) => rows.length === 1, 10_000, 20);
    worker.kill('SIGKILL');
    await worker.exited;
    // Another event written while no worker runs, and Redis emptied: only Postgres knows of either.
    const waiting = await emit(a.id);
    await redis.flushdb();

    const again = await startWorker(env);
    const pending = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = ANY ($1::uuid[]) AND status <> 'succeeded'`, [[retried, waiting]]))[0].n;
    await until(pending, (n) => n === 0, 15_000);
    expect(await attempts(retried)).toEqual([
      { attempt: 1, status: 'failed' },
      { attempt: 2, status: 'succeeded' },
    ]);
    expect(await attempts(waiting)).toEqual([{ attempt: 1, status: 'succeeded' }]);
    // The receiver saw the retried event twice under one webhook-id, the other once: three requests, two ids.
    expect(r.ids).toHaveLength(3);
    expect(new Set(r.ids).size).toBe(2);
    expect(r.ids.filter((id) => id === r.ids[0])).toHaveLength(2);
    expect(again.exit()).toBeNull();
  });
});
