/**
 * Shared by the benchmark scripts: their own database and Redis database (never a developer's or the tests'), the
 * built apps started as real processes, fast seeding with the real encryption, and small statistics helpers.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SecretBox, TokenHasher, tokenAad } from '@app/common';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';

const ROOT = resolve(__dirname, '..');
const PG_BASE = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME ?? 'latchkey_bench';
const DATABASE_URL = `${PG_BASE}/${BENCH_DATABASE}`;
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12';

/** The environment every started app gets. NODE_ENV=development: production refuses a loopback "Microsoft". */
export function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('MICROSOFT_')) env[k] = v;
  return {
    ...env,
    NODE_ENV: 'development',
    DATABASE_URL,
    REDIS_URL,
    QUEUE_PREFIX: 'latchkey-bench',
    OPERATOR_TOKEN: 'bench-operator-token-0123456789abcdef',
    ENCRYPTION_KEYS: `b1:${Buffer.alloc(32, 7).toString('base64')}`,
    API_KEY_PEPPER: 'bench-pepper-0123456789abcdef0123456789',
    LOG_LEVEL: 'warn',
    // As in production: JSON lines, not the development default (pino-pretty).
    LOG_FORMAT: 'json',
    // The worker's metrics listener on a port of its own choosing, never a developer's worker's 9464.
    WORKER_METRICS_PORT: '0',
    ...extra,
  };
}

const config = loadConfig(appEnv());
const secrets = new SecretBox(config.encryptionKeys);
const hasher = new TokenHasher(config.apiKeyPepper);

export function requireBuild(): void {
  for (const app of ['api', 'worker', 'microsoft-emulator']) {
    if (!existsSync(join(ROOT, 'dist/apps', app, 'apps', app, 'src/main.js'))) {
      throw new Error('Build first: npm run build (the benchmarks run the built apps, as production does).');
    }
  }
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

const children: ChildProcess[] = [];
export function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

const profiling = (name: string) => (process.env.BENCH_PROFILE ?? '').split(',').includes(name);

/**
 * Starts a built app (or a ts file through ts-node) and resolves once `ready` answers true. BENCH_PROFILE=<name>
 * preloads bench/cpu-profile-hook.js into that process: the script then profiles its measured window over IPC.
 */
export async function startProcess(name: string, script: string, env: Record<string, string>, ready: () => Promise<boolean>): Promise<ChildProcess> {
  const profile = profiling(name) ? ['-r', join(ROOT, 'bench/cpu-profile-hook.js')] : [];
  const args = [...profile, ...(script.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script] : [script])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), BENCH_PROFILE_NAME: name, ...env },
    stdio: profile.length ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    if (await ready().catch(() => false)) return child;
    await sleep(200);
  }
  throw new Error(`${name} did not become ready within 60 s`);
}

/** SIGTERM, then SIGKILL if it has not exited within `ms`. */
export async function stopGracefully(child: ChildProcess, ms = 15_000): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(ms)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Starts or stops (every second call) the CPU profile of a process started with BENCH_PROFILE=<its name>. */
export function toggleProfile(name: string, child: ChildProcess): void {
  if (profiling(name)) child.send('cpu-profile');
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (user + system), from /proc; null once it is gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Pids whose command line contains `needle` (PostgreSQL backends show their database in theirs). */
function pidsMatching(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3] - cpu[4], total }; // minus idle and iowait
}

export type CpuGroups = Record<string, () => number[]>;
export interface CpuUse {
  /** CPU seconds per group over the window. */
  seconds: Record<string, number>;
  /** How busy the whole machine was, 0..1 of all its cores. */
  machineBusy: number;
}

/**
 * Where the machine's CPU went during a window: per group of processes (the server under test, the load generator,
 * PostgreSQL's backends of the bench database, Redis...) and the whole machine, which includes everyone else's work.
 */
export function cpuMeter(groups: CpuGroups): () => CpuUse {
  const before = new Map<number, number>();
  for (const pids of Object.values(groups)) for (const pid of pids()) before.set(pid, cpuSecondsOf(pid) ?? 0);
  const m0 = machineTicks();
  return () => {
    const seconds: Record<string, number> = {};
    for (const [group, pids] of Object.entries(groups)) {
      seconds[group] = pids().reduce((sum, pid) => sum + Math.max(0, (cpuSecondsOf(pid) ?? 0) - (before.get(pid) ?? 0)), 0);
    }
    const m1 = machineTicks();
    return { seconds, machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total) };
  };
}

export const postgresBackends = () => pidsMatching(` ${BENCH_DATABASE} `);
export const redisServer = () => pidsMatching('redis-server');

export const httpReady = (url: string) => async () => (await fetch(url)).ok;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh bench database built by the real migrations, and an empty bench Redis database. */
export async function resetStores(): Promise<void> {
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
  await admin.end();
  await runMigrations(DATABASE_URL);
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
}

export async function db(): Promise<Client> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  return client;
}

