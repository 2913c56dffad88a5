/**
 * Mail notifications benchmark (issue 15): Graph's side played by this script.
 *   1. intake: batches of 10 notification items (distinct messages, several subscriptions per batch, as Graph mixes
 *      them) posted at ONE API process by BENCH_MAIL_CLIENTS (8, then 32) concurrent connections for BENCH_MAIL_SECONDS (20) s: accepted
 *      notifications per second (counted in the events table) and the time to the 202, p50 / p99;
 *   2. end to end: the worker running, BENCH_MAIL_RATE (200, then 500) notifications per second (batches of 10) for 20 s: the
 *      time from the 202 to the customer's receiver, p50 / p99. One customer's endpoint gets every event: the worker runs
 *      with WEBHOOK_ENDPOINT_CONCURRENCY=BENCH_MAIL_ENDPOINT_CONCURRENCY (200), since the default 20 in flight to one
 *      endpoint is what bounds this run otherwise (reported with BENCH_MAIL_ENDPOINT_CONCURRENCY=20).
 * BENCH_MAIL_SUBSCRIPTIONS (200) connections of one customer, each with its subscription, one webhook endpoint.
 *
 *   npm run build && npm run bench:mail
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import type { Client } from 'pg';
import { redisKeys } from '@app/common';
import { loadConfig } from '@app/config';
import { ClientStates } from '@app/mail-notifications';
import { appEnv, cpuMeter, db, fmt, freePort, httpReady, machine, percentile, postgresBackends, REDIS_URL, requireBuild, resetStores, sleep, startProcess, stopAll, stopGracefully } from './support';

const CLIENTS = (process.env.BENCH_MAIL_CLIENTS ?? '8,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MAIL_SECONDS ?? 20);
const RATES = (process.env.BENCH_MAIL_RATE ?? '200,500').split(',').map(Number);
const SUBSCRIPTIONS = Number(process.env.BENCH_MAIL_SUBSCRIPTIONS ?? 200);
const BATCH = 10;
const OPERATOR = 'Bearer bench-operator-token-0123456789abcdef';

interface Subscription {
  id: string;
  clientState: string;
}

/** autocannon's instance is both its result promise and an event emitter (its typings show only the promise). */
type Instance = Promise<autocannon.Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

let sequence = 0;

/** One Graph batch: BATCH items of distinct new messages, round-robin over the subscriptions. */
function batch(subs: Subscription[]): { body: string; messageIds: string[] } {
  const messageIds: string[] = [];
  const value = [];
  for (let i = 0; i < BATCH; i++) {
    const sub = subs[sequence % subs.length];
    const id = `AAMkAGbench${(sequence++).toString(36)}${randomUUID().slice(0, 8)}`;
    messageIds.push(id);
    value.push({
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: '2030-01-01T00:00:00.0000000Z',
      changeType: 'created',
      resource: `Users/bench/Messages/${id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': `Users/bench/Messages/${id}`, '@odata.etag': 'W/"CQAAABYAAAB"', id },
      clientState: sub.clientState,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
  }
  return { body: JSON.stringify({ value }), messageIds };
}

/** A customer (through the API, for its key), its webhook endpoint, and SUBSCRIPTIONS connections with a subscription each. */
async function setup(api: string, receiverUrl: string, client: Client, env: Record<string, string>): Promise<Subscription[]> {
  const res = await fetch(`${api}/v1/customers`, { method: 'POST', headers: { authorization: OPERATOR, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench', slug: 'bench-mail' }) });
  const customer = (await res.json()) as { id: string; apiKey: { secret: string } };
  const endpoint = await fetch(`${api}/v1/webhook-endpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${customer.apiKey.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiverUrl, events: ['mail.message.created'] }),
  });
  if (endpoint.status !== 201) throw new Error(`endpoint: ${endpoint.status} ${await endpoint.text()}`);
  const connectorId = randomUUID();
  await client.query(
    `INSERT INTO connectors (id, customer_id, kind, app_mode, client_type, tenant, scopes, display_name, mail_notifications_enabled)
     VALUES ($1, $2, 'outlook-email', 'default', 'confidential', 'common', '{offline_access,Mail.Read}', 'Outlook', true)`,
    [connectorId, customer.id],
  );
  const states = new ClientStates(loadConfig(env));
  const subs: Subscription[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const connectionId = randomUUID();
    const sub = { id: randomUUID(), clientState: states.generate() };
    subs.push(sub);
    await client.query(
      `INSERT INTO connections (id, customer_id, connector_id, end_user_id, ms_tenant_id, ms_object_id, client_id, scopes, status, version, connected_at)
       VALUES ($1, $2, $3, $4, '72f988bf-86f1-41af-91ab-2d7cd011db47', $5, $6, '{Mail.Read}', 'active', 1, now())`,
      [connectionId, customer.id, connectorId, `bench-user-${i}`, randomUUID(), randomUUID()],
    );
    // No next_action_at: the worker leaves these subscriptions alone (there is no Graph to renew them at).
    await client.query(
      `INSERT INTO mail_subscriptions (connection_id, customer_id, connector_id, status, graph_subscription_id, client_state_hash, resource, change_types, expires_at)
       VALUES ($1, $2, $3, 'active', $4, $5, $6, '{created}', now() + interval '7 days')`,
      [connectionId, customer.id, connectorId, sub.id, states.hash(sub.clientState), "me/mailFolders('Inbox')/messages"],
    );
  }
  return subs;
}

