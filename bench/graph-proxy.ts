/**
 * Graph proxy benchmark (issue 16): what the proxy adds over calling Graph (the emulator) directly, at p50/p99 with one
 * client, and its throughput at 32 clients against the direct calls, in the same session, alternating. The call is
 * GET v1.0/me/messages?$top=5 (about 4 KB of JSON), spread round-robin over the seeded connections.
 *
 *   npm run build && npm run bench:proxy
 *
 * BENCH_SECONDS (10) per run, BENCH_ROUNDS (2) alternations per client count, BENCH_CONNECTIONS (128), BENCH_CLIENTS
 * (1,32), BENCH_PROFILE=api (CPU profile of the proxied runs at BENCH_PROFILE_CLIENTS, 32, in bench/profiles/). The seeded connections are one emulator mailbox and app, so the emulator's own 4-per-mailbox limit is lifted
 * for the run (the proxy's per-connection limit of 4 still applies: with 128 connections it rarely waits).
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { appEnv, cpuMeter, fmt, freePort, httpReady, machine, percentile, requireBuild, resetStores, seed, startEmulator, sleep, startProcess, stopAll, toggleProfile } from './support';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 128);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,32').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const GRAPH_PATH = 'v1.0/me/messages?$top=5';
const PROFILED_CLIENTS = Number(process.env.BENCH_PROFILE_CLIENTS ?? 32);

interface Target {
  name: 'direct' | 'proxy';
  url: string;
  /** Path and authorization of the i-th request. */
  request: (i: number) => { path: string; authorization: string };
  pids: () => number[];
}

interface Measure {
  requests: number;
  seconds: number;
  latencies: number[];
  failures: number;
  cpu: number;
}

const emptyMeasure = (): Measure => ({ requests: 0, seconds: 0, latencies: [], failures: 0, cpu: 0 });

type Instance = Promise<autocannon.Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

async function run(target: Target, clients: number, seconds: number, into: Measure): Promise<void> {
  const meter = cpuMeter({ server: target.pids });
  let next = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: target.url,
    connections: clients,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const { path, authorization } = target.request(next++);
          return { ...req, path, headers: { ...req.headers, authorization } };
        },
      },
    ],
  }) as unknown as Instance;
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) into.latencies.push(ms);
  });
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  into.requests += result['2xx'];
  into.seconds += elapsed;
  into.failures += result.non2xx + result.errors + result.timeouts;
  into.cpu += meter().seconds.server;
}

function summary(m: Measure) {
  const sorted = Array.from(Float64Array.from(m.latencies).sort());
  return { rps: m.requests / m.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuUs: (m.cpu / m.requests) * 1e6, failures: m.failures };
}

async function main(): Promise<void> {
  requireBuild();
  console.log(`Graph proxy benchmark - ${new Date().toISOString()} - ${machine()}`);
  await resetStores();
  const emulator = await startEmulator();
  await emulator.control('POST', '/graph-limits', { concurrency: 100_000 });
  // Tokens close to expiry: the first proxied call of each connection refreshes it, so it holds a token the emulator issued.
  const seeded = await seed(emulator, CONNECTIONS, () => ({ expiresAt: new Date(Date.now() + 60_000), nextRefreshAt: new Date(Date.now() + 3000_000) }));
  const ids = seeded.connectionIds;

  const apiPort = await freePort();
  const env = appEnv({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, PORT: String(apiPort), PUBLIC_URL: `http://localhost:${apiPort}` });
  const api: ChildProcess = await startProcess('api', 'dist/apps/api/apps/api/src/main.js', env, httpReady(`http://127.0.0.1:${apiPort}/health/live`));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const key = `Bearer ${seeded.apiKey}`;

  const tokens: string[] = [];
  for (const id of ids) {
    const first = await fetch(`${apiUrl}/v1/connections/${id}/graph/${GRAPH_PATH}`, { headers: { authorization: key } });
    if (first.status !== 200) throw new Error(`proxy warm-up failed: ${first.status} ${await first.text()}`);
    const token = (await (await fetch(`${apiUrl}/v1/connections/${id}/token`, { headers: { authorization: key } })).json()) as { accessToken: string };
    tokens.push(`Bearer ${token.accessToken}`);
  }
  const direct = await fetch(`${emulator.url}/${GRAPH_PATH}`, { headers: { authorization: tokens[0] } });
  if (direct.status !== 200) throw new Error(`direct call failed: ${direct.status} ${await direct.text()}`);

  const targets: Target[] = [
    { name: 'direct', url: emulator.url, request: (i) => ({ path: `/${GRAPH_PATH}`, authorization: tokens[i % tokens.length] }), pids: () => [emulator.pid] },
    { name: 'proxy', url: apiUrl, request: (i) => ({ path: `/v1/connections/${ids[i % ids.length]}/graph/${GRAPH_PATH}`, authorization: key }), pids: () => [api.pid!, emulator.pid] },
  ];
  for (const t of targets) await run(t, 32, 3, emptyMeasure()); // warm-up: JIT, keep-alive pools

  const rows: string[] = [];
  for (const clients of CLIENTS) {
    const measures = { direct: emptyMeasure(), proxy: emptyMeasure() };
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        if (clients === PROFILED_CLIENTS && t.name === 'proxy') toggleProfile('api', api);
        await run(t, clients, SECONDS, measures[t.name]);
        if (clients === PROFILED_CLIENTS && t.name === 'proxy') {
          toggleProfile('api', api);
          await sleep(1000); // the profile is written before anything else runs
        }
      }
    }
    const d = summary(measures.direct);
    const p = summary(measures.proxy);
    if (d.failures || p.failures) console.warn(`  non-2xx, errors or timeouts at ${clients} clients: direct ${d.failures}, proxy ${p.failures}`);
    rows.push(
      `| ${clients} | ${fmt(d.rps, 0)} | ${fmt(d.p50, 2)} / ${fmt(d.p99, 2)} | ${fmt(p.rps, 0)} | ${fmt(p.p50, 2)} / ${fmt(p.p99, 2)} | ` +
        `**${fmt(p.p50 - d.p50, 2)} / ${fmt(p.p99 - d.p99, 2)}** | **${fmt(p.rps / d.rps, 2)}x** | ${fmt(d.cpuUs, 0)} / ${fmt(p.cpuUs, 0)} |`,
    );
    console.log(rows[rows.length - 1]);
  }

  console.log(`\n${new Date().toISOString()} - ${machine()}; ${CONNECTIONS} connections, GET ${GRAPH_PATH}, ${SECONDS} s x ${ROUNDS} rounds per cell\n`);
  console.log('| clients | direct req/s | direct p50 / p99 (ms) | proxy req/s | proxy p50 / p99 (ms) | added p50 / p99 (ms) | throughput ratio | CPU per request: emulator / API + emulator (us) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
