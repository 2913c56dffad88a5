/**
 * Token endpoint benchmark (issue 5): requests/s and p50/p99 of GET /v1/connections/{id}/token at 1, 32 and 128
 * concurrent clients over 10k connections, against a bare node:http baseline doing the same indexed read + AES-GCM
 * decrypt, in the same session, alternating. Then the expired-token path (each request refreshes at the emulator).
 *
 *   npm run build && npm run bench:token     (BENCH_SECONDS=15 per run, BENCH_ROUNDS=2 alternations per client count)
 */
import autocannon from 'autocannon';
import { appEnv, db, fmt, freePort, httpReady, machine, requireBuild, resetStores, seed, startEmulator, startProcess, stopAll } from './support';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = [1, 32, 128];
const EXPIRED = Number(process.env.BENCH_EXPIRED ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function average(runs: Run[]): Run {
  const mean = (pick: (r: Run) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return { rps: mean((r) => r.rps), p50: mean((r) => r.p50), p99: mean((r) => r.p99), non2xx: mean((r) => r.non2xx), errors: mean((r) => r.errors) };
}

async function load(url: string, connections: number, seconds: number, headers: Record<string, string>, pick: () => string): Promise<Run> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/v1/connections/${pick()}/token` }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
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
  const basePort = await freePort();
  const env = appEnv({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
  await startProcess('api', 'dist/apps/api/apps/api/src/main.js', { ...env, PORT: String(apiPort), PUBLIC_URL: `http://localhost:${apiPort}` }, httpReady(`http://127.0.0.1:${apiPort}/health/live`));
  await startProcess('baseline', 'bench/baseline-server.ts', { ...env, PORT: String(basePort) }, async () => (await fetch(`http://127.0.0.1:${basePort}/v1/connections/${hot[0]}/token`)).ok);

  const random = () => hot[Math.floor(Math.random() * hot.length)];
  const targets = {
    baseline: { url: `http://127.0.0.1:${basePort}`, headers: {} as Record<string, string> },
    api: { url: `http://127.0.0.1:${apiPort}`, headers: { authorization: `Bearer ${seeded.apiKey}` } },
  };
  const check = await fetch(`${targets.api.url}/v1/connections/${hot[0]}/token`, { headers: targets.api.headers });
  if (!check.ok) throw new Error(`API token request failed: ${check.status} ${await check.text()}`);

  for (const t of Object.values(targets)) await load(t.url, 32, 3, t.headers, random); // warm-up (JIT, pools)
  const rows: string[] = [];
  for (const clients of CLIENTS) {
    // Alternate the two servers ROUNDS times and average: the machine's noise hits both alike.
    const runs: Array<{ base: Run; api: Run }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      runs.push({
        base: await load(targets.baseline.url, clients, SECONDS, targets.baseline.headers, random),
        api: await load(targets.api.url, clients, SECONDS, targets.api.headers, random),
      });
    }
    const base = average(runs.map((r) => r.base));
    const api = average(runs.map((r) => r.api));
    if (api.non2xx || api.errors || base.non2xx || base.errors) console.warn(`  non-2xx/errors at ${clients}: api ${api.non2xx}/${api.errors}, baseline ${base.non2xx}/${base.errors}`);
    rows.push(
      `| ${clients} | ${fmt(base.rps, 0)} | ${fmt(base.p50)} / ${fmt(base.p99)} | ${fmt(api.rps, 0)} | ${fmt(api.p50)} / ${fmt(api.p99)} | **${fmt(api.rps / base.rps, 2)}x** | **${fmt(api.p99 / Math.max(base.p99, 1), 2)}x** |`,
    );
    console.log(rows[rows.length - 1]);
  }

  // The expired-token path: each request finds a token with less than minValidity left and refreshes it at the emulator.
  const client = await db();
  await client.query(`UPDATE connections SET expires_at = now() + interval '60 seconds' WHERE id = ANY($1::uuid[])`, [expired]);
  await client.end();
  let next = 0;
  const started = Date.now();
  const result = await autocannon({
    url: targets.api.url,
    connections: 32,
    amount: expired.length,
    headers: targets.api.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/v1/connections/${expired[next++ % expired.length]}/token` }) }],
  });
  const seconds = (Date.now() - started) / 1000;
  const refreshed = await db().then(async (c) => {
    const r = await c.query(`SELECT count(*)::int AS n FROM connections WHERE id = ANY($1::uuid[]) AND version > 1`, [expired]);
    await c.end();
    return r.rows[0].n as number;
  });

  console.log('\n| clients | baseline req/s | baseline p50 / p99 (ms) | API req/s | API p50 / p99 (ms) | throughput ratio | p99 ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(
    `\nExpired-token path, 32 clients, ${expired.length} connections each refreshed once on request: ${fmt(expired.length / seconds, 0)} req/s, ` +
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, refreshed ${refreshed}/${expired.length}`,
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