async function intake(url: string, apiPid: number, subs: Subscription[], client: Client, clients: number): Promise<void> {
  const before = Number((await client.query(`SELECT count(*) AS n FROM events`)).rows[0].n);
  const latencies: number[] = [];
  const meter = cpuMeter({ api: () => [apiPid], postgres: postgresBackends });
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: `${url}/graph/notifications`,
    connections: clients,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', body: batch(subs).body }) }],
  }) as unknown as Instance;
  instance.on('response', (_c, status, _b, ms) => {
    if (status === 202) latencies.push(ms);
  });
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = meter();
  const accepted = Number((await client.query(`SELECT count(*) AS n FROM events`)).rows[0].n) - before;
  const sorted = Array.from(Float64Array.from(latencies).sort());
  console.log(
    `| ${clients} | ${latencies.length} | ${result.non2xx} | ${accepted} | ${fmt(accepted / seconds, 0)} | ${fmt(percentile(sorted, 50), 2)} | ${fmt(percentile(sorted, 99), 2)} | ` +
      `${fmt((cpu.seconds.api / Math.max(1, latencies.length)) * 1000, 2)} | ${fmt(cpu.machineBusy * 100, 0)}% |`,
  );
}

async function endToEnd(url: string, subs: Subscription[], arrived: Map<string, number>, rate: number): Promise<void> {
  const acceptedAt = new Map<string, number>();
  const batches = (rate * SECONDS) / BATCH;
  const started = Date.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < batches; i++) {
    const { body, messageIds } = batch(subs);
    inFlight.push(
      fetch(`${url}/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (res) => {
        await res.arrayBuffer();
        const at = Date.now();
        if (res.status === 202) for (const id of messageIds) acceptedAt.set(id, at);
      }),
    );
    await sleep(Math.max(0, started + ((i + 1) * BATCH * 1000) / rate - Date.now()));
  }
  await Promise.all(inFlight);
  const deadline = Date.now() + 60_000;
  while ([...acceptedAt.keys()].some((id) => !arrived.has(id)) && Date.now() < deadline) await sleep(250);
  const lags = [...acceptedAt.entries()].filter(([id]) => arrived.has(id)).map(([id, at]) => arrived.get(id)! - at).sort((a, b) => a - b);
  console.log(`| ${rate} | ${process.env.BENCH_MAIL_ENDPOINT_CONCURRENCY ?? '200'} | ${acceptedAt.size} | ${lags.length} | ${fmt(percentile(lags, 50), 0)} | ${fmt(percentile(lags, 99), 0)} | ${fmt(lags[lags.length - 1], 0)} |`);
  // Whether the lag grows (the pipeline is slower than the rate) or stays (a fixed delay): p50 per quarter of the run.
  const byTime = [...acceptedAt.entries()].filter(([id]) => arrived.has(id)).sort((a, b) => a[1] - b[1]);
  const quarter = Math.ceil(byTime.length / 4);
  const quarters = [0, 1, 2, 3].map((q) => byTime.slice(q * quarter, (q + 1) * quarter).map(([id, at]) => arrived.get(id)! - at).sort((a, b) => a - b));
  console.log(`|   | p50 (ms) per quarter of the run: ${quarters.map((q) => fmt(percentile(q, 50), 0)).join(', ')} | | | | | |`);
}

async function main(): Promise<void> {
  requireBuild();
  console.log(`Mail notifications benchmark - ${new Date().toISOString()} - ${machine()}`);
  await resetStores();
  const arrived = new Map<string, number>();
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString()) as { data: { messageId: string } };
      if (!arrived.has(event.data.messageId)) arrived.set(event.data.messageId, Date.now());
      res.end('ok');
    });
  });
  receiver.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const port = await freePort();
  const env = appEnv({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, WEBHOOK_RELAY_INTERVAL_MS: '50' });
  const url = `http://127.0.0.1:${port}`;
  const api = await startProcess('api', 'dist/apps/api/apps/api/src/main.js', env, httpReady(`${url}/health/live`));
  const client = await db();
  const subs = await setup(url, receiverUrl, client, env);
  console.log(`\n${SUBSCRIPTIONS} subscriptions of one customer, batches of ${BATCH} items; one API process, no worker running.\n`);
  console.log(`| clients | batches (202) | non-2xx | accepted notifications | accepted/s | 202 p50 (ms) | p99 (ms) | API CPU per batch (ms) | machine busy |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const clients of CLIENTS) await intake(url, api.pid!, subs, client, clients);
  // The backlog the intake left is not part of the end-to-end run: relayed as if sent already.
  await client.query(`UPDATE events SET relayed_at = now() WHERE relayed_at IS NULL`);
  const redis = new Redis(REDIS_URL);
  const heartbeat = redisKeys(env.QUEUE_PREFIX).workerHeartbeat;
  await redis.del(heartbeat);
  const workerEnv = { ...env, WEBHOOK_ENDPOINT_CONCURRENCY: process.env.BENCH_MAIL_ENDPOINT_CONCURRENCY ?? '200' };
  const worker = await startProcess('worker', 'dist/apps/worker/apps/worker/src/main.js', workerEnv, async () => (await redis.get(heartbeat)) !== null);
  console.log(`\n| notifications/s | endpoint concurrency | accepted | at the receiver | 202 → receiver p50 (ms) | p99 (ms) | max (ms) |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const rate of RATES) await endToEnd(url, subs, arrived, rate);
  await stopGracefully(worker);
  await stopGracefully(api);
  receiver.close();
  receiver.closeAllConnections();
  redis.disconnect();
  await client.end();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
