/**
 * Token endpoint benchmark (issue 5): requests/s and p50/p99 of GET /v1/connections/{id}/token at 1, 32 and 128
 * concurrent clients over 10k connections, against a bare node:http baseline doing the same indexed read + AES-GCM
 * decrypt, in the same session, alternating. A second API process with METRICS_ENABLED=false takes its turn in the
 * same rounds, so the cost of the metrics is measured alongside (issue 13). Then the expired-token path (each request
 * refreshes at the emulator).
 *
 *   npm run build && npm run bench:token
 *
 * BENCH_SECONDS (15) per run, BENCH_ROUNDS (2) alternations per client count, BENCH_CONNECTIONS (10000),
 * BENCH_EXPIRED (1000), BENCH_PROFILE=api|api-no-metrics|baseline (CPU profile of the 32-client runs, in bench/profiles/).
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import {
  appEnv,
  cpuMeter,
  CpuUse,
  db,
  fmt,
  freePort,
  httpReady,
  machine,
  percentile,
  postgresBackends,
  requireBuild,
  resetStores,
  seed,
  startEmulator,
  startProcess,
  stopAll,
  toggleProfile,
} from './support';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,32,128').split(',').map(Number);
const EXPIRED = Number(process.env.BENCH_EXPIRED ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Target {
  name: 'baseline' | 'api' | 'api-no-metrics';
  url: string;
  headers: Record<string, string>;
  child: ChildProcess;
}

/** One target at one client count, all its rounds together. */
interface Measure {
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
  serverCpu: number;
  postgresCpu: number;
  machineBusy: number;
}

const emptyMeasure = (): Measure => ({ requests: 0, seconds: 0, latencies: [], failures: 0, serverCpu: 0, postgresCpu: 0, machineBusy: 0 });

/** autocannon's instance is both its result promise and an event emitter (its typings show only the promise). */
type Instance = Promise<autocannon.Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

/**
 * One autocannon run, timed, with the latency of every 200. Latencies come from its per-response event
 * (sub-millisecond; its own histogram keeps whole milliseconds only), so p50/p99 at one client mean something.
 */
