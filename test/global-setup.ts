import './register-paths';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { runMigrations } from '@app/database';
import { TEST_ADMIN_DATABASE_URL, TEST_DATABASE_NAME, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

const ROOT = join(__dirname, '..');
const CONSOLE_SRC = join(ROOT, 'apps', 'console');
const CONSOLE_OUT = join(ROOT, 'dist', 'console');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Browser tests need the built admin console (the API serves dist/console). Vite builds it when it is missing or older
 * than its sources, into a temporary directory swapped in at the end, so a parallel test run never sees half a build.
 */
function buildConsoleIfStale(): void {
  const index = join(CONSOLE_OUT, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(CONSOLE_SRC)) return;
  const started = Date.now();
  const tmp = `${CONSOLE_OUT}.tmp-${process.pid}`;
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', join(CONSOLE_SRC, 'vite.config.ts'), '--outDir', tmp, '--logLevel', 'error'], {
      cwd: ROOT,
      // Jest sets NODE_ENV=test, which would give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    rmSync(CONSOLE_OUT, { recursive: true, force: true });
    try {
      renameSync(tmp, CONSOLE_OUT);
    } catch (error) {
      // A parallel run swapped its own fresh build in first.
      if (!existsSync(index)) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nBuilt the admin console into dist/console in ${Date.now() - started} ms`);
}

/** A fresh test database built by the real migrations, an empty test Redis database, and the built console. */
export default async function globalSetup(): Promise<void> {
  buildConsoleIfStale();
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${TEST_ADMIN_DATABASE_URL} (${(error as Error).message}). Start it with: bash scripts/ensure-services.sh`,
      { cause: error },
    );
  }
  await admin.query(`DROP DATABASE IF EXISTS "${TEST_DATABASE_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEST_DATABASE_NAME}"`);
  await admin.end();
  await runMigrations(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } catch (error) {
    throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (${(error as Error).message}). Start it with: bash scripts/ensure-services.sh`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
}
