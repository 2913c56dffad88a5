/**
 * Refresh capacity benchmark (issue 5): 100k active connections all due within BENCH_DUE_WINDOW_SECONDS (60), the
 * emulator answering every refresh 100 ms late, ONE worker process. Measures refreshes/s, the lag behind each due
 * time, and Redis memory.
 *
 *   npm run build && npm run bench:refresh      (BENCH_REFRESH_CONNECTIONS=100000, BENCH_CONCURRENCY=400)
 */
import Redis from 'ioredis';
import { redisKeys } from '@app/common';
import { appEnv, cpuMeter, db, fmt, machine, REDIS_URL, requireBuild, resetStores, seed, sleep, startEmulator, startProcess, stopAll, stopGracefully, postgresBackends, redisServer, toggleProfile } from './support';

const COUNT = Number(process.env.BENCH_REFRESH_CONNECTIONS ?? 100_000);
const WINDOW_SECONDS = Number(process.env.BENCH_DUE_WINDOW_SECONDS ?? 60);
const LEAD_IN_SECONDS = 20;
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '400';
const LATENCY_MS = 100;

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  requireBuild();
  console.log(`Refresh capacity benchmark - ${new Date().toISOString()} - ${machine()}`);
  await resetStores();
  const emulator = await startEmulator();
  const far = () => ({ expiresAt: new Date(Date.now() + 7200_000), nextRefreshAt: new Date(Date.now() + 7000_000) });
  const seeding = Date.now();
  await seed(emulator, COUNT, far);
  console.log(`Seeded ${COUNT} connections in ${fmt((Date.now() - seeding) / 1000)} s`);

  // Now that seeding is done, make them all due within the window (uniformly), starting LEAD_IN_SECONDS from now.
  const client = await db();
  await client.query(
    `UPDATE connections SET next_refresh_at = now() + make_interval(secs => $1 + random() * $2)`,
    [LEAD_IN_SECONDS, WINDOW_SECONDS],
  );
  await client.query(`UPDATE connections SET expires_at = next_refresh_at + interval '10 minutes'`);
  await client.query(`CREATE TABLE bench_due AS SELECT id, next_refresh_at AS due_at FROM connections`);
  await emulator.control('POST', '/faults', { kind: 'delay', delayMs: LATENCY_MS, count: 1_000_000_000, grantType: 'refresh_token' });

  const redis = new Redis(REDIS_URL);
  const memoryBefore = await usedMemory(redis);
  const started = Date.now();
  const worker = await startProcess(
    'worker',
    'dist/apps/worker/apps/worker/src/main.js',
    appEnv({
      MICROSOFT_LOGIN_URL: emulator.url,
      MICROSOFT_GRAPH_URL: emulator.url,
      REFRESH_CONCURRENCY: CONCURRENCY,
      REFRESH_JITTER_SECONDS: '0',
      REFRESH_SWEEP_INTERVAL_SECONDS: '5',
      REFRESH_SWEEP_HORIZON_SECONDS: '30',
    }),
    async () => (await redis.get(redisKeys(appEnv().QUEUE_PREFIX).workerHeartbeat)) !== null,
  );

  // Where the CPU goes, per refresh: the worker alone is the capacity of one worker process on a core of its own.
  const meter = cpuMeter({
    worker: () => [worker.pid!],
    emulator: () => [emulator.pid],
    postgres: postgresBackends,
    redis: redisServer,
    'bench process': () => [process.pid],
  });
  toggleProfile('worker', worker); // BENCH_PROFILE=worker: a CPU profile of the run, in bench/profiles/
  const grants = async () =>
    (await emulator.control<{ token: { byGrantType: Record<string, number> } }>('GET', '/counters')).token.byGrantType.refresh_token ?? 0;
  let memoryPeak = memoryBefore;
  const perSecond: number[] = [];
  let last = 0;
  const deadline = started + (LEAD_IN_SECONDS + WINDOW_SECONDS + 240) * 1000;
  while (Date.now() < deadline) {
    await sleep(1000);
    // Progress from the emulator's grant counter: counting refreshed rows in PostgreSQL every second would scan the
    // 300 MB connections table each time, on the same two cores as the worker. The final figures come from the rows.
    const done = await grants();
    memoryPeak = Math.max(memoryPeak, await usedMemory(redis));
    if (done > 0 || last > 0) perSecond.push(done - last);
    last = done;
    process.stdout.write(`\r  refreshed ${done}/${COUNT}, Redis ${fmt(memoryPeak / 2 ** 20)} MiB peak   `);
    if (done >= COUNT) break;
  }
  console.log();
  const cpu = meter();
  await sleep(2000); // the last grants counted are being stored
  toggleProfile('worker', worker);
  const { rows: stats } = await client.query(
    `SELECT count(*)::int AS refreshed,
            min(c.last_refreshed_at) AS first, max(c.last_refreshed_at) AS last,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.last_refreshed_at - d.due_at)) AS lag_p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM c.last_refreshed_at - d.due_at)) AS lag_p99,
            max(extract(epoch FROM c.last_refreshed_at - d.due_at)) AS lag_max,
            count(*) FILTER (WHERE c.last_refreshed_at > c.expires_at)::int AS after_expiry
       FROM connections c JOIN bench_due d USING (id) WHERE c.version > 1`,
  );
  const { rows: failures } = await client.query(`SELECT count(*)::int AS n FROM connections WHERE refresh_failures > 0 OR status <> 'active'`);
  const memoryAfter = await usedMemory(redis);
  const s = stats[0];
  const span = (new Date(s.last).getTime() - new Date(s.first).getTime()) / 1000;
  const sorted = [...perSecond].sort((a, b) => b - a);
  console.log(`| connections | refreshed | window (s) | refreshes/s (mean over the refreshing span) | best second | lag p50 / p99 / max (s) | Redis used before / peak / after (MiB) |`);
  console.log(`|---|---|---|---|---|---|---|`);
  console.log(
    `| ${COUNT} | ${s.refreshed} | ${WINDOW_SECONDS} | ${fmt(s.refreshed / span, 0)} | ${sorted[0] ?? 0} | ${fmt(Number(s.lag_p50))} / ${fmt(Number(s.lag_p99))} / ${fmt(Number(s.lag_max))} | ` +
      `${fmt(memoryBefore / 2 ** 20)} / ${fmt(memoryPeak / 2 ** 20)} / ${fmt(memoryAfter / 2 ** 20)} |`,
  );
  console.log(
    `Emulator refresh grants: ${await grants()}; connections with failures or not active: ${failures[0].n}; ` +
      `refreshed after expiry: ${s.after_expiry}; worker concurrency ${CONCURRENCY}, emulator latency ${LATENCY_MS} ms`,
  );
  console.log(`\nCPU per refresh (ms), the machine ${fmt(cpu.machineBusy * 100, 0)}% busy over the run:\n`);
  console.log(`| ${Object.keys(cpu.seconds).join(' | ')} |`);
  console.log(`|${Object.keys(cpu.seconds).map(() => '---|').join('')}`);
  console.log(`| ${Object.values(cpu.seconds).map((sec) => fmt((sec / s.refreshed) * 1000, 2)).join(' | ')} |`);
  const workerMs = (cpu.seconds.worker / s.refreshed) * 1000;
  console.log(`\nOne worker process on a core of its own: about ${fmt(1000 / workerMs, 0)} refreshes/s (1 s / ${fmt(workerMs, 2)} ms of worker CPU per refresh).`);
  await stopGracefully(worker);
  redis.disconnect();
  await client.end();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAll);