async function load(options: autocannon.Options): Promise<{ result: autocannon.Result; latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const instance = autocannon(options) as unknown as Instance;
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) latencies.push(ms);
  });
  const result = await instance;
  return { result, latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** p50 and p99 of latencies in milliseconds. */
function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = Array.from(Float64Array.from(latencies).sort());
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function run(target: Target, clients: number, seconds: number, pick: () => string, into: Measure): Promise<void> {
  const meter = cpuMeter({ server: () => [target.child.pid!], postgres: postgresBackends });
  const { result, latencies, seconds: elapsed } = await load({
    url: target.url,
    connections: clients,
    duration: seconds,
    headers: target.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/v1/connections/${pick()}/token` }) }],
  });
  const cpu: CpuUse = meter();
  into.latencies = into.latencies.concat(latencies);
  into.requests += result['2xx'];
  into.seconds += elapsed;
  into.failures += result.non2xx + result.errors + result.timeouts;
  into.serverCpu += cpu.seconds.server;
  into.postgresCpu += cpu.seconds.postgres;
  into.machineBusy += cpu.machineBusy * elapsed;
}

function summary(m: Measure) {
  return {
    rps: m.requests / m.seconds,
    ...percentiles(m.latencies),
    // CPU per request, in microseconds: what each process spends to answer one.
    serverUs: (m.serverCpu / m.requests) * 1e6,
    postgresUs: (m.postgresCpu / m.requests) * 1e6,
    busy: m.machineBusy / m.seconds,
    failures: m.failures,
  };
}

async function main(): Promise<void> {
  requireBuild();
  console.log(`Token endpoint benchmark - ${new Date().toISOString()} - ${machine()}`);
  await resetStores();
  const emulator = await startEmulator();
  const hour = () => ({ expiresAt: new Date(Date.now() + 3600_000), nextRefreshAt: new Date(Date.now() + 3000_000) });
  const seeded = await seed(emulator, CONNECTIONS + EXPIRED, hour);
  const hot = seeded.connectionIds.slice(0, CONNECTIONS);
  const expired = seeded.connectionIds.slice(CONNECTIONS);
  console.log(`Seeded ${seeded.connectionIds.length} connections`);

  const apiPort = await freePort();
  const bareApiPort = await freePort();
  const basePort = await freePort();
  const env = appEnv({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  const startApi = (name: string, port: number, extra: Record<string, string>) =>
    startProcess(name, 'dist/apps/api/apps/api/src/main.js', { ...env, ...extra, PORT: String(port), PUBLIC_URL: `http://localhost:${port}` }, httpReady(`http://127.0.0.1:${port}/health/live`));
  const api = await startApi('api', apiPort, {});
  const bareApi = await startApi('api-no-metrics', bareApiPort, { METRICS_ENABLED: 'false' });
  const baseline = await startProcess('baseline', 'bench/baseline-server.ts', { ...env, PORT: String(basePort) }, async () => (await fetch(`http://127.0.0.1:${basePort}/v1/connections/${hot[0]}/token`)).ok);

  const random = () => hot[Math.floor(Math.random() * hot.length)];
  const targets: Target[] = [
    { name: 'baseline', url: `http://127.0.0.1:${basePort}`, headers: {}, child: baseline },
    { name: 'api', url: `http://127.0.0.1:${apiPort}`, headers: { authorization: `Bearer ${seeded.apiKey}` }, child: api },
    { name: 'api-no-metrics', url: `http://127.0.0.1:${bareApiPort}`, headers: { authorization: `Bearer ${seeded.apiKey}` }, child: bareApi },
  ];
  for (const t of targets) {
    const check = await fetch(`${t.url}/v1/connections/${hot[0]}/token`, { headers: t.headers });
    const body = (await check.json()) as { accessToken?: string };
    if (!check.ok || !body.accessToken?.startsWith('EwB')) throw new Error(`${t.name} token request failed: ${check.status} ${JSON.stringify(body)}`);
  }

  for (const t of targets) await run(t, 32, 5, random, emptyMeasure()); // warm-up: JIT, every pool full
  const rows: string[] = [];
  const cpuRows: string[] = [];
  const metricsRows: string[] = [];
  for (const clients of CLIENTS) {
    const measures = { baseline: emptyMeasure(), api: emptyMeasure(), 'api-no-metrics': emptyMeasure() };
    // Alternate, and swap the order every round, so the machine's noise and any drift hit both alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        if (clients === 32) toggleProfile(t.name, t.child);
        await run(t, clients, SECONDS, random, measures[t.name]);
        if (clients === 32) toggleProfile(t.name, t.child);
      }
    }
    const b = summary(measures.baseline);
    const a = summary(measures.api);
    const bare = summary(measures['api-no-metrics']);
    if (a.failures || b.failures || bare.failures) {
      console.warn(`  non-2xx, errors or timeouts at ${clients} clients: api ${a.failures}, api without metrics ${bare.failures}, baseline ${b.failures}`);
    }
    rows.push(
      `| ${clients} | ${fmt(b.rps, 0)} | ${fmt(b.p50, 2)} / ${fmt(b.p99, 2)} | ${fmt(a.rps, 0)} | ${fmt(a.p50, 2)} / ${fmt(a.p99, 2)} | ` +
        `**${fmt(a.rps / b.rps, 2)}x** | **${fmt(a.p99 / b.p99, 2)}x** |`,
    );
    cpuRows.push(
      `| ${clients} | ${fmt(b.serverUs, 0)} / ${fmt(b.postgresUs, 0)} | ${fmt(a.serverUs, 0)} / ${fmt(a.postgresUs, 0)} | ${fmt(b.busy * 100, 0)}% / ${fmt(a.busy * 100, 0)}% |`,
    );
    metricsRows.push(
      `| ${clients} | ${fmt(a.rps, 0)} | ${fmt(a.p50, 2)} / ${fmt(a.p99, 2)} | ${fmt(bare.rps, 0)} | ${fmt(bare.p50, 2)} / ${fmt(bare.p99, 2)} | ` +
        `**${fmt(a.rps / bare.rps, 3)}x** | ${fmt(a.serverUs, 0)} / ${fmt(bare.serverUs, 0)} |`,
    );
    console.log(`${rows[rows.length - 1]}   cpu ${cpuRows[cpuRows.length - 1]}   metrics ${metricsRows[metricsRows.length - 1]}`);
  }

  // The expired-token path: every stored token has less than minValidity (300 s) left, so each request refreshes
  // it at the emulator (no added latency) before answering. First one client (the latency of a refresh on the
  // request path), then 32 clients (how many such requests per second).
  const client = await db();
  await client.query(`UPDATE connections SET expires_at = now() + interval '60 seconds' WHERE id = ANY($1::uuid[])`, [expired]);
  await client.end();
  const apiTarget = targets[1];
  const expiredRows: string[] = [];
  const oneClient = Math.min(100, Math.floor(expired.length / 5));
  for (const [clients, ids] of [
    [1, expired.slice(0, oneClient)],
    [32, expired.slice(oneClient)],
  ] as const) {
    let next = 0;
    const { result, latencies, seconds } = await load({
      url: apiTarget.url,
      connections: clients,
      amount: ids.length,
      headers: apiTarget.headers,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/v1/connections/${ids[next++ % ids.length]}/token` }) }],
    });
    const { p50, p99 } = percentiles(latencies);
    expiredRows.push(`| ${clients} | ${ids.length} | ${fmt(result['2xx'] / seconds, 0)} | ${fmt(p50, 1)} / ${fmt(p99, 1)} | ${result.non2xx + result.errors} |`);
  }
  const refreshed = await db().then(async (c) => {
    const r = await c.query(`SELECT count(*)::int AS n FROM connections WHERE id = ANY($1::uuid[]) AND version > 1`, [expired]);
    await c.end();
    return r.rows[0].n as number;
  });

  console.log(`\n${new Date().toISOString()} - ${machine()}; ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} rounds per cell\n`);
  console.log('| clients | baseline req/s | baseline p50 / p99 (ms) | API req/s | API p50 / p99 (ms) | throughput ratio | p99 ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('\nCPU per request (microseconds: the server process / PostgreSQL backends) and how busy the machine was:\n');
  console.log('| clients | baseline: server / PostgreSQL (us) | API: server / PostgreSQL (us) | machine busy (baseline / API runs) |');
  console.log('|---|---|---|---|');
  for (const row of cpuRows) console.log(row);
  console.log('\nThe cost of metrics (issue 13: at least 0.95x at 32 clients): the API as shipped against the same API with METRICS_ENABLED=false, same rounds:\n');
  console.log('| clients | metrics on req/s | on p50 / p99 (ms) | METRICS_ENABLED=false req/s | off p50 / p99 (ms) | throughput ratio (on / off) | API CPU per request on / off (us) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of metricsRows) console.log(row);
  console.log(`\nExpired-token path (each request refreshes at the emulator; ${refreshed}/${expired.length} connections refreshed):\n`);
  console.log('| clients | requests | req/s | p50 / p99 (ms) | non-2xx + errors |');
  console.log('|---|---|---|---|---|');
  for (const row of expiredRows) console.log(row);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
