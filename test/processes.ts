import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Real processes for resilience and multi-instance tests: the API and the worker as child processes (ts-node, as
 * `node` would run them), a private redis-server and a private PostgreSQL cluster that a test may kill and restart
 * without touching shared services.
 * Everything started here is remembered, so `stopAllProcesses()` in afterAll cleans up even after a failed test.
 */

const ROOT = resolve(__dirname, '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups = new Set<() => Promise<void>>();

/** Kills every child process still running and removes temp dirs; for afterAll. */
export async function stopAllProcesses(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((c) => c()));
}

/** Polls `what` until `ok` or the deadline; answers the last value either way (the caller asserts on it). */
export async function until<T>(what: () => Promise<T> | T, ok: (v: T) => boolean, ms = 20_000, every = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(every);
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Null while it runs. */
  exit(): Exit | null;
  /** Parsed JSON log lines (pino), newest last. */
  logs(): Array<Record<string, unknown>>;
  /** The last lines of raw output, for failure messages. */
  tail(lines?: number): string;
  kill(signal: NodeJS.Signals): void;
}

/** Spawns a Nest entry point with ts-node, as `node` would run it (signals included), collecting its output. */
function spawnApp(entry: string, env: Record<string, string>): { worker: WorkerProcess; cleanup: () => Promise<void> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: ROOT,
    // Readiness and failure messages are read from the log, so at least info whatever the test environment says.
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env, LOG_LEVEL: ['debug', 'trace'].includes(env.LOG_LEVEL) ? env.LOG_LEVEL : 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const raw: string[] = [];
  const parsed: Array<Record<string, unknown>> = [];
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((res) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      res(exit);
    });
  });
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        raw.push(line);
        if (raw.length > 400) raw.shift();
        if (line.startsWith('{')) {
          try {
            parsed.push(JSON.parse(line));
          } catch {
            // not a log line
          }
        }
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const cleanup = async () => {
    if (!exit) child.kill('SIGKILL');
    await exited;
  };
  cleanups.add(cleanup);
  void exited.then(() => cleanups.delete(cleanup));
  const worker: WorkerProcess = {
    pid: child.pid!,
    exited,
    exit: () => exit,
    logs: () => parsed,
    tail: (lines = 40) => raw.slice(-lines).join('\n'),
    kill: (signal) => void child.kill(signal),
  };
  return { worker, cleanup };
}

/**
 * Runs apps/worker/src/main.ts in a child process exactly as production boots it, and waits for its "Worker ready"
 * log line. ts-node's transpile-only mode emits the decorator metadata Nest needs.
 */
export async function startWorker(env: Record<string, string>, readyWithinMs = 60_000): Promise<WorkerProcess> {
  // Its metrics listener on an ephemeral port unless the test names one: several workers run at once.
  const { worker, cleanup } = spawnApp('apps/worker/src/main.ts', { WORKER_METRICS_PORT: '0', ...env });
  const ready = await until(() => worker.exit() !== null || worker.logs().some((l) => l.msg === 'Worker ready'), Boolean, readyWithinMs, 100);
  if (!ready || worker.exit()) {
    await cleanup();
    throw new Error(`The worker did not become ready (exit ${JSON.stringify(worker.exit())}):\n${worker.tail()}`);
  }
  return worker;
}

export interface ApiProcess extends WorkerProcess {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
}

/**
 * Runs apps/api/src/main.ts in a child process on a free port (unless env has PORT) and waits until GET /health/ready
 * answers 200 (Postgres and Redis reachable).
 */
export async function startApi(env: Record<string, string>, readyWithinMs = 60_000): Promise<ApiProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const { worker, cleanup } = spawnApp('apps/api/src/main.ts', { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const ready = await until(
    async () => worker.exit() !== null || (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)),
    Boolean,
    readyWithinMs,
    200,
  );
  if (!ready || worker.exit()) {
    await cleanup();
    throw new Error(`The API did not become ready on port ${port} (exit ${JSON.stringify(worker.exit())}):\n${worker.tail()}`);
  }
  return { ...worker, port, url };
}

async function waitForExit(child: ChildProcess, exited: Promise<unknown>, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

export interface PrivateRedis {
  port: number;
  url: string;
  /** Kills redis-server (SIGKILL: no save, no goodbye to clients). */
  kill(): Promise<void>;
  /** Starts it again on the same port; it comes back empty (no persistence). */
  start(): Promise<void>;
}

/** A redis-server of this test's own on a free port, without persistence. Never the shared one on 6379. */
export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<unknown> = Promise.resolve();
  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child = proc;
    exited = new Promise((res) => proc.once('exit', res));
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      const ok = await until(
        async () => {
          if (proc.exitCode !== null) return true;
          try {
            if (probe.status !== 'ready') await probe.connect();
            return (await probe.ping()) === 'PONG';
          } catch {
            return false;
          }
        },
        Boolean,
        10_000,
        50,
      );
      if (!ok || proc.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    } finally {
      probe.disconnect();
    }
  };
  const kill = async () => {
    if (child) await waitForExit(child, exited);
    child = null;
  };
  cleanups.add(kill);
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, kill, start };
}

export interface PrivatePostgres {
  port: number;
  /** URL of a database in this cluster. */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown: every connection is terminated, new ones are refused until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A PostgreSQL cluster of this test's own in a temp dir, on a free port, so a test can restart "the database"
 * while others use the machine's shared cluster. initdb refuses root: run as postgres then.
 */
export async function startPostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (bin: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args));
  const data = join(dir, 'data');
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;
  const destroy = async () => {
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(destroy);
  try {
    await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  } catch (error) {
    await destroy();
    cleanups.delete(destroy);
    throw error;
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const start = async () => void (await pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '30', 'start']));
  await start();
  return {
    port,
    url,
    async createDatabase(name) {
      const admin = new Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop: async () => void (await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'])),
    start,
  };
}