export interface Emulator {
  url: string;
  pid: number;
  control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The Microsoft emulator as its own process (its CPU is not the measured process's), in test mode. */
export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startProcess('emulator', 'dist/apps/microsoft-emulator/apps/microsoft-emulator/src/main.js', { ...appEnv(), EMULATOR_PORT: String(port), EMULATOR_MODE: 'test' }, httpReady(`${url}/_emulator`));
  return {
    url,
    pid: child.pid!,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/_emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

export interface Seeded {
  customerId: string;
  apiKey: string;
  connectorId: string;
  clientId: string;
  connectionIds: string[];
}

const SCOPES = ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Mail.Read'];
const REDIRECT = 'http://localhost:3000/oauth/callback/bench';

/**
 * A customer with an API key and a connector whose app is registered at the emulator, plus `count` active
 * connections of the emulator's work user: each with its own encrypted access token and its own refresh token that
 * the emulator accepts (one real consent, cloned). `schedule(i)` gives each connection's expiry and due time.
 */
export async function seed(emulator: Emulator, count: number, schedule: (i: number) => { expiresAt: Date; nextRefreshAt: Date }): Promise<Seeded> {
  const client = await db();
  const customerId = randomUUID();
  const connectorId = randomUUID();
  const clientId = randomUUID();
  const clientSecret = `bench~${randomUUID()}`;
  const apiKey = TokenHasher.generate('lk_sk_', 32);
  await emulator.control('POST', '/apps', { clientId, clientSecret, clientType: 'confidential', redirectUris: [REDIRECT] });
  await client.query(`INSERT INTO customers (id, name, slug) VALUES ($1, 'Bench', 'bench')`, [customerId]);
  await client.query(`INSERT INTO api_keys (id, customer_id, name, prefix, key_hash) VALUES ($1, $2, 'bench', $3, $4)`, [randomUUID(), customerId, apiKey.slice(0, 12), hasher.hash(apiKey)]);
  await client.query(
    `INSERT INTO connectors (id, customer_id, kind, app_mode, client_id, client_type, client_secret_encrypted, tenant, scopes, display_name)
     VALUES ($1, $2, 'outlook-email', 'private', $3, 'confidential', $4, 'common', $5, 'Outlook')`,
    [connectorId, customerId, clientId, secrets.encrypt(clientSecret, `customer:${customerId}:connector:${connectorId}:client_secret`), SCOPES],
  );

  const refreshTokens = await emulator.control<{ refreshTokens: string[] }>('POST', '/refresh-tokens/clone', { refresh_token: await consentOnce(emulator, clientId, clientSecret), count });
  const ids: string[] = [];
  const BATCH = 2000;
  for (let start = 0; start < count; start += BATCH) {
    const cols: Record<string, unknown[]> = { id: [], end_user_id: [], access: [], refresh: [], expires: [], due: [], oid: [] };
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = randomUUID();
      const { expiresAt, nextRefreshAt } = schedule(i);
      ids.push(id);
      cols.id.push(id);
      cols.end_user_id.push(`bench-user-${i}`);
      cols.access.push(secrets.encrypt(`EwB${randomUUID()}${randomUUID()}`, tokenAad(customerId, id, 'access_token')));
      cols.refresh.push(secrets.encrypt(refreshTokens.refreshTokens[i], tokenAad(customerId, id, 'refresh_token')));
      cols.expires.push(expiresAt);
      cols.due.push(nextRefreshAt);
      cols.oid.push(randomUUID());
    }
    await client.query(
      `INSERT INTO connections (id, customer_id, connector_id, end_user_id, ms_tenant_id, ms_object_id, ms_label, client_id, scopes,
                                access_token_encrypted, refresh_token_encrypted, expires_at, next_refresh_at, status, requested_scopes,
                                authority_tenant, last_refreshed_at)
       SELECT u.id, $1, $2, u.end_user_id, '72f988bf-86f1-41af-91ab-2d7cd011db47', u.oid, 'megan@contoso.example', $3, $4,
              u.access, u.refresh, u.expires, u.due, 'active', $4, 'common', now()
         FROM unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[])
           AS u(id, end_user_id, access, refresh, expires, due, oid)`,
      [customerId, connectorId, clientId, SCOPES, cols.id, cols.end_user_id, cols.access, cols.refresh, cols.expires, cols.due, cols.oid],
    );
  }
  await client.query('ANALYZE connections');
  await client.end();
  return { customerId, apiKey, connectorId, clientId, connectionIds: ids };
}


/** One real authorization (the emulator's test-mode consent shortcut) and code redemption: a genuine refresh token. */
async function consentOnce(emulator: Emulator, clientId: string, clientSecret: string): Promise<string> {
  const authorize = new URL(`${emulator.url}/common/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries({ client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: SCOPES.join(' '), emulator_user: 'work', emulator_decision: 'accept' })) {
    authorize.searchParams.set(k, v);
  }
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '', REDIRECT).searchParams.get('code');
  if (!code) throw new Error(`no code from the emulator: ${redirect.status} ${redirect.headers.get('location')}`);
  const token = await fetch(`${emulator.url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, client_secret: clientSecret, scope: SCOPES.join(' ') }),
  });
  const body = (await token.json()) as { refresh_token?: string };
  if (!body.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(body)}`);
  return body.refresh_token;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
