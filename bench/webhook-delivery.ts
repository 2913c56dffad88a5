/**
 * Webhook delivery benchmark (issue 14): ONE worker process delivering to a local receiver.
 *   1. throughput, receiver answering at once: BENCH_WEBHOOK_EVENTS (20,000) events already in the outbox when the worker starts;
 *   2. throughput, receiver answering in 200 ms: the same;
 *   3. latency: events written at BENCH_WEBHOOK_RATE (100) per second for BENCH_WEBHOOK_SECONDS (30) s while the worker runs;
 *      the time from the event's commit (its created_at) to its arrival at the receiver, p50 / p99.
 * Events are spread over BENCH_WEBHOOK_CUSTOMERS (10) customers, one endpoint each (the per-endpoint bound applies to each).
 *
 *   npm run build && npm run bench:webhooks
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import type { Client } from 'pg';
import { redisKeys } from '@app/common';
import { appEnv, cpuMeter, db, fmt, freePort, httpReady, machine, percentile, postgresBackends, REDIS_URL, redisServer, requireBuild, resetStores, sleep, startProcess, stopAll, stopGracefully } from './support';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 20_000);
const CUSTOMERS = Number(process.env.BENCH_WEBHOOK_CUSTOMERS ?? 10);
const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 30);
const OPERATOR = 'Bearer bench-operator-token-0123456789abcdef';

/** A receiver that answers 200 after `delayMs` and notes when each event (by webhook-id) arrived. */
class Receiver {
  delayMs = 0;
  readonly arrived = new Map<string, { at: number; createdAt: number }>();
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        const id = String(req.headers['webhook-id']);
        if (!this.arrived.has(id)) this.arrived.set(id, { at, createdAt: Date.parse((JSON.parse(Buffer.concat(chunks).toString()) as { createdAt: string }).createdAt) });
        setTimeout(() => res.end('ok'), this.delayMs);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.close();
    this.server?.closeAllConnections();
  }
}

const EVENT_DATA = JSON.stringify({
  connection: {
    id: '00000000-0000-4000-8000-000000000000',
    connector: 'outlook-email',
    endUser: { id: 'user-1', email: 'ada@example.com', displayName: 'Ada' },
    account: { tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad', objectId: '00000000-0000-0000-0000-000000000001', label: 'ada@outlook.com', type: 'personal' },
    scopes: ['offline_access', 'openid', 'https://graph.microsoft.com/Mail.Read'],
    status: 'active',
  },
});

/** `count` events, round-robin over the customers, in one statement (as if that many changes had just committed). */
async function writeEvents(client: Client, customers: string[], count: number): Promise<void> {
  await client.query(
    `INSERT INTO events (id, customer_id, type, data, created_at)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + (i % cardinality($1::uuid[]))], 'connection.created', $2::jsonb, clock_timestamp()
       FROM generate_series(0, $3 - 1) AS i`,
    [customers, EVENT_DATA, count],
  );
}

async function setup(api: string, receiverUrl: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const res = await fetch(`${api}/v1/customers`, {
      method: 'POST',
      headers: { authorization: OPERATOR, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench ${i}`, slug: `bench-${i}` }),
    });
    const customer = (await res.json()) as { id: string; apiKey: { secret: string } };
    const endpoint = await fetch(`${api}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.apiKey.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiverUrl}/customer-${i}` }),
    });
    if (endpoint.status !== 201) throw new Error(`endpoint: ${endpoint.status} ${await endpoint.text()}`);
    ids.push(customer.id);
  }
  return ids;
}

async function throughput(label: string, client: Client, customers: string[], receiver: Receiver, delayMs: number, env: Record<string, string>, redis: Redis) {
  receiver.arrived.clear();
  receiver.delayMs = delayMs;
  await writeEvents(client, customers, EVENTS);
  const worker = await startWorker(env, redis);
  const meter = cpuMeter({ worker: () => [worker.pid!], postgres: postgresBackends, redis: redisServer, 'bench + receiver': () => [process.pid] });
  const deadline = Date.now() + 600_000;
  while (receiver.arrived.size < EVENTS && Date.now() < deadline) await sleep(250);
  const cpu = meter();
  const times = [...receiver.arrived.values()].map((a) => a.at).sort((a, b) => a - b);
  const span = (times[times.length - 1] - times[0]) / 1000;
  await stopGracefully(worker);
  console.log(
    `| ${label} | ${receiver.arrived.size}/${EVENTS} | ${fmt(span)} | ${fmt(receiver.arrived.size / span, 0)} | ` +
      `${fmt((cpu.seconds.worker / receiver.arrived.size) * 1000, 2)} | ${fmt(cpu.machineBusy * 100, 0)}% |`,
  );
}

async function latency(client: Client, customers: string[], receiver: Receiver, env: Record<string, string>, redis: Redis) {
  receiver.arrived.clear();
  receiver.delayMs = 0;
  const worker = await startWorker(env, redis);
  const total = RATE * SECONDS;
  const perTick = Math.max(1, Math.round(RATE / 10));
  const started = Date.now();
  for (let written = 0; written < total; written += perTick) {
    await writeEvents(client, customers, Math.min(perTick, total - written));
    const next = started + ((written + perTick) / RATE) * 1000;
    await sleep(Math.max(0, next - Date.now()));
  }
  const deadline = Date.now() + 60_000;
  while (receiver.arrived.size < total && Date.now() < deadline) await sleep(100);
  await stopGracefully(worker);
  const lags = [...receiver.arrived.values()].map((a) => a.at - a.createdAt).sort((a, b) => a - b);
  console.log(`\n| events/s | events | delivered | change → delivery p50 (ms) | p99 (ms) | max (ms) |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(`| ${RATE} | ${total} | ${lags.length} | ${fmt(percentile(lags, 50), 0)} | ${fmt(percentile(lags, 99), 0)} | ${fmt(lags[lags.length - 1], 0)} |`);
}

function startWorker(env: Record<string, string>, redis: Redis) {
  const heartbeat = redisKeys(env.QUEUE_PREFIX).workerHeartbeat;
  return redis.del(heartbeat).then(() => startProcess('worker', 'dist/apps/worker/apps/worker/src/main.js', env, async () => (await redis.get(heartbeat)) !== null));
}

async function main(): Promise<void> {
  requireBuild();
  console.log(`Webhook delivery benchmark - ${new Date().toISOString()} - ${machine()}`);
  await resetStores();
  const receiver = new Receiver();
  const receiverUrl = await receiver.start();
  const port = await freePort();
  const env = appEnv({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}` });
  const api = await startProcess('api', 'dist/apps/api/apps/api/src/main.js', env, httpReady(`http://127.0.0.1:${port}/health/live`));
  const customers = await setup(`http://127.0.0.1:${port}`, receiverUrl);
  await stopGracefully(api);
  const client = await db();
  const redis = new Redis(REDIS_URL);
  console.log(`\n${CUSTOMERS} customers, one endpoint each; one worker process (WEBHOOK_CONCURRENCY ${env.WEBHOOK_CONCURRENCY ?? 'default'}).\n`);
  console.log(`| receiver | delivered | span (s) | deliveries/s | worker CPU per delivery (ms) | machine busy |`);
  console.log(`|---|---|---|---|---|---|`);
  await throughput('answers at once', client, customers, receiver, 0, env, redis);
  await throughput('answers in 200 ms', client, customers, receiver, 200, env, redis);
  await latency(client, customers, receiver, env, redis);
  receiver.stop();
  redis.disconnect();
  await client.end();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
